import type { TopLevelCondition } from 'json-rules-engine';
import { at, schemaProblems, type Problem, type YamlSource } from '../yaml-source.ts';
import { jsonPathProblem } from '../evaluate/jsonpath.ts';
import { OPERATOR_NAMES } from '../evaluate/operators.ts';
import { FACT_NAMES } from '../evaluate/facts.ts';
import { forEachComparison, isParameterReference, isPlainObject, mapComparisons, type Segments } from './conditions.ts';
import { readPackYaml } from './pack-files.ts';
import { validateRule } from './schemas.ts';
import type { Rule, Severity } from './types.ts';

/** One rule file, read and checked. `rule` is set only when the file has no errors. */
export interface RuleFile {
  file: string;
  rule?: Rule;
  /** The rule's id and where it is written, for the duplicate check across packs (set even when the file has errors). */
  id?: { value: string; line: number; col: number };
  problems: Problem[];
}

/** The pack a rule file belongs to. `parameters` is undefined when pack.yaml could not be read: no check then. */
export interface RuleContext {
  pack: string;
  parameters?: Record<string, unknown>;
}

const CONDITION_FIELDS = ['where', 'conditions'] as const;

export async function readRuleFile(file: string, context: RuleContext): Promise<RuleFile> {
  const source = await readPackYaml(file);
  if (source.value === undefined) return { file, problems: source.problems };
  if (!isPlainObject(source.value)) {
    const { line, col } = source.locate([]);
    const message = `expected one rule (a mapping with id, title, criteria, ...), found ${describe(source.value)}`;
    return { file, problems: [...source.problems, at(file, line, col, message)] };
  }
  const value = source.value;
  const problems = [...source.problems, ...schemaProblems(source, validateRule), ...checkRule(source, value, context)];
  const id = typeof value.id === 'string' ? { value: value.id, ...source.locate(['id']) } : undefined;
  if (problems.some((p) => p.severity === 'error')) return { file, id, problems };
  return { file, id, problems, rule: toRule(file, value, context) };
}

/** What the schema cannot know: the evaluator's operators and facts, allowed JSONPaths, the pack's parameters. */
function checkRule(source: YamlSource, rule: Record<string, unknown>, context: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const report = (where: Segments, message: string) => {
    const { line, col } = source.locate(where);
    problems.push(at(source.file, line, col, message));
  };
  const checkPath = (where: Segments, path: unknown) => {
    const problem = typeof path === 'string' ? jsonPathProblem(path) : null;
    if (problem !== null) report(where, `${where.join('.')}: ${problem}`);
  };

  checkPath(['select'], rule.select);
  if (Array.isArray(rule.evidence)) rule.evidence.forEach((path, i) => checkPath(['evidence', i], path));
  for (const field of CONDITION_FIELDS) {
    forEachComparison(rule[field], [field], (comparison, where) => {
      const { fact, operator, path, params, value } = comparison;
      if (typeof fact === 'string' && !FACT_NAMES.includes(fact)) {
        report([...where, 'fact'], `unknown fact "${fact}" (known: ${sortedList(FACT_NAMES)})`);
      }
      if (typeof operator === 'string' && !OPERATOR_NAMES.includes(operator)) {
        report([...where, 'operator'], `unknown operator "${operator}" (known: ${sortedList(OPERATOR_NAMES)})`);
      }
      checkPath([...where, 'path'], path);
      if (fact === 'count' && isPlainObject(params)) checkPath([...where, 'params', 'path'], params.path);
      if (isParameterReference(value)) {
        const problem = parameterProblem(value.param, context);
        if (problem) report([...where, 'value', 'param'], problem);
      }
    });
  }
  return problems;
}

function parameterProblem(name: unknown, { pack, parameters }: RuleContext): string | null {
  if (typeof name !== 'string') return 'param must be the name of a parameter declared in pack.yaml';
  if (parameters === undefined || Object.hasOwn(parameters, name)) return null;
  const declared = Object.keys(parameters);
  const known = declared.length ? `declares: ${sortedList(declared)}` : 'declares no parameters';
  return `unknown parameter "${name}" (pack ${pack} ${known})`;
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

export function sortedList(names: readonly string[]): string {
  return [...names].sort().join(', ');
}
