import type { ReportDocument } from '../controls/report-document.ts';
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

/** The roll-up for a terminal: a header, then one aligned table per section. */
export function formatReportTable(report: ReportDocument): string {
  const controls = report.framework !== null;
  const header = [
    ['Snapshot', `sha256 ${report.snapshot.sha256} collected ${report.snapshot.collectedAt}`],
    ['Packs', packsText(report)],
    ['Catalog', catalogText(report)],
    ['Coverage', coverageText(report)],
    ['Criteria', countsText(report.summary.criteria)],
    ...(report.summary.controls ? [['Controls', countsText(report.summary.controls)]] : []),
  ];
  const sections = [
    [reportTitle(report), ...aligned(header)],
    aligned([
      ['CRITERION', 'STATUS', 'TITLE', 'RULES', ...(controls ? ['CONTROLS'] : [])],
      ...report.criteria.map((criterion) => [
        criterion.id,
        criterion.status,
        criterion.title,
        listText(criterion.rules),
        ...(controls ? [listText(criterion.controls)] : []),
      ]),
    ]),
  ];
  if (report.rules.length) {
    sections.push(aligned([['RULE', 'STATUS', 'CRITERIA', 'RESULTS'], ...report.rules.map((rule) => [rule.rule, rule.status, listText(rule.criteria), countsText(rule.counts)])]));
  }
  const findings = findingsWorstFirst(report);
  if (findings.length) {
    sections.push(aligned([['FINDING', 'RULE', 'RESOURCE', 'NOTE'], ...findings.map((f) => [f.status, f.rule, findingSubject(f), f.message ?? ''])]));
  }
  if (controls) {
    sections.push(
      aligned([
        ['CONTROL', 'STATUS', 'OWNER', 'TITLE', 'RULES'],
        ...report.controls.map((control) => [control.id, control.status, control.owner, control.title, listText(control.rules)]),
      ]),
    );
    const gaps = report.controls.flatMap((control) => control.unresolved.map((reference) => [control.id, unresolvedText(reference)]));
    if (gaps.length) sections.push(aligned([['CONTROL', 'MISSING EVIDENCE'], ...gaps]));
    const owed = report.controls.flatMap((control) => control.manual.map((item) => [control.id, control.owner, manualText(item)]));
    if (owed.length) sections.push(aligned([['CONTROL', 'OWNER', 'MANUAL EVIDENCE OWED'], ...owed]));
  }
  if (report.rulesOutsideCatalog.length) {
    sections.push([`Rules that address no criterion of ${report.catalog.id}: ${listText(report.rulesOutsideCatalog)}`]);
  }
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

/** Columns padded to their widest cell; the last column is not padded, so no line has trailing spaces. */
function aligned(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ').trimEnd());
}
