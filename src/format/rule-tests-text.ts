import type { CaseOutcome, RuleTestRun } from '../rules/rule-tests.ts';
import { resultSubject } from '../evaluate/results.ts';
import { explainResult } from './explain-text.ts';

const INDENT = '  ';

/**
 * `soc2 rules test` output: a line per case, and for a case that failed, each unmet expectation with what the
 * rule gave and why (its checks and evidence, as `soc2 explain` prints them); the summary line last.
 */
export function formatRuleTestRun(run: RuleTestRun): string {
  const lines = run.outcomes.flatMap((outcome) => (outcome.passed ? [`ok    ${title(outcome)}`] : failure(outcome)));
  const failed = run.outcomes.filter((outcome) => !outcome.passed).length;
  lines.push(`${run.outcomes.length - failed} passed, ${failed} failed`);
  return `${lines.join('\n')}\n`;
}

function title(outcome: CaseOutcome): string {
  return `${outcome.rule}: ${outcome.name}`;
}

function failure(outcome: CaseOutcome): string[] {
  const lines = [`FAIL  ${title(outcome)}`, `${INDENT}at ${outcome.file}:${outcome.line}:${outcome.col}`];
  for (const expectation of outcome.expectations.filter((e) => !e.met)) {
    const got = expectation.actual.length ? expectation.actual.map((result) => result.status).join(', ') : 'no result';
    lines.push(`${INDENT}${expectation.subject}: expected ${expectation.expected}, got ${got}`);
    if (expectation.actual.length === 0) lines.push(...indented(2, [`the rule gave: ${outcome.results.map(resultSubject).join(', ')}`]));
    for (const result of expectation.actual) lines.push(...indented(2, explainResult(result)));
  }
  const count = outcome.count;
  if (count && count.expected !== count.actual) {
    lines.push(`${INDENT}count: expected ${count.expected} results, got ${count.actual}`);
    lines.push(...indented(2, outcome.results.map((result) => `${resultSubject(result)}: ${result.status}`)));
  }
  return lines;
}

function indented(depth: number, lines: string[]): string[] {
  return lines.map((line) => `${INDENT.repeat(depth)}${line}`);
}
