import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { RESULT_STATUSES, type ResultsDocument } from '../evaluate/results.ts';
import { UserError } from '../user-error.ts';

const string = { type: 'string' };
const stringOrNull = { type: ['string', 'null'] };
const record = (fields: Record<string, object>) => ({ type: 'object', required: Object.keys(fields), properties: fields });

/** The fields of a results document the roll-up relies on (more may be there). */
const validateResults = new Ajv({ allowUnionTypes: true }).compile<ResultsDocument>(
  record({
    schemaVersion: { const: 1 },
    snapshot: record({ sha256: string, collectedAt: string }),
    packs: { type: 'array', items: record({ name: string, version: string, sha256: string }) },
    results: {
      type: 'array',
      items: record({
        rule: string,
        title: string,
        criteria: { type: 'array', items: string },
        status: { enum: RESULT_STATUSES },
        resource: stringOrNull,
        pointer: stringOrNull,
      }),
    },
  }),
);

/**
 * Reads a results document written by `soc2 evaluate`. A wrong or damaged file is refused, naming the place that
 * is wrong, rather than rolled up into a misleading report.
 */
export async function readResultsFile(file: string): Promise<ResultsDocument> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`${file}: cannot be read: ${error.code ?? error.message}`);
  });
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${file}: not JSON: ${(error as Error).message}`);
  }
  if (!validateResults(document)) {
    const error = validateResults.errors![0]!;
    const allowed = error.keyword === 'enum' ? `: ${(error.params as { allowedValues: string[] }).allowedValues.join(', ')}` : '';
    throw new UserError(`${file}: not a results document of soc2 evaluate: ${error.instancePath || '/'} ${error.message}${allowed}`);
  }
  return document;
}
