import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { PROJECT_ROOT } from '../version.ts';

/** The JSON Schemas in `schemas/`: the same files editors use through `# yaml-language-server: $schema=...`. */
const ajv = new Ajv({ allErrors: true });

export const validateRule = compile('rule.schema.json');
export const validatePackManifest = compile('pack.schema.json');

function compile(name: string): ValidateFunction {
  const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, 'schemas', name), 'utf8')) as object;
  return withoutBranchSummaries(ajv.compile(schema));
}

/**
 * A failed if/then/else branch is reported twice: by the branch's own errors (the useful ones) and again as
 * `must match "then" schema` on every enclosing `if`. Only the first say what to fix.
 */
function withoutBranchSummaries(validate: ValidateFunction): ValidateFunction {
  const filtered = (data: unknown): data is unknown => {
    const valid = validate(data);
    filtered.errors = validate.errors?.filter((error) => error.keyword !== 'if') ?? null;
    return valid;
  };
  filtered.errors = null as ValidateFunction['errors'];
  return Object.assign(filtered, { schema: validate.schema, schemaEnv: validate.schemaEnv });
}
