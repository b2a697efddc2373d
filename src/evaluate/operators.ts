import type { Engine } from 'json-rules-engine';
import type { OperatorContext, ProjectOperator, Test } from './operators/operator.ts';
import { TIME_OPERATORS } from './operators/time.ts';
import { REGEX_OPERATORS } from './operators/regex.ts';
import { COLLECTION_OPERATORS } from './operators/collections.ts';
import { CIDR_OPERATORS } from './operators/cidr.ts';
import { POLICY_OPERATORS } from './operators/policy.ts';

export type { OperatorContext } from './operators/operator.ts';

/**
 * Every operator a rule may use, registered here and nowhere else (each project operator is documented where it
 * is defined, in `./operators/`). An operator that throws (a timestamp that is not one, a list that is not a list)
 * makes that resource's result `error` with the message, never a crash. An absent fact (undefined) never throws
 * in an operator: the evaluator reports absent data itself, with the pointer.
 */

/** json-rules-engine's built-ins: every engine already has them. */
const BUILT_IN_OPERATORS = [
  'equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive',
  'in', 'notIn', 'contains', 'doesNotContain',
] as const;

/**
 * What the built-ins' values must be, checked when a pack loads: json-rules-engine would otherwise misread them
 * (`in` with a text value matches substrings; `lessThan` with a text value compares as text).
 */
const BUILT_IN_VALUES: Partial<Record<(typeof BUILT_IN_OPERATORS)[number], (value: unknown) => string | null>> = {
  in: (value) => (Array.isArray(value) ? null : `in needs a list as its value, got ${JSON.stringify(value)}`),
  notIn: (value) => (Array.isArray(value) ? null : `notIn needs a list as its value, got ${JSON.stringify(value)}`),
  ...Object.fromEntries(
    (['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const).map((name) => [
      name,
      (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? null : `${name} needs a number as its value, got ${JSON.stringify(value)}`),
    ]),
  ),
};

/** The project's operators, by name; to add one, add it to one of the files in `./operators/`. */
const PROJECT_OPERATORS: Record<string, ProjectOperator> = {
  ...TIME_OPERATORS,
  ...REGEX_OPERATORS,
  ...COLLECTION_OPERATORS,
  ...CIDR_OPERATORS,
  ...POLICY_OPERATORS,
};

export const OPERATOR_NAMES: readonly string[] = [...BUILT_IN_OPERATORS, ...Object.keys(PROJECT_OPERATORS)];

/**
 * json-rules-engine's operator decorators (`not:equal`, `someFact:in`): refused, so that each test has one
 * spelling that `explain` can show: a `not` group, a `count`, `containsAny`/`containsAll` or `in`.
 */
const DECORATORS: Record<string, string> = {
  not: 'put the comparison in a `not` group',
  someFact: 'count the matching items with the `count` fact, or use containsAny',
  everyFact: 'count the items that fail with the `count` fact and expect 0',
  someValue: 'use `in` or containsAny',
  everyValue: 'use containsAll, or an `all` group',
  swap: 'write the comparison the other way round',
};

/** Why `operator` is not one a rule may use, or null when it is. */
export function operatorProblem(operator: string): string | null {
  if (OPERATOR_NAMES.includes(operator)) return null;
  const decorator = /^([A-Za-z]+):/.exec(operator)?.[1];
  if (decorator !== undefined && Object.hasOwn(DECORATORS, decorator)) {
    return `operator decorator "${decorator}:" is not supported: ${DECORATORS[decorator]}`;
  }
  return `unknown operator "${operator}" (known: ${[...OPERATOR_NAMES].sort().join(', ')})`;
}

/** Why `value` cannot work with `operator`, or null. */
export function operatorValueProblem(operator: string, value: unknown): string | null {
  if (Object.hasOwn(PROJECT_OPERATORS, operator)) return PROJECT_OPERATORS[operator]!.valueProblem(value);
  return BUILT_IN_VALUES[operator as keyof typeof BUILT_IN_VALUES]?.(value) ?? null;
}

/** Adds the project's operators to a json-rules-engine engine (which has the built-ins already). */
export function addProjectOperators(engine: Engine, context: OperatorContext): void {
  for (const name of Object.keys(PROJECT_OPERATORS)) engine.addOperator(name, projectOperator(name, context));
}

/**
 * Project operator `name` as the engine runs it. It checks its value first: a value read from another fact is
 * only known when the rule runs.
 */
export function projectOperator(name: string, context: OperatorContext): Test {
  const operator = PROJECT_OPERATORS[name];
  if (!operator) throw new Error(`no project operator "${name}"`);
  const test = operator.make(context);
  return (fact, value) => {
    const problem = operator.valueProblem(value);
    if (problem) throw new TypeError(problem);
    return test(fact, value);
  };
}
