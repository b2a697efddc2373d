import { at, type Problem, type YamlSource } from '../yaml-source.ts';
import { jsonPathProblem } from '../evaluate/jsonpath.ts';
import { operatorProblem, operatorValueProblem } from '../evaluate/operators.ts';
import { COUNTABLE_FACTS, FACT_NAMES } from '../evaluate/facts.ts';
import { forEachComparison, isParameterReference, type Comparison, type Segments } from './conditions.ts';
import { isPlainObject } from '../plain-object.ts';

/** The pack a rule file belongs to, and what its rules are checked against. */
export interface RuleContext {
  pack: string;
  /** The pack's effective parameters; undefined when pack.yaml could not be read: no check then. */
  parameters?: Record<string, unknown>;
  /** Criteria ids of the catalog; when given, a rule naming another criterion is an error. */
  criteria?: ReadonlySet<string>;
}

const CONDITION_FIELDS = ['where', 'conditions'] as const;
/** What json-rules-engine reads in a value that names another fact (`{ fact: resource, path: $.x }`). */
const FACT_REFERENCE_FIELDS = ['fact', 'path', 'params'];

/**
 * What the schema cannot know: the evaluator's operators and facts and what values they take, the JSONPaths rules
 * may use, the pack's parameters, the catalog's criteria.
 */
export function ruleProblems(source: YamlSource, rule: Record<string, unknown>, context: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const report = (where: Segments, message: string) => {
    const { line, col } = source.locate(where);
    problems.push(at(source.file, line, col, message));
  };
  const checkPath = (where: Segments, path: unknown) => {
    const problem = typeof path === 'string' ? jsonPathProblem(path) : null;
    if (problem !== null) report(where, `${where.join('.')}: ${problem}`);
  };
  const checkFact = (where: Segments, { fact, path, params }: Comparison) => {
    if (typeof fact === 'string' && !FACT_NAMES.includes(fact)) report([...where, 'fact'], `unknown fact "${fact}" (known: ${sortedList(FACT_NAMES)})`);
    checkPath([...where, 'path'], path);
    if (fact === 'count') {
      if (!isPlainObject(params)) return report(where, 'the count fact needs params: { fact, path, where }');
      if (typeof params.fact === 'string' && !COUNTABLE_FACTS.includes(params.fact)) {
        report([...where, 'params', 'fact'], `count cannot count in "${params.fact}" (it counts in: ${sortedList(COUNTABLE_FACTS)})`);
      }
      checkPath([...where, 'params', 'path'], params.path);
    } else if (params !== undefined) {
      report([...where, 'params'], `only the count fact takes params; "${String(fact)}" does not`);
    }
  };

  checkPath(['select'], rule.select);
  if (Array.isArray(rule.evidence)) rule.evidence.forEach((path, i) => checkPath(['evidence', i], path));
  if (context.criteria && Array.isArray(rule.criteria)) {
    rule.criteria.forEach((id, i) => {
      if (typeof id === 'string' && !context.criteria!.has(id)) report(['criteria', i], `unknown criterion "${id}" (not in the criteria catalog)`);
    });
  }
  /** The value as the operator will get it: written in the rule, a parameter's, or another fact's (known later). */
  const checkValue = (where: Segments, operator: string | undefined, value: unknown) => {
    if (isParameterReference(value)) {
      const problem = parameterProblem(value.param, context);
      if (problem) return report([...where, 'value', 'param'], problem);
      const valueProblem = operator && context.parameters ? operatorValueProblem(operator, context.parameters[value.param as string]) : null;
      if (valueProblem) report([...where, 'value', 'param'], `parameter "${String(value.param)}": ${valueProblem}`);
    } else if (isPlainObject(value) && 'fact' in value) {
      const extra = Object.keys(value).filter((key) => !FACT_REFERENCE_FIELDS.includes(key));
      if (extra.length > 0) report([...where, 'value'], `a value with "fact" is another fact's value, which takes only fact, path and params; found ${sortedList(extra)}`);
      checkFact([...where, 'value'], value);
    } else if (operator) {
      const problem = operatorValueProblem(operator, value);
      if (problem) report([...where, 'value'], problem);
    }
  };

  for (const field of CONDITION_FIELDS) {
    forEachComparison(rule[field], [field], (comparison, where) => {
      const { operator, value } = comparison;
      checkFact(where, comparison);
      const problem = typeof operator === 'string' ? operatorProblem(operator) : null;
      if (problem) report([...where, 'operator'], problem);
      // An unknown operator's value cannot be checked: it is reported already.
      checkValue(where, typeof operator === 'string' && !problem ? operator : undefined, value);
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

export function sortedList(names: readonly string[]): string {
  return [...names].sort().join(', ');
}
