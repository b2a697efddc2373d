import type { ReportDocument } from '../controls/report-document.ts';
import { stableStringify } from '../snapshot/canonical.ts';

/** The roll-up as a document for other tools: keys sorted, so the same inputs give the same bytes. */
export function formatReportJson(report: ReportDocument): string {
  return stableStringify(report);
}
