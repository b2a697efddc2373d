import { RESULT_STATUSES, type ResultsDocument, type ResultStatus, type RuleResult } from '../evaluate/results.ts';
import { compareStrings as compare } from '../compare.ts';
import { TOOL } from '../version.ts';
import type { Catalog } from './catalog.ts';
import type { Control, Framework } from './framework.ts';
import {
  ROLLUP_STATUSES,
  type ControlRollup,
  type CriterionRollup,
  type Finding,
  type ReportDocument,
  type RollupStatus,
  type RollupSummary,
  type RuleRollup,
} from './report-document.ts';
import { describeReference, matchingRules, type RuleInfo } from './rule-references.ts';

/** Rolls rule results up by the catalog's criteria and, given a framework, by the organization's controls. */
export function rollUp(results: ResultsDocument, catalog: Catalog, framework?: Framework): ReportDocument {
  const { rules, infos } = evaluatedRules(results);
  const statusOf = new Map(rules.map((rule) => [rule.rule, rule.status]));
  const criteria = catalog.criteria.map((criterion): CriterionRollup => {
    const covering = rules.filter((rule) => rule.criteria.includes(criterion.id)).map((rule) => rule.rule);
    return {
      id: criterion.id,
      title: criterion.title,
      category: criterion.category.id,
      series: criterion.series.id,
      status: groupStatus(covering.map((id) => statusOf.get(id)!)),
      rules: covering,
      controls: (framework?.controls ?? []).filter((control) => control.criteria.includes(criterion.id)).map((control) => control.id).sort(),
    };
  });
  const controls = [...(framework?.controls ?? [])]
    .sort((a, b) => compare(a.id, b.id))
    .map((control) => controlRollup(control, infos, statusOf));
  const inCatalog = new Set(catalog.criteria.map((criterion) => criterion.id));
  const automated = criteria.filter((criterion) => criterion.rules.length > 0).length;
  return {
    schemaVersion: 1,
    tool: { name: TOOL.name, version: TOOL.version },
    snapshot: { sha256: results.snapshot.sha256, collectedAt: results.snapshot.collectedAt },
    packs: results.packs.map(({ name, version, sha256 }) => ({ name, version, sha256 })).sort((a, b) => compare(a.name, b.name)),
    catalog: { id: catalog.id, title: catalog.title, version: catalog.version },
    framework: framework ? { name: framework.name, version: framework.version } : null,
    coverage: { criteria: criteria.length, automated, manualOnly: criteria.length - automated },
    summary: { criteria: summarize(criteria), controls: framework ? summarize(controls) : null },
    rules,
    criteria,
    controls,
    rulesOutsideCatalog: rules.filter((rule) => !rule.criteria.some((id) => inCatalog.has(id))).map((rule) => rule.rule),
  };
}

/**
 * True when the report should fail a pipeline: any rule, criterion or control failed or could not be judged. Rules
 * count on their own: one that addresses no criterion of the catalog appears in no criterion's row.
 */
export function reportFails(report: ReportDocument): boolean {
  return [...report.rules, ...report.criteria, ...report.controls].some((row) => row.status === 'fail' || row.status === 'error');
}

/** Each rule the results record (a rule that selected nothing still has one result), sorted by id. */
function evaluatedRules(results: ResultsDocument): { rules: RuleRollup[]; infos: RuleInfo[] } {
  const byRule = new Map<string, RuleResult[]>();
  for (const result of results.results) byRule.set(result.rule, [...(byRule.get(result.rule) ?? []), result]);
  const entries = [...byRule.entries()].sort(([a], [b]) => compare(a, b));
  const rules = entries.map(([id, ruleResults]): RuleRollup => {
    const counts = Object.fromEntries(RESULT_STATUSES.map((status) => [status, 0])) as Record<ResultStatus, number>;
    for (const result of ruleResults) counts[result.status] += 1;
    return {
      rule: id,
      title: ruleResults[0]!.title,
      criteria: ruleResults[0]!.criteria,
      status: groupStatus(ruleResults.map((result) => result.status)) as ResultStatus,
      counts,
      findings: ruleResults.flatMap(finding).sort(compareFindings),
    };
  });
  const infos = entries.map(([id, [first]]) => ({ id, criteria: first!.criteria, tags: recordedTags(first!) }));
  return { rules, infos };
}

/** Tags, where the evaluator records them; without them a tag selector matches nothing and its control errors. */
function recordedTags(result: RuleResult): string[] {
  return 'tags' in result && Array.isArray(result.tags) ? result.tags.filter((tag) => typeof tag === 'string') : [];
}

function finding(result: RuleResult): Finding[] {
  const { rule, status, resource, pointer, message, exception } = result;
  if (status !== 'fail' && status !== 'error' && status !== 'waived') return [];
  // Optional fields left undefined are dropped when the report is serialized.
  return [{ rule, status, resource, pointer, message, exception }];
}

function controlRollup(control: Control, rules: readonly RuleInfo[], statusOf: ReadonlyMap<string, ResultStatus>): ControlRollup {
  const matched = new Set<string>();
  const unresolved: string[] = [];
  for (const reference of control.rules) {
    const ids = matchingRules(reference, rules);
    if (ids.length === 0) unresolved.push(describeReference(reference));
    for (const id of ids) matched.add(id);
  }
  const ids = [...matched].sort();
  const statuses = ids.map((id) => statusOf.get(id)!);
  // Fail closed: evidence the control promises but the results do not hold is an error, never a silent gap.
  if (unresolved.length > 0) statuses.push('error');
  return {
    id: control.id,
    title: control.title,
    owner: control.owner,
    criteria: control.criteria,
    status: groupStatus(statuses),
    rules: ids,
    unresolved,
    manual: control.manual,
  };
}

/** The worst status present; `manual` when there is nothing automated to judge. */
function groupStatus(statuses: readonly ResultStatus[]): RollupStatus {
  return ROLLUP_STATUSES.find((status) => (statuses as readonly string[]).includes(status)) ?? 'manual';
}

function summarize(rows: readonly { status: RollupStatus }[]): RollupSummary {
  const summary = Object.fromEntries(ROLLUP_STATUSES.map((status) => [status, 0])) as RollupSummary;
  for (const row of rows) summary[row.status] += 1;
  return summary;
}

function compareFindings(a: Finding, b: Finding): number {
  return compare(a.rule, b.rule) || compare(a.resource ?? '', b.resource ?? '') || compare(a.pointer ?? '', b.pointer ?? '');
}
