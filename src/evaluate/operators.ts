import type { Engine } from 'json-rules-engine';

/**
 * Every operator a rule may use, registered here and nowhere else. An operator that throws (a timestamp that is
 * not one, a list that is not a list) makes that resource's result `error` with the message, never a crash.
 * An absent fact (undefined) never throws here: the evaluator reports absent data itself, with the pointer.
 */

/** json-rules-engine's built-ins: every engine already has them. */
const BUILT_IN_OPERATORS = [
  'equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive',
  'in', 'notIn', 'contains', 'doesNotContain',
] as const;

/** What the project's operators may depend on. Time is the snapshot's, never the wall clock. */
export interface OperatorContext {
  /** The snapshot's `manifest.collectedAt`. */
  collectedAt: string;
}

type Evaluator = (fact: unknown, value: unknown) => boolean;

/** The project's operators, by name; to add one, add an entry with its doc comment. */
const PROJECT_OPERATORS: Record<string, (context: OperatorContext) => Evaluator> = {
  /**
   * `fact` is an ISO-8601 timestamp, `value` a number of days: true when the timestamp lies MORE than `value`
   * days before collectedAt (exactly `value` days is not older). A null timestamp (the thing never happened:
   * a password never used) is false, as it is for `withinDays`: say in the rule what null means, for example
   * `any: [{ operator: equal, value: null }, { operator: olderThanDays, value: 90 }]`.
   */
  olderThanDays: (context) => (fact, days) => {
    const age = ageInDays(fact, days, context, 'olderThanDays');
    return age !== null && age > (days as number);
  },
  /**
   * `fact` is an ISO-8601 timestamp, `value` a number of days: true when the timestamp lies at most `value` days
   * before collectedAt (exactly `value` days is within; a timestamp after collectedAt is within too). A null
   * timestamp is false.
   */
  withinDays: (context) => (fact, days) => {
    const age = ageInDays(fact, days, context, 'withinDays');
    return age !== null && age <= (days as number);
  },
};

export const OPERATOR_NAMES: readonly string[] = [...BUILT_IN_OPERATORS, ...Object.keys(PROJECT_OPERATORS)];

/** Adds the project's operators to a json-rules-engine engine (which has the built-ins already). */
export function addProjectOperators(engine: Engine, context: OperatorContext): void {
  for (const [name, make] of Object.entries(PROJECT_OPERATORS)) engine.addOperator(name, make(context));
}

const DAY_MS = 86_400_000;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Days from `fact` to collectedAt, or null when there is no timestamp (null, or absent: reported elsewhere). */
function ageInDays(fact: unknown, days: unknown, context: OperatorContext, operator: string): number | null {
  if (typeof days !== 'number' || !Number.isFinite(days)) {
    throw new TypeError(`${operator} needs a number of days as its value, got ${JSON.stringify(days)}`);
  }
  if (fact === null || fact === undefined) return null;
  const then = typeof fact === 'string' && ISO_TIMESTAMP.test(fact) ? Date.parse(fact) : Number.NaN;
  if (Number.isNaN(then)) throw new TypeError(`${operator} needs an ISO-8601 timestamp, got ${JSON.stringify(fact)}`);
  const now = Date.parse(context.collectedAt);
  if (Number.isNaN(now)) throw new TypeError(`the snapshot's collectedAt is not a timestamp: ${JSON.stringify(context.collectedAt)}`);
  return (now - then) / DAY_MS;
}
