import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import { OPERATOR_NAMES } from '../../src/evaluate/operators.ts';
import { fixture, pack, rule } from './support.ts';

const KEY = '$.iam.users[0].accessKeys[0]';
/** A path and value each operator accepts, and the verdict expected on the fixture's account (2 users). */
const SAMPLES: Record<string, { path: string; value: unknown; status: 'pass' | 'fail' }> = {
  equal: { path: `${KEY}.status`, value: 'Active', status: 'pass' },
  notEqual: { path: `${KEY}.status`, value: 'Active', status: 'fail' },
  lessThan: { path: '$.iam.accountSummary.Users', value: 2, status: 'fail' },
  lessThanInclusive: { path: '$.iam.accountSummary.Users', value: 2, status: 'pass' },
  greaterThan: { path: '$.iam.accountSummary.Users', value: 1, status: 'pass' },
  greaterThanInclusive: { path: '$.iam.accountSummary.Users', value: 3, status: 'fail' },
  in: { path: `${KEY}.status`, value: ['Active', 'Inactive'], status: 'pass' },
  notIn: { path: `${KEY}.status`, value: ['Active'], status: 'fail' },
  contains: { path: '$.iam.users[*].userName', value: 'alice', status: 'pass' },
  doesNotContain: { path: '$.iam.users[*].userName', value: 'alice', status: 'fail' },
  olderThanDays: { path: `${KEY}.createDate`, value: 30, status: 'pass' },
  withinDays: { path: `${KEY}.createDate`, value: 30, status: 'fail' },
};

describe('OPERATOR_NAMES', () => {
  it('lists exactly the operators the evaluator registers, each of which works', async () => {
    expect([...OPERATOR_NAMES].sort()).toEqual(Object.keys(SAMPLES).sort());
    const rules = OPERATOR_NAMES.map((operator) =>
      rule({
        id: operator,
        select: '$.accounts.*',
        conditions: { all: [{ fact: 'resource', path: SAMPLES[operator]!.path, operator, value: SAMPLES[operator]!.value }] },
      }),
    );
    const { results } = await evaluate(fixture(), [pack(...rules)]);
    expect(Object.fromEntries(results.map((r) => [r.rule, r.status]))).toEqual(
      Object.fromEntries(Object.entries(SAMPLES).map(([name, sample]) => [name, sample.status])),
    );
  });
});
