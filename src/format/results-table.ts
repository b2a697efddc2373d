import { SEVERITIES } from '../rules/types.ts';
import { RESULT_STATUSES, resultSubject, type ResultsDocument, type RuleResult } from '../evaluate/results.ts';

const WIDTH = 100;
/** Detail lines start under the rule id: two spaces, the status column, one space. */
const DETAIL_INDENT = ' '.repeat(9);
const NO_CRITERION = '(no criterion)';

/**
 * The results for a terminal, within 100 columns: what was evaluated, the count per status, then every
 * failure and error grouped by criterion (a rule with two criteria is listed under both), most severe first.
 */
export function formatResultsTable(doc: ResultsDocument): string {
  const lines = [
    `snapshot  ${doc.snapshot.sha256}`,
    `collected ${doc.snapshot.collectedAt}`,
    `packs     ${doc.packs.map((p) => `${p.name} ${p.version}`).join(', ') || '(none)'}`,
    '',
    RESULT_STATUSES.map((status) => `${status} ${doc.summary[status]}`).join('   '),
  ];
  const findings = doc.results
    .filter((r) => r.status === 'fail' || r.status === 'error')
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  const byCriterion = new Map<string, RuleResult[]>();
  for (const result of findings) {
    for (const criterion of result.criteria.length ? result.criteria : [NO_CRITERION]) {
      byCriterion.set(criterion, [...(byCriterion.get(criterion) ?? []), result]);
    }
  }
  if (byCriterion.size === 0) lines.push('', 'No failures or errors.');
  for (const criterion of [...byCriterion.keys()].sort()) {
    lines.push('', criterion);
    for (const result of byCriterion.get(criterion)!) lines.push(...finding(result));
  }
  return `${lines.join('\n')}\n`;
}

function finding(result: RuleResult): string[] {
  const why = result.status === 'fail' ? result.title : (result.message ?? '');
  return [
    `  ${result.status.toUpperCase().padEnd(6)} ${result.severity.padEnd(13)} ${result.rule}`,
    `${DETAIL_INDENT}${resultSubject(result)}`,
    ...wrap(why, WIDTH - DETAIL_INDENT.length).map((line) => `${DETAIL_INDENT}${line}`),
  ];
}

/** Greedy word wrap; a word longer than the width (an ARN, a pointer) gets a line of its own. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
