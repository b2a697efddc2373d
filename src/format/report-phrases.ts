import type { ManualEvidence } from '../controls/framework.ts';
import { ROLLUP_STATUSES, type Finding, type ReportDocument, type RollupStatus } from '../controls/report-document.ts';

/** Wording the table and Markdown reports share, so both say the same thing the same way. */

export function reportTitle(report: ReportDocument): string {
  const subject = report.framework ? `${report.framework.name} ${report.framework.version}` : report.catalog.title;
  return `Compliance roll-up: ${subject}`;
}

export function catalogText(report: ReportDocument): string {
  return `${report.catalog.title} (${report.catalog.id}, version ${report.catalog.version})`;
}

export function packsText(report: ReportDocument): string {
  return report.packs.length ? report.packs.map((pack) => `${pack.name} ${pack.version} (sha256 ${pack.sha256})`).join(', ') : 'none';
}

export function coverageText(report: ReportDocument): string {
  const { criteria, automated, manualOnly } = report.coverage;
  return `${automated} of ${criteria} criteria have automated evidence; manual evidence only: ${manualOnly}.`;
}

/** `2 fail, 1 waived, 3 pass, 53 manual`: the non-zero counts, worst first (rule results' counts too). */
export function countsText(counts: Partial<Record<RollupStatus, number>>): string {
  const parts = ROLLUP_STATUSES.filter((status) => (counts[status] ?? 0) > 0).map((status) => `${counts[status]} ${status}`);
  return parts.length ? parts.join(', ') : 'none';
}

/** Every finding once, failures first, then errors, then waivers; by rule and resource within each. */
export function findingsWorstFirst(report: ReportDocument): Finding[] {
  const rank = (finding: Finding) => ROLLUP_STATUSES.indexOf(finding.status);
  // Each rule's findings are already sorted by resource, and the sort is stable.
  return report.rules.flatMap((rule) => rule.findings).sort((a, b) => rank(a) - rank(b));
}

/** What a finding is about: its resource, else where it would be, else the rule as a whole. */
export function findingSubject(finding: Finding): string {
  return finding.resource ?? finding.pointer ?? '(the rule as a whole)';
}

export function manualText(item: ManualEvidence): string {
  return `${item.evidence} (${item.frequency})`;
}

export function unresolvedText(reference: string): string {
  return `${reference} matches nothing in the results`;
}

export function listText(items: readonly string[]): string {
  return items.length ? items.join(', ') : '-';
}
