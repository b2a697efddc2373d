import { RE2JS } from 're2js';
import { wrongKind, type ProjectOperator } from './operator.ts';

/** Longer patterns are refused: a rule's pattern is a short check, not a program. */
export const MAX_PATTERN_LENGTH = 1000;
/** Compiled patterns kept; patterns read from the snapshot (a fact as the value) could otherwise grow it forever. */
const CACHE_SIZE = 1000;
const compiled = new Map<string, RE2JS>();

export const REGEX_OPERATORS: Record<string, ProjectOperator> = {
  /**
   * `fact` is a string, `value` an RE2 pattern: true when the pattern matches somewhere in the string (anchor it
   * with `^...$` to match the whole). RE2 runs in linear time, so no pattern can backtrack catastrophically; it has
   * no backreferences or lookaround. `(?i)` at the start ignores case. A null fact is false.
   */
  matchesRegex: {
    make: () => (fact, pattern) => {
      if (fact === null || fact === undefined) return false;
      if (typeof fact !== 'string') throw wrongKind('matchesRegex', 'a string', fact);
      return compile(pattern).matcher(fact).find();
    },
    valueProblem: (pattern) => {
      try {
        compile(pattern);
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    },
  },
};

function compile(pattern: unknown): RE2JS {
  if (typeof pattern !== 'string') throw new TypeError(`matchesRegex needs a pattern (a string) as its value, got ${JSON.stringify(pattern)}`);
  let regex = compiled.get(pattern);
  if (regex) return regex;
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new TypeError(`matchesRegex pattern is ${pattern.length} characters long; the limit is ${MAX_PATTERN_LENGTH}`);
  }
  try {
    regex = RE2JS.compile(pattern);
  } catch (error) {
    throw new TypeError(`matchesRegex pattern ${JSON.stringify(pattern)} is not a valid RE2 pattern: ${(error as Error).message}`);
  }
  if (compiled.size >= CACHE_SIZE) compiled.clear();
  compiled.set(pattern, regex);
  return regex;
}
