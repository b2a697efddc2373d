import { Engine, Fact, type TopLevelCondition } from 'json-rules-engine';
import type { Snapshot } from '../snapshot/schema.ts';
import { canonicalJson } from '../snapshot/canonical.ts';
import type { Check, Evidence } from './results.ts';
import { COUNTABLE_FACTS, DERIVED_FACT_NAMES, factValue, type Bindings } from './facts.ts';
import { read } from './jsonpath.ts';
import { addProjectOperators } from './operators.ts';
import { incompletePlaces } from './collection-errors.ts';

/** What running one condition tree over one set of facts found. */
export interface Outcome {
  passed: boolean;
  /** Every leaf evaluated, labelled by its place under the tree's root (`all[1]`, `any[0].not`). */
  checks: Check[];
  /** Every value the leaves read, where they read it. */
  evidence: Evidence[];
  /** Places the leaves needed that are not in the snapshot, or that a collection error left incomplete. */
  absent: string[];
}

/** What a leaf read: the place (null for the whole of a derived fact), what was there, and what was missing. */
interface Read {
  pointer: string | null;
  evidence: Evidence[];
  absent: string[];
  /** Checks of a `count`'s nested conditions, labelled under `params.where`. */
  checks: Check[];
}

/**
 * Runs a json-rules-engine condition tree over `bindings`. JSONPath goes through this project's reader
 * (`eval: false`), never the engine's default resolver. Throws when the engine or an operator does.
 */
export async function runConditions(tree: TopLevelCondition, bindings: Bindings, snapshot: Snapshot): Promise<Outcome> {
  const counts = new Map<string, Read>();
  // One engine per run: an engine's run state is shared, so concurrent runs of one engine would interfere.
  const engine = new Engine([], { allowUndefinedFacts: false, pathResolver: (value, path) => read(value, '', path).value });
  addProjectOperators(engine, { collectedAt: snapshot.manifest.collectedAt });
  engine.addRule({ conditions: structuredClone(tree), event: { type: 'evaluated' } });
  const facts: Record<string, unknown> = Object.fromEntries(Object.entries(bindings).map(([name, m]) => [name, m.value]));
  // Derived facts are computed only when a condition reads them.
  for (const name of DERIVED_FACT_NAMES) facts[name] = new Fact(name, () => factValue(name, bindings).value);
  facts.count = new Fact('count', (params) => countItems(params, bindings, snapshot, counts));
  const { results, failureResults } = await engine.run(facts);
  const ruleResult = results[0] ?? failureResults[0]!;

  const outcome: Outcome = { passed: ruleResult.result === true, checks: [], evidence: [], absent: [] };
  const readFact = (ref: FactRef): Read => {
    if (ref.fact === 'count') return counts.get(canonicalJson(ref.params ?? {}))!;
    const { pointer, evidence, absent } = factValue(ref.fact, bindings).read(ref.path, incompletePlaces(snapshot));
    return { pointer, evidence, absent, checks: [] };
  };
  forEachLeaf(ruleResult.conditions as unknown as ConditionNode, '', (leaf, label) => {
    const lhs = readFact(leaf);
    const rhs = isFactRef(leaf.value) ? readFact(leaf.value) : undefined;
    outcome.checks.push({
      condition: label,
      fact: leaf.fact,
      ...(leaf.path === undefined ? {} : { path: leaf.path }),
      operator: leaf.operator,
      expected: leaf.valueResult,
      pointer: lhs.pointer,
      ...(leaf.factResult === undefined ? {} : { actual: leaf.factResult }),
      result: leaf.result === true,
    });
    for (const part of rhs ? [lhs, rhs] : [lhs]) {
      outcome.checks.push(...part.checks.map((c) => ({ ...c, condition: `${label}.${c.condition}` })));
      outcome.evidence.push(...part.evidence);
      outcome.absent.push(...part.absent);
    }
  });
  outcome.absent = [...new Set(outcome.absent)];
  return outcome;
}

interface FactRef {
  fact: string;
  path?: string;
  params?: Record<string, unknown>;
}

/** A leaf of json-rules-engine's result tree: the condition with what the engine found. */
interface Leaf extends FactRef {
  operator: string;
  value: unknown;
  valueResult?: unknown;
  factResult?: unknown;
  result?: boolean;
}

type ConditionNode = Leaf & { all?: ConditionNode[]; any?: ConditionNode[]; not?: ConditionNode };

function isFactRef(value: unknown): value is FactRef {
  return typeof value === 'object' && value !== null && typeof (value as FactRef).fact === 'string';
}

/** Visits the leaves the engine evaluated (a priority short-circuit may skip some), in tree order. */
function forEachLeaf(node: ConditionNode, label: string, visit: (leaf: Leaf, label: string) => void): void {
  const at = (part: string) => (label ? `${label}.${part}` : part);
  if (Array.isArray(node.all)) node.all.forEach((child, i) => forEachLeaf(child, at(`all[${i}]`), visit));
  else if (Array.isArray(node.any)) node.any.forEach((child, i) => forEachLeaf(child, at(`any[${i}]`), visit));
  else if (node.not) forEachLeaf(node.not, at('not'), visit);
  else if (node.result !== undefined) visit(node, label);
}

/**
 * The `count` fact: how many values at `params.path` (relative to the fact `params.fact`) satisfy the nested
 * conditions `params.where`, which name the value as the fact `item`. Records what it read under its params.
 */
async function countItems(params: Record<string, unknown>, bindings: Bindings, snapshot: Snapshot, counts: Map<string, Read>): Promise<number> {
  const { fact, path, where } = countParams(params);
  const { pointer, matches, absent } = factValue(fact, bindings).items(path, incompletePlaces(snapshot));
  const trace: Read = { pointer, evidence: [], checks: [], absent };
  let count = 0;
  for (const item of matches) {
    const outcome = where ? await runConditions(where, { ...bindings, item }, snapshot) : undefined;
    if (!outcome || outcome.passed) count++;
    if (!outcome) continue;
    trace.checks.push(...outcome.checks.map((c) => ({ ...c, condition: `params.where.${c.condition}` })));
    trace.evidence.push(...outcome.evidence);
    trace.absent.push(...outcome.absent);
  }
  counts.set(canonicalJson(params), trace);
  return count;
}

function countParams(params: Record<string, unknown>): { fact: string; path: string; where?: TopLevelCondition } {
  const { fact, path, where } = params ?? {};
  if (typeof fact !== 'string' || !COUNTABLE_FACTS.includes(fact)) {
    throw new Error(`count needs params.fact, one of ${COUNTABLE_FACTS.join(', ')}; got ${JSON.stringify(fact)}`);
  }
  if (typeof path !== 'string') throw new Error(`count needs params.path, a JSONPath; got ${JSON.stringify(path)}`);
  if (where !== undefined && (typeof where !== 'object' || where === null)) throw new Error('count params.where must be conditions');
  return { fact, path, where: where as TopLevelCondition | undefined };
}
