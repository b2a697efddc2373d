// STUB: the evaluator's owner replaces this file. The export names are the contract.

/** Every fact a condition may name. */
export const FACT_NAMES: readonly string[] = ['resource', 'account', 'region', 'snapshot', 'item', 'count'];
