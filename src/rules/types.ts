import type { TopLevelCondition } from 'json-rules-engine';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A rule as the loader hands it to the evaluator: validated, with every `{ param: name }` already replaced. */
export interface Rule {
  id: string;
  title: string;
  /** Trust Services Criteria ids, for example `CC6.1`. */
  criteria: string[];
  severity: Severity;
  /** JSONPath into the snapshot: what this rule judges, one result per match. */
  select: string;
  /** Applicability: resources for which this is false are `not-applicable`. */
  where?: TopLevelCondition;
  /** The test, once per applicable resource. */
  conditions: TopLevelCondition;
  /** JSONPaths, relative to the resource, whose values every result quotes. */
  evidence: string[];
  rationale: string;
  remediation: string;
  references: string[];
  tags: string[];
  /** Where the rule was defined: `rules/soc2-aws/iam-root-mfa.yaml`. */
  file: string;
  pack: string;
}

export interface Pack {
  name: string;
  version: string;
  description: string;
  /** The folder the pack was loaded from. */
  dir: string;
  /** SHA-256 over the pack's files (sorted relative paths and contents): names exactly what was run. */
  sha256: string;
  /** Effective values: the pack's defaults with the user's overrides applied. */
  parameters: Record<string, unknown>;
  rules: Rule[];
}
