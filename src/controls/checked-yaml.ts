import { compileSchema } from '../rules/schemas.ts';
import { UserError } from '../user-error.ts';
import { at, formatProblem, readYamlFile, schemaProblems, sortProblems, type Problem, type YamlSource } from '../yaml-source.ts';

export interface CheckedYaml<T> {
  source: YamlSource;
  /** The file's value, set only when it parsed and matched the schema, so the caller's checks can trust its shape. */
  value: T | undefined;
  problems: Problem[];
  /**
   * JSON Pointers of the nodes the schema rejected. A caller that wants to check the rest of a file the schema
   * rejected (to report every problem in one run) reads `source.value` and skips whatever is at or under these.
   */
  rejected: string[];
}

/** Reads a YAML file and checks it against one of the project's JSON Schemas. */
export async function readCheckedYaml<T>(file: string, schemaName: string): Promise<CheckedYaml<T>> {
  const source = await readYamlFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`${file}: cannot be read: ${error.code ?? error.message}`);
  });
  if (source.value === undefined || hasErrors(source.problems)) return { source, value: undefined, problems: source.problems, rejected: [] };
  const validate = compileSchema(schemaName);
  const problems = [...source.problems, ...schemaProblems(source, validate)];
  // schemaProblems ran `validate`, which keeps the errors of its last run.
  const rejected = (validate.errors ?? []).map((error) => error.instancePath);
  return { source, value: hasErrors(problems) ? undefined : (source.value as T), problems, rejected };
}

function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Throws every problem at once (warnings included, for context) when any is an error; else returns the warnings. */
export function throwIfErrors(problems: readonly Problem[]): Problem[] {
  const sorted = sortProblems([...problems]);
  if (hasErrors(sorted)) throw new UserError(sorted.map(formatProblem).join('\n'));
  return sorted;
}

/** A problem at the node `path` names in the file. */
export function located(source: YamlSource, path: readonly (string | number)[], message: string, severity: Problem['severity'] = 'error'): Problem {
  const { line, col } = source.locate(path);
  return at(source.file, line, col, message, severity);
}
