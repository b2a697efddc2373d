/** What every project operator is made of; the registry is `../operators.ts`. */

/** What operators may depend on. Time is the snapshot's, never the wall clock. */
export interface OperatorContext {
  /** The snapshot's `manifest.collectedAt`. */
  collectedAt: string;
}

/** json-rules-engine's operator callback: the fact's value as read, and the rule's `value`. */
export type Test = (fact: unknown, value: unknown) => boolean;

export interface ProjectOperator {
  make(context: OperatorContext): Test;
  /**
   * Why a rule's `value` cannot work with this operator, or null. The loader asks when the value is written in
   * the rule or comes from a parameter, so a bad pattern or CIDR is an error when the pack loads, located.
   */
  valueProblem(value: unknown): string | null;
}

/** For operators whose value says which answer is wanted: `true` (it is) or `false` (it is not). */
export function booleanValueProblem(operator: string, value: unknown): string | null {
  return typeof value === 'boolean' ? null : `${operator} needs true or false as its value, got ${JSON.stringify(value)}`;
}

/** The message of a TypeError an operator throws on data of the wrong kind; the result becomes `error`. */
export function wrongKind(operator: string, expected: string, fact: unknown): TypeError {
  return new TypeError(`${operator} needs ${expected}, got ${JSON.stringify(fact)}`);
}
