import type { Check, ResultsDocument, RuleResult } from '../evaluate/results.ts';

/** Labels are padded to this width so values line up in a column. */
const LABEL_WIDTH = 12;
const INDENT = '  ';
/** An exception's fields in the order a reader wants them: what, why, who, until when. */
export const EXCEPTION_FIELDS = ['rule', 'resource', 'reason', 'owner', 'approvedBy', 'expires'] as const;

/**
 * `soc2 explain`: the rule once, then for each result why it is what it is: status and message, every condition
 * with the value it read, where, and its verdict, the evidence, the collection errors and any exception.
 */
export function formatExplanation(doc: ResultsDocument, results: readonly RuleResult[]): string {
  const first = results[0]!;
  const lines = [
    field('rule', first.rule),
    field('title', first.title),
    field('criteria', first.criteria.join(', ')),
    field('severity', first.severity),
    field('snapshot', `${doc.snapshot.sha256}, collected ${doc.snapshot.collectedAt}`),
  ];
  for (const result of results) lines.push('', ...explainResult(result));
  return `${lines.join('\n')}\n`;
}

/** One result's verdict and its reasons (also printed by `soc2 rules test` for a case that fails). */
export function explainResult(result: RuleResult): string[] {
  return [
    field('resource', result.resource ?? '(none)'),
    field('pointer', result.pointer ?? '(none)'),
    field('status', result.status),
    ...(result.message === undefined ? [] : [field('message', result.message)]),
    ...section('checks', result.checks.flatMap(checkLines)),
    ...section('evidence', result.evidence.map((e) => `${e.pointer}  ${shown(e, 'value')}`)),
    ...section(
      'collection errors',
      (result.collectionErrors ?? []).flatMap((e) => [
        `${e.service}:${e.operation} ${e.code} at ${e.pointer}`,
        `${INDENT}${JSON.stringify(e.message)}`,
      ]),
    ),
    ...section('exception', result.exception ? EXCEPTION_FIELDS.map((name) => field(name, result.exception![name])) : []),
  ];
}

/**
 * `conditions.all[0]  false`, then what was compared and what was read where. A comparison over absent data has no
 * verdict (the engine's true or false there means nothing): it is what made the result an error.
 */
function checkLines(check: Check): string[] {
  const test = [check.fact, check.path, check.operator, JSON.stringify(check.expected) ?? '(nothing)'].filter((part) => part !== undefined);
  const verdict = Object.hasOwn(check, 'actual') ? String(check.result) : 'not judged: the data is absent';
  return [
    `${check.condition}  ${verdict}`,
    `${INDENT}test  ${test.join(' ')}`,
    `${INDENT}read  ${shown(check, 'actual')} at ${check.pointer ?? '(no place)'}`,
  ];
}

/** A value as JSON; `(absent)` when nothing was there (the data was not collected). */
function shown<T extends object>(holder: T, key: keyof T): string {
  return Object.hasOwn(holder, key) ? (JSON.stringify(holder[key]) ?? '(absent)') : '(absent)';
}

function field(label: string, value: string): string {
  return `${label.padEnd(LABEL_WIDTH)}${value}`;
}

/** A titled, indented block; a section with nothing in it is left out. */
function section(title: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : [title, ...lines.map((line) => `${INDENT}${line}`)];
}
