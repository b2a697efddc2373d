import { UserError } from '../user-error.ts';
import { at, formatProblem } from '../yaml-source.ts';
import { isPlainObject } from '../plain-object.ts';
import type { LoadOptions } from './loader.ts';
import { readPackYaml } from './pack-files.ts';

/**
 * Reads a parameter overrides file (`--params FILE`): a YAML mapping from parameter name to value, for example
 * `maxAccessKeyAgeDays: 30`. Each override is located, so that a type mismatch or an undeclared name is reported
 * at its line. Throws a UserError listing every problem of the file.
 */
export async function readParameterFile(file: string): Promise<Required<Pick<LoadOptions, 'params' | 'paramLocations'>>> {
  const source = await readPackYaml(file);
  const problems = [...source.problems];
  if (source.value !== undefined && !isPlainObject(source.value)) {
    const { line, col } = source.locate([]);
    problems.push(at(file, line, col, 'expected a mapping from parameter names to values, for example "maxAccessKeyAgeDays: 30"'));
  }
  if (problems.some((p) => p.severity === 'error')) throw new UserError(problems.map(formatProblem).join('\n'));
  const params = source.value as Record<string, unknown>;
  const paramLocations = Object.fromEntries(Object.keys(params).map((name) => [name, { file, ...source.locate([name], 'key') }]));
  return { params, paramLocations };
}
