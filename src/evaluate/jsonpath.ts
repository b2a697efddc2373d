import { JSONPath } from 'jsonpath-plus';
import { pointerOf, pointerSegments } from '../pointer.ts';

/**
 * The JSONPath rules may use: `$` followed by `.name`, `['name']`, `[0]`, `.*`, `[*]` and `..` (recursive
 * descent). Nothing else: no filters or scripts (rules never run code), no slices, unions or jsonpath-plus
 * extensions. Matching is jsonpath-plus's, always with `eval: false`; this module also parses the path itself,
 * strictly, so that it can refuse what jsonpath-plus would silently misread and can tell where data is missing.
 */

/** A value found by a JSONPath, with its RFC 6901 pointer in the snapshot. */
export interface Match {
  pointer: string;
  value: unknown;
}

/** One step of a parsed path; `end` is its end offset in the path text, to query the path up to that step. */
type StepKind = { kind: 'name'; name: string } | { kind: 'wildcard' } | { kind: 'descend' };
type Step = StepKind & { end: number };

const DOT_NAME = /^[A-Za-z0-9_-]+/;
const INDEX = /^\[(\d+)\]/;
/** Quoted names: what AWS allows in tag keys, which covers every key a snapshot has. */
const QUOTED_NAME = /^\[(['"])([A-Za-z0-9 _.:/=+@-]+)\1\]/;
/** Names jsonpath-plus would read as something else: a slice (`1:2`), `..`, a type selector (`@string()`). */
const MISREAD_NAME = /^(-?\d*:-?\d*(:-?\d*)?|\.+|@.*)$/;

class PathSyntaxError extends Error {}

/** Why a rule's JSONPath is not allowed (bad syntax, a filter or script expression), or null when it is fine. */
export function jsonPathProblem(path: string): string | null {
  try {
    parse(path);
    return null;
  } catch (error) {
    if (error instanceof PathSyntaxError) return error.message;
    throw error;
  }
}

function parse(path: string): Step[] {
  if (/[()?]/.test(path)) {
    throw new PathSyntaxError(
      `JSONPath ${JSON.stringify(path)} contains a filter or script expression ("?(", "(", ")"), which rules may not use: ` +
        'JSONPath is evaluated without scripts; express the test as a where/conditions entry instead',
    );
  }
  if (!path.startsWith('$')) throw new PathSyntaxError(`JSONPath ${JSON.stringify(path)} must start with $`);
  const steps: Step[] = [];
  let at = 1;
  while (at < path.length) {
    const rest = path.slice(at);
    const afterDot = rest.startsWith('..') ? 2 : rest.startsWith('.') ? 1 : 0;
    if (afterDot === 2) steps.push({ kind: 'descend', end: at + 2 });
    const [step, length] = afterDot > 0 ? dotStep(rest.slice(afterDot), afterDot === 2) : bracketStep(rest);
    if (!step) throw unexpected(path, at + afterDot);
    at += afterDot + length;
    steps.push({ ...step, end: at });
  }
  assertJsonPathPlusAgrees(path, steps);
  return steps;
}

type Parsed = [StepKind | undefined, number];

/** After `.` (or `..`): a name or `*`; after `..` also a bracket. */
function dotStep(rest: string, descending: boolean): Parsed {
  if (rest.startsWith('*')) return [{ kind: 'wildcard' }, 1];
  const name = DOT_NAME.exec(rest);
  if (name) return [{ kind: 'name', name: name[0] }, name[0].length];
  return descending ? bracketStep(rest) : [undefined, 0];
}

/** `[*]`, `[0]` or `['name']`. */
function bracketStep(rest: string): Parsed {
  if (rest.startsWith('[*]')) return [{ kind: 'wildcard' }, 3];
  const index = INDEX.exec(rest);
  if (index) return [{ kind: 'name', name: index[1]! }, index[0].length];
  const quoted = QUOTED_NAME.exec(rest);
  if (quoted && !MISREAD_NAME.test(quoted[2]!)) return [{ kind: 'name', name: quoted[2]! }, quoted[0].length];
  return [undefined, 0];
}

function unexpected(path: string, at: number): PathSyntaxError {
  const quoted = QUOTED_NAME.exec(path.slice(at));
  if (quoted) return new PathSyntaxError(`JSONPath ${JSON.stringify(path)}: jsonpath-plus would not read ${quoted[0]} as a plain name`);
  const found = at < path.length ? `"${path[at]}"` : 'the end';
  return new PathSyntaxError(
    `JSONPath ${JSON.stringify(path)}: unexpected ${found} at column ${at + 1}; ` +
      "only $, .name, ['name'], [0], .*, [*] and .. are allowed",
  );
}

/** Belt and braces: the matcher must see the same steps this module does, or the evidence pointers would lie. */
function assertJsonPathPlusAgrees(path: string, steps: Step[]): void {
  const ours = ['$', ...steps.map((s) => (s.kind === 'name' ? s.name : s.kind === 'wildcard' ? '*' : '..'))];
  const theirs = JSONPath.toPathArray(path);
  if (ours.length !== theirs.length || ours.some((s, i) => s !== theirs[i])) {
    throw new PathSyntaxError(`JSONPath ${JSON.stringify(path)} is ambiguous; write each name as .name or ['name']`);
  }
}

/** Parsed paths: a pack has a few dozen, each read once per resource. */
const parsed = new Map<string, Step[]>();

function parseOrThrow(path: string): Step[] {
  let steps = parsed.get(path);
  if (steps) return steps;
  try {
    steps = parse(path);
  } catch (error) {
    if (error instanceof PathSyntaxError) throw new Error(error.message);
    throw error;
  }
  parsed.set(path, steps);
  return steps;
}

/** Every match of `path` in `node`, which lives at `basePointer` in the snapshot. Script evaluation is off. */
export function query(node: unknown, basePointer: string, path: string): Match[] {
  const steps = parseOrThrow(path);
  if (steps.length === 0) return [{ pointer: basePointer, value: node }];
  if (!node || typeof node !== 'object') return [];
  const found = JSONPath({ path, json: node, resultType: 'all', wrap: true, eval: false }) as { pointer: string; value: unknown }[];
  return found.map((m) => ({ pointer: basePointer + m.pointer, value: m.value }));
}

/** What a condition sees when it reads `path`, and what the evaluator must know about that read. */
export interface Reading {
  /**
   * A definite path (names and indexes only) gives its value, or null when it runs into a null on the way
   * (collected: nothing there); any other path gives the list of matched values. Undefined when anything the
   * path needs is absent.
   */
  value: unknown;
  /** The value's pointer (or the null's); for a path with wildcards, the pointer of its definite beginning. */
  pointer: string;
  /** Every pointer and value the read reached, for the result's evidence; absent places carry no value. */
  evidence: { pointer: string; value?: unknown }[];
  /** Places the path needed that are not in the snapshot: data that was not collected. */
  absent: string[];
}

export function read(node: unknown, basePointer: string, path: string): Reading {
  const steps = parseOrThrow(path);
  const leading = steps.findIndex((s) => s.kind !== 'name');
  if (leading === -1) {
    const end = walk(node, basePointer, names(steps));
    if (end.absent) return { value: undefined, pointer: end.pointer, evidence: [{ pointer: end.pointer }], absent: [end.pointer] };
    return { value: end.value, pointer: end.pointer, evidence: [{ pointer: end.pointer, value: end.value }], absent: [] };
  }
  const matches = query(node, basePointer, path);
  const absent = missing(node, basePointer, path);
  return {
    value: absent.length > 0 ? undefined : matches.map((m) => m.value),
    pointer: pointerOf([...pointerSegments(basePointer), ...names(steps.slice(0, leading))]),
    evidence: [...matches, ...absent.map((pointer) => ({ pointer }))],
    absent,
  };
}

/**
 * The places `path` needs that are absent. A name or index step that finds nothing is absent data; a null on the
 * way is not (it was collected and there is nothing there); wildcards and `..` never are (they match what exists).
 */
export function missing(node: unknown, basePointer: string, path: string): string[] {
  const steps = parseOrThrow(path);
  const absent: string[] = [];
  let runStart = 0;
  for (let i = 0; i <= steps.length; i++) {
    const step = steps[i];
    if (step?.kind === 'name' && steps[i - 1]?.kind !== 'descend') continue;
    const run = steps.slice(runStart, i);
    if (run.length > 0) {
      const roots = runStart === 0 ? [{ pointer: basePointer, value: node }] : query(node, basePointer, path.slice(0, steps[runStart - 1]!.end));
      for (const root of roots) {
        const end = walk(root.value, root.pointer, names(run));
        if (end.absent) absent.push(end.pointer);
      }
    }
    runStart = i + 1;
  }
  return [...new Set(absent)];
}

function names(steps: Step[]): string[] {
  return steps.flatMap((s) => (s.kind === 'name' ? [s.name] : []));
}

/** Follows names from `node` as jsonpath-plus does (own properties only); a null on the way ends the walk there. */
function walk(node: unknown, pointer: string, path: string[]): { pointer: string; value: unknown; absent: boolean } {
  const segments = pointerSegments(pointer);
  let value = node;
  for (const name of path) {
    if (value === null) break;
    segments.push(name);
    if (typeof value !== 'object' || !Object.hasOwn(value as object, name)) return { pointer: pointerOf(segments), value: undefined, absent: true };
    value = (value as Record<string, unknown>)[name];
  }
  return { pointer: pointerOf(segments), value, absent: false };
}

/**
 * Whether data at `pointer` could hold matches of `path` evaluated at `basePointer`: the pointer names the place
 * of a match or one of its ancestors (wildcards match any segment, `..` any number of them). Used to find the
 * collection errors that leave a selection or a count incomplete.
 */
export function couldHoldMatches(pointer: string, basePointer: string, path: string): boolean {
  const base = pointerSegments(basePointer);
  const target = pointerSegments(pointer);
  const steps: Step[] = [...base.map((name) => ({ kind: 'name' as const, name, end: 0 })), ...parseOrThrow(path)];
  const fits = (t: number, s: number): boolean => {
    if (t === target.length) return true;
    const step = steps[s];
    if (step === undefined) return false;
    if (step.kind === 'descend') {
      for (let skip = t; skip <= target.length; skip++) if (fits(skip, s + 1)) return true;
      return false;
    }
    return (step.kind === 'wildcard' || step.name === target[t]) && fits(t + 1, s + 1);
  };
  return fits(0, 0);
}
