import type { CollectionError } from '../snapshot/schema.ts';
import type { Severity } from '../rules/types.ts';

/** The results document: what `evaluate` writes and `report`/`explain` read. Deterministic: no clock in it. */

export const RESULT_STATUSES = ['pass', 'fail', 'error', 'not-applicable', 'waived'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/** A value the rule read, where it read it: an RFC 6901 pointer into the snapshot the results name. */
export interface Evidence {
  pointer: string;
  /** The observed value; absent when nothing was there (the data was not collected). */
  value?: unknown;
}

/** One leaf condition as evaluated, for `explain`: what was compared, what was found, and the verdict. */
export interface Check {
  /** `where` or `conditions`, then the condition's place in the tree: `conditions.all[1]`. */
  condition: string;
  fact: string;
  path?: string;
  operator: string;
  /** The value the rule compared against (parameters already substituted). */
  expected: unknown;
  pointer: string | null;
  /** What was read; absent when nothing was there. */
  actual?: unknown;
  result: boolean;
}

export interface RuleResult {
  rule: string;
  title: string;
  criteria: string[];
  severity: Severity;
  /** The rule's tags, for the report's tag selectors. */
  tags: string[];
  status: ResultStatus;
  /** The resource's ARN (the account as a whole: `arn:aws:iam::ACCOUNT:root`); null when the rule selected nothing. */
  resource: string | null;
  /** Pointer of the selected resource in the snapshot. */
  pointer: string | null;
  /** Why, in a sentence, for `error`, `not-applicable` and `waived`. */
  message?: string;
  evidence: Evidence[];
  checks: Check[];
  /** The snapshot's collection errors that explain an `error`. */
  collectionErrors?: CollectionError[];
  /** The exception that waived this failure. */
  exception?: QuotedException;
}

/**
 * A documented exception as the results quote it: which failure was accepted, why, by whom, and until when.
 * A type alias, not an interface, so that it stays assignable to `Record<string, unknown>` (report findings).
 */
export type QuotedException = {
  rule: string;
  /** ARN glob: `*` any run of characters, `?` one. */
  resource: string;
  reason: string;
  owner: string;
  approvedBy: string;
  /** ISO date (`2027-01-31`): the last day, in UTC, on which the exception applies. */
  expires: string;
};

/** What an exceptions file did to these results (`evaluate --exceptions`). */
export interface ExceptionsReport {
  /** Exceptions that waived failures, in file order, with the resources they waived (sorted). */
  applied: { exception: QuotedException; resources: string[] }[];
  /** Exceptions past their expiry at the snapshot's `collectedAt`: not applied; the failures they would have covered. */
  expired: { exception: QuotedException; resources: string[] }[];
  /** Exceptions in force that waived no failure. */
  unused: QuotedException[];
}

/** What a result is about, as people name it: its ARN; else its pointer; else `(no resource)` (it selected nothing). */
export function resultSubject(result: Pick<RuleResult, 'resource' | 'pointer'>): string {
  return result.resource ?? result.pointer ?? '(no resource)';
}

export type ResultSummary = Record<ResultStatus, number>;

export interface ResultsDocument {
  schemaVersion: 1;
  tool: { name: string; version: string };
  snapshot: { sha256: string; collectedAt: string };
  packs: { name: string; version: string; sha256: string; parameters: Record<string, unknown> }[];
  summary: ResultSummary;
  /** Sorted by rule id, then resource, then pointer. */
  results: RuleResult[];
  /** Present when an exceptions file was applied. */
  exceptions?: ExceptionsReport;
}
