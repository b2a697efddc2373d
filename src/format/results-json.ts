import type { ResultsDocument } from '../evaluate/results.ts';
import { stableStringify } from '../snapshot/canonical.ts';

/** The results document itself: keys sorted, so the same inputs give the same bytes. */
export function formatResultsJson(results: ResultsDocument): string {
  return stableStringify(results);
}
