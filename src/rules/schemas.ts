import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { PROJECT_ROOT } from '../version.ts';

/** The JSON Schemas in `schemas/`: the same files editors use through `# yaml-language-server: $schema=...`. */
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const compiled = new Map<string, ValidateFunction>();

/** `schemas/NAME`, compiled once per process. */
export function compileSchema(name: string): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readFileSync(join(PROJECT_ROOT, 'schemas', name), 'utf8')) as object);
    compiled.set(name, validate);
  }
  return validate;
}

export const validateRule = compileSchema('rule.schema.json');
export const validatePackManifest = compileSchema('pack.schema.json');
