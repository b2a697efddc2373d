import { isDeepStrictEqual } from 'node:util';
import { booleanValueProblem, wrongKind, type ProjectOperator } from './operator.ts';

export const COLLECTION_OPERATORS: Record<string, ProjectOperator> = {
  /**
   * `value: true` is true when the fact is empty: null, `""`, `[]` or `{}` (null is "collected, nothing there").
   * `value: false` asks the opposite. Numbers and booleans are neither: the result is `error`.
   */
  isEmpty: {
    make: () => (fact, wanted) => fact !== undefined && isEmpty(fact, 'isEmpty') === wanted,
    valueProblem: (value) => booleanValueProblem('isEmpty', value),
  },
  /** `value: true` is true when the fact is a non-empty string, list or mapping; the opposite of `isEmpty`. */
  notEmpty: {
    make: () => (fact, wanted) => fact !== undefined && !isEmpty(fact, 'notEmpty') === wanted,
    valueProblem: (value) => booleanValueProblem('notEmpty', value),
  },
  /**
   * `fact` is a list, `value` a non-empty list: true when the fact holds at least one of the values (compared
   * as JSON: `{a: 1}` equals `{a: 1}`). A null fact holds nothing.
   */
  containsAny: {
    make: () => (fact, values) => list(fact, 'containsAny').some((item) => includes(values as unknown[], item)),
    valueProblem: (values) => valuesProblem('containsAny', values),
  },
  /** `fact` is a list, `value` a non-empty list: true when the fact holds every one of the values. */
  containsAll: {
    make: () => (fact, values) => {
      const items = list(fact, 'containsAll');
      return (values as unknown[]).every((value) => includes(items, value));
    },
    valueProblem: (values) => valuesProblem('containsAll', values),
  },
};

function isEmpty(fact: unknown, operator: string): boolean {
  if (fact === null) return true;
  if (typeof fact === 'string' || Array.isArray(fact)) return fact.length === 0;
  if (typeof fact === 'object') return Object.keys(fact).length === 0;
  throw wrongKind(operator, 'a string, a list or a mapping', fact);
}

/** The fact as a list; null (collected, nothing there) and absent (reported by the evaluator) hold nothing. */
function list(fact: unknown, operator: string): unknown[] {
  if (fact === null || fact === undefined) return [];
  if (!Array.isArray(fact)) throw wrongKind(operator, 'a list', fact);
  return fact;
}

function includes(items: unknown[], wanted: unknown): boolean {
  return items.some((item) => isDeepStrictEqual(item, wanted));
}

function valuesProblem(operator: string, values: unknown): string | null {
  if (Array.isArray(values) && values.length > 0) return null;
  return `${operator} needs a non-empty list as its value, got ${JSON.stringify(values)}`;
}
