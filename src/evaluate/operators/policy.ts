import { isPlainObject } from '../../plain-object.ts';
import { allows, statementsOf, type PolicyRequest } from './iam-policy.ts';
import type { ProjectOperator } from './operator.ts';

/** IAM policy tests; the semantics (Deny, wildcards, conditions) are described in `./iam-policy.ts`. */
export const POLICY_OPERATORS: Record<string, ProjectOperator> = {
  /**
   * `fact` is a policy document, a statement, or a list of them (null: no policy); `value` is an action
   * (`iam:*`, meaning on every resource) or `{ action, resource }`: true when the statements allow it and no
   * Deny that applies whatever the request cancels it.
   */
  policyAllows: {
    make: () => (fact, value) => fact !== undefined && allows(statementsOf(fact, 'policyAllows'), request(value)!),
    valueProblem: (value) => (request(value) ? null : `policyAllows needs ${REQUEST} as its value, got ${JSON.stringify(value)}`),
  },
  /** Like `policyAllows`, with a non-empty list of actions or `{ action, resource }`: true when any one is allowed. */
  policyAllowsAny: {
    make: () => (fact, value) => {
      if (fact === undefined) return false;
      const statements = statementsOf(fact, 'policyAllowsAny');
      return (value as unknown[]).some((item) => allows(statements, request(item)!));
    },
    valueProblem: (value) =>
      Array.isArray(value) && value.length > 0 && value.every((item) => request(item) !== null)
        ? null
        : `policyAllowsAny needs a non-empty list of ${REQUEST} as its value, got ${JSON.stringify(value)}`,
  },
};

const REQUEST = 'an action ("s3:GetObject") or { action, resource }';

function request(value: unknown): PolicyRequest | null {
  if (typeof value === 'string' && value.length > 0) return { action: value, resource: '*' };
  if (!isPlainObject(value)) return null;
  const { action, resource = '*', ...rest } = value;
  const valid = typeof action === 'string' && action.length > 0 && typeof resource === 'string' && resource.length > 0;
  return valid && Object.keys(rest).length === 0 ? { action, resource } : null;
}
