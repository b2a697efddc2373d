// STUB: the evaluator's owner replaces this file. The export names are the contract.

/** Every operator a rule may use: json-rules-engine's built-ins and the project's own. */
export const OPERATOR_NAMES: readonly string[] = [
  'equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive',
  'in', 'notIn', 'contains', 'doesNotContain', 'olderThanDays', 'withinDays',
];
