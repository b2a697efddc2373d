import { compileSchema } from '../rules/schemas.ts';
import { UserError } from '../user-error.ts';
import { at, formatProblem, readYamlFile, schemaProblems, sortProblems, type Problem, type YamlSource } from '../yaml-source.ts';

/**
 * Reads a YAML file and checks it against one of the project's JSON Schemas. `value` is set only when the file
 * parsed and matched the schema, so the caller's own checks can trust its shape.
 */
export async function readCheckedYaml<T>(
  file: string,
  schemaName: string,
): Promise<{ source: YamlSource; value: T | undefined; problems: Problem[] }> {
  const source = await readYamlFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`${file}: cannot be read: ${error.code ?? error.message}`);
  });
  if (source.value === undefined || hasErrors(source.problems)) return { source, value: undefined, problems: source.problems };
  const problems = [...source.problems, ...schemaProblems(source, compileSchema(schemaName))];
  return { source, value: hasErrors(problems) ? undefined : (source.value as T), problems };
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
