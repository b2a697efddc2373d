import { at, schemaProblems, type Problem } from '../yaml-source.ts';
import { isPlainObject } from '../plain-object.ts';
import { readPackYaml } from './pack-files.ts';
import { validatePackManifest } from './schemas.ts';

export interface PackManifest {
  name: string;
  version: string;
  description: string;
  /** Declared parameters with their defaults. */
  parameters: Record<string, unknown>;
}

/** A pack.yaml, read and checked. `manifest` is set only when the file has no errors. */
export interface ManifestFile {
  file: string;
  manifest?: PackManifest;
  /** The pack's name and where it is written, for the duplicate check (set even when the file has errors). */
  name?: { value: string; line: number; col: number };
  /** The declared parameters when they could be read, even if other fields have errors. */
  parameters?: Record<string, unknown>;
  /** Where a declared parameter's default is written. */
  locateParameter(name: string): { line: number; col: number };
  problems: Problem[];
  /** SHA-256 of the bytes parsed; absent when the file could not be read. */
  sha256?: string;
}

export async function readManifest(file: string): Promise<ManifestFile> {
  const source = await readPackYaml(file);
  const result = { file, problems: source.problems, sha256: source.sha256, locateParameter: (name: string) => source.locate(['parameters', name]) };
  if (source.value === undefined) return result;
  if (!isPlainObject(source.value)) {
    const { line, col } = source.locate([]);
    return { ...result, problems: [...source.problems, at(file, line, col, 'expected a mapping with name, version, description and parameters')] };
  }
  const value = source.value;
  const problems = [...source.problems, ...schemaProblems(source, validatePackManifest)];
  const name = typeof value.name === 'string' ? { value: value.name, ...source.locate(['name']) } : undefined;
  const parameters = value.parameters === undefined ? {} : isPlainObject(value.parameters) ? value.parameters : undefined;
  if (problems.some((p) => p.severity === 'error')) return { ...result, problems, name, parameters };
  const manifest = { ...(value as Omit<PackManifest, 'parameters'>), parameters: parameters ?? {} };
  return { ...result, problems, name, parameters, manifest };
}

/** Stands in for a pack.yaml that does not exist: nothing declared, so nothing is checked against it. */
export function absentManifest(file: string): ManifestFile {
  return { file, problems: [], locateParameter: () => ({ line: 1, col: 1 }) };
}
