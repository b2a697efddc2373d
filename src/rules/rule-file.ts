import type { TopLevelCondition } from 'json-rules-engine';
import { at, schemaProblems, type Problem, type YamlSource } from '../yaml-source.ts';
import { isParameterReference, mapComparisons } from './conditions.ts';
import { isPlainObject } from '../plain-object.ts';
import { readPackYaml } from './pack-files.ts';
import { ruleProblems, type RuleContext } from './rule-checks.ts';
import { validateRule } from './schemas.ts';
import type { Rule, Severity } from './types.ts';

/** One rule file, read and checked. `rule` is set only when the file has no errors. */
export interface RuleFile {
  file: string;
  rule?: Rule;
  /** The rule's id and where it is written, for the duplicate check across packs (set even when the file has errors). */
  id?: { value: string; line: number; col: number };
  problems: Problem[];
  /** SHA-256 of the bytes parsed; absent when the file could not be read. */
  sha256?: string;
}

export type { RuleContext } from './rule-checks.ts';

/** Reads and checks one rule file. */
export async function readRuleFile(file: string, context: RuleContext): Promise<RuleFile> {
  return checkRuleSource(await readPackYaml(file), context);
}

/** Checks a parsed rule file: every problem, located; the rule only when there is none. Never throws. */
export function checkRuleSource(source: YamlSource, context: RuleContext): RuleFile {
  const { file, sha256 } = source;
  if (source.value === undefined) return { file, sha256, problems: source.problems };
  if (!isPlainObject(source.value)) {
    const { line, col } = source.locate([]);
    const message = `expected one rule (a mapping with id, title, criteria, ...), found ${describe(source.value)}`;
    return { file, sha256, problems: [...source.problems, at(file, line, col, message)] };
  }
  const value = source.value;
  const problems = [...source.problems, ...schemaProblems(source, validateRule), ...ruleProblems(source, value, context)];
  const id = typeof value.id === 'string' ? { value: value.id, ...source.locate(['id']) } : undefined;
  if (problems.some((p) => p.severity === 'error')) return { file, sha256, id, problems };
  return { file, sha256, id, problems, rule: toRule(file, value, context) };
}

/** The checked file as the evaluator takes it: defaults filled in, every `{ param: name }` replaced by its value. */
function toRule(file: string, value: Record<string, unknown>, context: RuleContext): Rule {
  const parameters = context.parameters ?? {};
  const substitute = (condition: unknown) =>
    mapComparisons(condition, [], (comparison) =>
      isParameterReference(comparison.value) ? { ...comparison, value: parameters[comparison.value.param as string] } : comparison,
    ) as TopLevelCondition;
  return {
    id: value.id as string,
    title: value.title as string,
    criteria: value.criteria as string[],
    severity: value.severity as Severity,
    select: value.select as string,
    ...(value.where === undefined ? {} : { where: substitute(value.where) }),
    conditions: substitute(value.conditions),
    evidence: (value.evidence as string[] | undefined) ?? [],
    rationale: value.rationale as string,
    remediation: value.remediation as string,
    references: (value.references as string[] | undefined) ?? [],
    tags: (value.tags as string[] | undefined) ?? [],
    file,
    pack: context.pack,
  };
}

function describe(value: unknown): string {
  if (value === null) return 'an empty document';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}
