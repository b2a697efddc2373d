// STUB: the evaluator's owner replaces this file. The signatures are the contract.

/** A value found by a JSONPath, with its RFC 6901 pointer in the snapshot. */
export interface Match {
  pointer: string;
  value: unknown;
}

/** Why a rule's JSONPath is not allowed (bad syntax, a filter or script expression), or null when it is fine. */
export function jsonPathProblem(path: string): string | null {
  return path.startsWith('$') ? null : 'a JSONPath must start with $';
}

/** Every match of `path` in `node`, which lives at `basePointer` in the snapshot. Script evaluation is off. */
export function query(_node: unknown, _basePointer: string, _path: string): Match[] {
  throw new Error('not implemented');
}
