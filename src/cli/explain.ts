import type { Command } from 'commander';
import { Ajv } from 'ajv';
import { readResultsFile } from '../controls/results-file.ts';
import { resultSubject, type ResultsDocument, type RuleResult } from '../evaluate/results.ts';
import { EXCEPTION_FIELDS, formatExplanation } from '../format/explain-text.ts';
import { UserError } from '../user-error.ts';
import { closestNames } from '../closest.ts';

interface ExplainFlags {
  rule: string;
  resource?: string;
}

export function register(program: Command): void {
  program
    .command('explain')
    .description('Show why results are what they are: each condition with the value it read, its pointer and its verdict.')
    .argument('<results>', 'results document written by soc2 evaluate')
    .requiredOption('--rule <id>', 'the rule whose results to explain (required)')
    .option('--resource <arn>', "only this resource's result (a result without an ARN: its pointer)")
    .addHelpText('after', '\nExit codes: 0 explained; 2 bad input (an unknown rule or resource: the closest ones are listed).')
    .action(async (file: string, flags: ExplainFlags) => {
      const doc = await readResultsFile(file);
      process.stdout.write(formatExplanation(doc, selectResults(doc, file, flags)));
    });
}

/** The results of `--rule` (and `--resource`), checked to carry what an explanation reads. */
function selectResults(doc: ResultsDocument, file: string, { rule, resource }: ExplainFlags): RuleResult[] {
  const ofRule = doc.results.filter((result) => result.rule === rule);
  if (ofRule.length === 0) {
    const closest = closestNames(rule, doc.results.map((result) => result.rule)).join(', ') || '(none: the results are empty)';
    throw new UserError(`${file}: no results for rule "${rule}"; the closest rule ids in these results: ${closest}`);
  }
  const selected = resource === undefined ? ofRule : ofRule.filter((result) => resultSubject(result) === resource);
  if (selected.length === 0) {
    const closest = closestNames(resource!, ofRule.map(resultSubject)).join(', ');
    throw new UserError(`${file}: rule ${rule} has no result for resource "${resource}"; the closest resources it judged: ${closest}`);
  }
  for (const result of selected) {
    if (!validateExplainable(result)) {
      const error = validateExplainable.errors![0]!;
      throw new UserError(`${file}: not a results document of soc2 evaluate: result of ${rule}: ${error.instancePath || '/'} ${error.message}`);
    }
  }
  return selected;
}

/** What an explanation reads beyond what `readResultsFile` checks. */
const validateExplainable = new Ajv({ allowUnionTypes: true }).compile<RuleResult>({
  type: 'object',
  required: ['severity', 'evidence', 'checks'],
  properties: {
    severity: { type: 'string' },
    message: { type: 'string' },
    evidence: { type: 'array', items: { type: 'object', required: ['pointer'], properties: { pointer: { type: 'string' } } } },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['condition', 'fact', 'operator', 'pointer', 'result'],
        properties: {
          condition: { type: 'string' },
          fact: { type: 'string' },
          path: { type: 'string' },
          operator: { type: 'string' },
          pointer: { type: ['string', 'null'] },
          result: { type: 'boolean' },
        },
      },
    },
    collectionErrors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['service', 'operation', 'code', 'pointer', 'message'],
        properties: Object.fromEntries(['service', 'operation', 'code', 'pointer', 'message'].map((name) => [name, { type: 'string' }])),
      },
    },
    exception: { type: 'object', required: EXCEPTION_FIELDS, properties: Object.fromEntries(EXCEPTION_FIELDS.map((name) => [name, { type: 'string' }])) },
  },
});
