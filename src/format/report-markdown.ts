import type { ReportDocument, RollupStatus } from '../controls/report-document.ts';
import {
  catalogText,
  countsText,
  coverageText,
  findingSubject,
  findingsWorstFirst,
  listText,
  manualText,
  packsText,
  reportTitle,
  unresolvedText,
} from './report-phrases.ts';

/** The roll-up as GitHub-flavoured Markdown: what a GRC lead pastes into a status update or a wiki page. */
export function formatReportMarkdown(report: ReportDocument): string {
  const controls = report.framework !== null;
  const blocks = [
    `# ${escape(reportTitle(report))}`,
    [
      `- **Snapshot:** sha256 ${code(report.snapshot.sha256)} collected ${report.snapshot.collectedAt}`,
      `- **Packs:** ${escape(packsText(report))}`,
      `- **Catalog:** ${escape(catalogText(report))}`,
      `- **Coverage:** ${coverageText(report)}`,
      `- **Criteria:** ${countsText(report.summary.criteria)}`,
      ...(report.summary.controls ? [`- **Controls:** ${countsText(report.summary.controls)}`] : []),
    ].join('\n'),
    '## Criteria',
    table(
      ['Criterion', 'Status', 'Title', 'Rules', ...(controls ? ['Controls'] : [])],
      report.criteria.map((c) => [escape(c.id), status(c.status), escape(c.title), escape(listText(c.rules)), ...(controls ? [escape(listText(c.controls))] : [])]),
    ),
  ];
  if (report.rules.length) {
    blocks.push('## Rules', table(['Rule', 'Status', 'Criteria', 'Results'], report.rules.map((r) => [escape(r.rule), status(r.status), escape(listText(r.criteria)), countsText(r.counts)])));
  }
  const findings = findingsWorstFirst(report);
  if (findings.length) {
    blocks.push('## Findings', table(['Finding', 'Rule', 'Resource', 'Note'], findings.map((f) => [status(f.status), escape(f.rule), code(findingSubject(f)), escape(f.message ?? '')])));
  }
  if (controls) {
    blocks.push(
      '## Controls',
      table(
        ['Control', 'Status', 'Owner', 'Title', 'Criteria', 'Rules'],
        report.controls.map((c) => [escape(c.id), status(c.status), escape(c.owner), escape(c.title), escape(listText(c.criteria)), escape(listText(c.rules))]),
      ),
    );
    const gaps = report.controls.flatMap((c) => c.unresolved.map((reference) => [escape(c.id), escape(unresolvedText(reference))]));
    if (gaps.length) blocks.push('### Missing evidence', table(['Control', 'Missing evidence'], gaps));
    const owed = report.controls.flatMap((c) => c.manual.map((item) => [escape(c.id), escape(c.owner), escape(manualText(item))]));
    if (owed.length) blocks.push('### Manual evidence owed', table(['Control', 'Owner', 'Evidence'], owed));
  }
  if (report.rulesOutsideCatalog.length) {
    blocks.push(`Rules that address no criterion of ${report.catalog.id}: ${escape(listText(report.rulesOutsideCatalog))}.`);
  }
  return `${blocks.join('\n\n')}\n`;
}

function table(header: string[], rows: string[][]): string {
  return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

/** Failures and errors in bold, so they stand out in a long table. */
function status(value: RollupStatus): string {
  return value === 'fail' || value === 'error' ? `**${value}**` : value;
}

/** Text in a table cell: a pipe would end the cell, a line break the row, and `*_<[` could start markup. */
function escape(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[\\|*_<>[\]`]/g, (ch) => `\\${ch}`);
}

/** An identifier as code: ARNs and hashes stay as they are, with a longer fence if they hold a backtick. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ` ${text} ` : text}${fence}`.replace(/\|/g, '\\|');
}
