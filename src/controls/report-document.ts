import type { ResultStatus, ResultSummary } from '../evaluate/results.ts';
import type { ManualEvidence } from './framework.ts';

/**
 * Statuses of a criterion or a control, worst first: a group takes the first status any of its rules has.
 * `waived` outranks `pass` so an excepted failure is never read as a pass; `manual` means no rule covers it.
 */
export const ROLLUP_STATUSES = ['fail', 'error', 'waived', 'pass', 'not-applicable', 'manual'] as const;
export type RollupStatus = (typeof ROLLUP_STATUSES)[number];
export type RollupSummary = Record<RollupStatus, number>;

/** One rule's results: counted, and the ones to look at. */
export interface RuleRollup {
  rule: string;
  title: string;
  criteria: string[];
  status: ResultStatus;
  counts: ResultSummary;
  findings: Finding[];
}

/** A result an auditor has to look at: a failure, a resource that could not be judged, or a waived failure. */
export interface Finding {
  rule: string;
  status: Extract<ResultStatus, 'fail' | 'error' | 'waived'>;
  resource: string | null;
  pointer: string | null;
  message?: string;
  /** For a waived failure: the exception that covers it, as the results quote it. */
  exception?: Record<string, unknown>;
}

export interface CriterionRollup {
  id: string;
  title: string;
  category: string;
  series: string;
  status: RollupStatus;
  /** Ids of the rules that declare this criterion (details in `rules` of the report). */
  rules: string[];
  /** Ids of the framework's controls that address this criterion. */
  controls: string[];
}

export interface ControlRollup {
  id: string;
  title: string;
  owner: string;
  criteria: string[];
  status: RollupStatus;
  /** Ids of the rules the control's references matched (details in `rules` of the report). */
  rules: string[];
  /** The control's rule references that match nothing in the results: each makes the control an error. */
  unresolved: string[];
  /** Manual evidence the control still needs, whatever its rules say. */
  manual: ManualEvidence[];
}

/** What `soc2 report` produces: deterministic, no clock, naming exactly what it was made from. */
export interface ReportDocument {
  schemaVersion: 1;
  tool: { name: string; version: string };
  snapshot: { sha256: string; collectedAt: string };
  packs: { name: string; version: string; sha256: string }[];
  catalog: { id: string; title: string; version: string };
  framework: { name: string; version: string } | null;
  coverage: { criteria: number; automated: number; manualOnly: number };
  summary: { criteria: RollupSummary; controls: RollupSummary | null };
  /** Every rule the results record, sorted by id. */
  rules: RuleRollup[];
  /** Every criterion of the catalog, in the catalog's order. */
  criteria: CriterionRollup[];
  /** Sorted by id; empty without a framework. */
  controls: ControlRollup[];
  /** Rules in the results that address no criterion of the catalog: listed so nothing vanishes. */
  rulesOutsideCatalog: string[];
}
