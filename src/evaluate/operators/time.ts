import type { OperatorContext, ProjectOperator } from './operator.ts';

/** Ages relative to the snapshot's `collectedAt`, so a re-evaluation next year gives the same verdict. */
export const TIME_OPERATORS: Record<string, ProjectOperator> = {
  /**
   * `fact` is an ISO-8601 timestamp, `value` a number of days: true when the timestamp lies MORE than `value`
   * days before collectedAt (exactly `value` days is not older). A null timestamp (the thing never happened:
   * a password never used) is false, as it is for `withinDays`: say in the rule what null means, for example
   * `any: [{ operator: equal, value: null }, { operator: olderThanDays, value: 90 }]`.
   */
  olderThanDays: {
    make: (context) => (fact, days) => {
      const age = ageInDays(fact, context, 'olderThanDays');
      return age !== null && age > (days as number);
    },
    valueProblem: (days) => daysProblem('olderThanDays', days),
  },
  /**
   * `fact` is an ISO-8601 timestamp, `value` a number of days: true when the timestamp lies at most `value` days
   * before collectedAt (exactly `value` days is within; a timestamp after collectedAt is within too). A null
   * timestamp is false.
   */
  withinDays: {
    make: (context) => (fact, days) => {
      const age = ageInDays(fact, context, 'withinDays');
      return age !== null && age <= (days as number);
    },
    valueProblem: (days) => daysProblem('withinDays', days),
  },
};

const DAY_MS = 86_400_000;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

function daysProblem(operator: string, days: unknown): string | null {
  if (typeof days === 'number' && Number.isFinite(days) && days >= 0) return null;
  return `${operator} needs a number of days as its value, got ${JSON.stringify(days)}`;
}

/** Days from `fact` to collectedAt, or null when there is no timestamp (null, or absent: reported elsewhere). */
function ageInDays(fact: unknown, context: OperatorContext, operator: string): number | null {
  if (fact === null || fact === undefined) return null;
  const then = typeof fact === 'string' && ISO_TIMESTAMP.test(fact) ? Date.parse(fact) : Number.NaN;
  if (Number.isNaN(then)) throw new TypeError(`${operator} needs an ISO-8601 timestamp, got ${JSON.stringify(fact)}`);
  const now = Date.parse(context.collectedAt);
  if (Number.isNaN(now)) throw new TypeError(`the snapshot's collectedAt is not a timestamp: ${JSON.stringify(context.collectedAt)}`);
  return (now - then) / DAY_MS;
}
