import type { CollectionError, Snapshot } from '../snapshot/schema.ts';
import type { Pack, Rule } from '../rules/types.ts';
import { TOOL } from '../version.ts';
import { RESULT_STATUSES, type Check, type Evidence, type ResultsDocument, type ResultStatus, type ResultSummary, type RuleResult } from './results.ts';
import { missing, query, read, type Match } from './jsonpath.ts';
import { resourceBindings } from './facts.ts';
import { runConditions } from './conditions.ts';
import { absentDataMessage, errorsExplaining, gapPointers, incompletePlaces } from './collection-errors.ts';
import { compareStrings } from '../compare.ts';

/**
 * Runs every rule of `packs` over `snapshot`. Pure and deterministic: time is the snapshot's `collectedAt`, and
 * the same inputs give the same document. Never throws for a rule: what cannot be judged is an `error` result.
 */
export async function evaluate(snapshot: Snapshot, packs: Pack[]): Promise<ResultsDocument> {
  const results: RuleResult[] = [];
  for (const pack of packs) {
    for (const rule of pack.rules) results.push(...(await evaluateRule(snapshot, rule)));
  }
  results.sort(compareResults);
  return {
    schemaVersion: 1,
    tool: { name: TOOL.name, version: TOOL.version },
    snapshot: { sha256: snapshot.manifest.sha256, collectedAt: snapshot.manifest.collectedAt },
    packs: packs
      .map(({ name, version, sha256, parameters }) => ({ name, version, sha256, parameters }))
      .sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.version, b.version)),
    summary: summarize(results),
    results,
  };
}

/** One result per selected resource, one `error` per place a selection could not see, or one `not-applicable`. */
async function evaluateRule(snapshot: Snapshot, rule: Rule): Promise<RuleResult[]> {
  let selected: Match[];
  let unseen: string[];
  try {
    selected = query(snapshot, '', rule.select);
    unseen = [...new Set([...missing(snapshot, '', rule.select), ...gapPointers(incompletePlaces(snapshot), '', rule.select)])];
  } catch (error) {
    return [resultOf(rule, { status: 'error', resource: null, pointer: null, message: `could not be evaluated: ${messageOf(error)}` })];
  }
  const results: RuleResult[] = [];
  for (const match of selected) results.push(await evaluateResource(snapshot, rule, match));
  for (const pointer of unseen) {
    const explaining = errorsExplaining(snapshot.errors, [pointer]);
    const message = `selection incomplete: ${absentDataMessage([pointer], explaining)}`;
    results.push(resultOf(rule, { status: 'error', resource: null, pointer, message, ...collectionErrorsField(explaining) }));
  }
  if (results.length === 0) {
    results.push(resultOf(rule, { status: 'not-applicable', resource: null, pointer: null, message: 'selected no resources' }));
  }
  return results;
}

/** What judging one resource gathered along the way, whatever the verdict. */
interface Gathered {
  checks: Check[];
  evidence: Evidence[];
  absent: string[];
}

async function evaluateResource(snapshot: Snapshot, rule: Rule, match: Match): Promise<RuleResult> {
  const record: Gathered = { checks: [], evidence: [], absent: [] };
  let verdict: { status: ResultStatus; message?: string };
  try {
    verdict = await judge(snapshot, rule, match, record);
  } catch (error) {
    verdict = { status: 'error', message: `could not be evaluated: ${messageOf(error)}` };
  }
  const explaining = errorsExplaining(snapshot.errors, record.absent);
  return resultOf(rule, {
    ...verdict,
    resource: arnOf(match.value),
    pointer: match.pointer,
    evidence: dedupeEvidence(record.evidence),
    checks: record.checks,
    ...(verdict.status === 'error' ? collectionErrorsField(explaining) : {}),
  });
}

/** Applicability first (`where`), then the test. Absent data on the way makes the verdict `error`. */
async function judge(snapshot: Snapshot, rule: Rule, match: Match, record: Gathered): Promise<{ status: ResultStatus; message?: string }> {
  for (const path of rule.evidence) record.evidence.push(...read(match.value, match.pointer, path).evidence);
  const bindings = resourceBindings(snapshot, match);
  const stages = [
    ...(rule.where ? [{ name: 'where', tree: rule.where }] : []),
    { name: 'conditions', tree: rule.conditions },
  ];
  for (const stage of stages) {
    const outcome = await runConditions(stage.tree, bindings, snapshot);
    record.checks.push(...outcome.checks.map((c) => ({ ...c, condition: `${stage.name}.${c.condition}` })));
    record.evidence.push(...outcome.evidence);
    record.absent.push(...outcome.absent);
    if (record.absent.length > 0) {
      return { status: 'error', message: absentDataMessage(record.absent, errorsExplaining(snapshot.errors, record.absent)) };
    }
    if (!outcome.passed) return stage.name === 'where' ? { status: 'not-applicable', message: 'excluded by where' } : { status: 'fail' };
  }
  return { status: 'pass' };
}

function resultOf(
  rule: Rule,
  fields: Pick<RuleResult, 'status' | 'resource' | 'pointer'> & Partial<Pick<RuleResult, 'message' | 'evidence' | 'checks' | 'collectionErrors'>>,
): RuleResult {
  return {
    rule: rule.id,
    title: rule.title,
    criteria: rule.criteria,
    severity: rule.severity,
    tags: rule.tags,
    evidence: [],
    checks: [],
    ...fields,
  };
}

/** Quoted on an `error` result when some collection error explains it. */
function collectionErrorsField(explaining: CollectionError[]): Pick<RuleResult, 'collectionErrors'> {
  return explaining.length > 0 ? { collectionErrors: explaining } : {};
}

function arnOf(value: unknown): string | null {
  const arn = typeof value === 'object' && value !== null ? (value as { arn?: unknown }).arn : undefined;
  return typeof arn === 'string' ? arn : null;
}

/** One entry per pointer, sorted by pointer. */
function dedupeEvidence(evidence: Evidence[]): Evidence[] {
  const byPointer = new Map<string, Evidence>();
  for (const e of evidence) if (!byPointer.has(e.pointer)) byPointer.set(e.pointer, e);
  return [...byPointer.values()].sort((a, b) => compareStrings(a.pointer, b.pointer));
}

function summarize(results: RuleResult[]): ResultSummary {
  const summary = Object.fromEntries(RESULT_STATUSES.map((s) => [s, 0])) as ResultSummary;
  for (const r of results) summary[r.status]++;
  return summary;
}

/** By rule id, then resource, then pointer; nulls last. */
function compareResults(a: RuleResult, b: RuleResult): number {
  return compareStrings(a.rule, b.rule) || compareNullable(a.resource, b.resource) || compareNullable(a.pointer, b.pointer);
}

function compareNullable(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compareStrings(a, b);
}


function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
