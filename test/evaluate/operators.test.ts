import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import { OPERATOR_NAMES, operatorProblem, operatorValueProblem } from '../../src/evaluate/operators.ts';
import { fixture, pack, rule } from './support.ts';

const KEY = '$.iam.users[0].accessKeys[0]';
const ADMIN = { Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] };
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
  matchesRegex: { path: '$.iam.users[0].arn', value: '^arn:aws:iam::\\d{12}:user/al', status: 'pass' },
  isEmpty: { path: '$.iam.groups', value: true, status: 'pass' },
  notEmpty: { path: '$.iam.groups', value: true, status: 'fail' },
  containsAny: { path: '$.iam.users[*].userName', value: ['zed', 'bob'], status: 'pass' },
  containsAll: { path: '$.iam.users[*].userName', value: ['alice', 'zed'], status: 'fail' },
  isPublicCidr: { path: '$.iam.users[0].tags.cidr', value: true, status: 'pass' },
  cidrOverlaps: { path: '$.iam.users[0].tags.cidr', value: '10.0.0.0/8', status: 'pass' },
  policyAllows: { path: '$.iam.policies[0].document', value: 'iam:CreateUser', status: 'pass' },
  policyAllowsAny: { path: '$.iam.policies[0].document', value: ['s3:GetObject', { action: 'kms:Decrypt', resource: 'arn:aws:kms:*' }], status: 'pass' },
};

describe('OPERATOR_NAMES', () => {
  it('lists exactly the operators the evaluator registers, each of which works', async () => {
    expect([...OPERATOR_NAMES].sort()).toEqual(Object.keys(SAMPLES).sort());
    const snapshot = fixture();
    const iam = snapshot.accounts['111122223333']!.iam;
    iam.users![0]!.tags = { cidr: '0.0.0.0/0' };
    iam.policies = [{ document: ADMIN } as never];
    const rules = OPERATOR_NAMES.map((operator) =>
      rule({
        id: operator,
        select: '$.accounts.*',
        conditions: { all: [{ fact: 'resource', path: SAMPLES[operator]!.path, operator, value: SAMPLES[operator]!.value }] },
      }),
    );
    const { results } = await evaluate(snapshot, [pack(...rules)]);
    expect(Object.fromEntries(results.map((r) => [r.rule, r.status]))).toEqual(
      Object.fromEntries(Object.entries(SAMPLES).map(([name, sample]) => [name, sample.status])),
    );
  });
});

describe('operatorProblem', () => {
  it('accepts every registered operator', () => {
    expect(OPERATOR_NAMES.map(operatorProblem).filter(Boolean)).toEqual([]);
  });

  it("refuses json-rules-engine's operator decorators, saying what to write instead", () => {
    expect(operatorProblem('not:equal')).toBe('operator decorator "not:" is not supported: put the comparison in a `not` group');
    expect(operatorProblem('someFact:in')).toBe(
      'operator decorator "someFact:" is not supported: count the matching items with the `count` fact, or use containsAny',
    );
    expect(operatorProblem('everyValue:equal')).toBe('operator decorator "everyValue:" is not supported: use containsAll, or an `all` group');
    expect(operatorProblem('swap:contains')).toBe('operator decorator "swap:" is not supported: write the comparison the other way round');
    expect(operatorProblem('shiny:equal')).toMatch(/^unknown operator "shiny:equal" \(known: cidrOverlaps, contains, /);
  });
});

describe('operatorValueProblem', () => {
  it('checks the values of the project operators when a pack loads', () => {
    const problems = {
      olderThanDays: operatorValueProblem('olderThanDays', 'ninety'),
      withinDays: operatorValueProblem('withinDays', -1),
      matchesRegex: operatorValueProblem('matchesRegex', '(a'),
      matchesRegexLong: operatorValueProblem('matchesRegex', 'a'.repeat(1001)),
      matchesRegexBackreference: operatorValueProblem('matchesRegex', '(a)\\1'),
      isEmpty: operatorValueProblem('isEmpty', 'yes'),
      containsAny: operatorValueProblem('containsAny', []),
      containsAll: operatorValueProblem('containsAll', 'a'),
      isPublicCidr: operatorValueProblem('isPublicCidr', 1),
      cidrOverlaps: operatorValueProblem('cidrOverlaps', ['10.0.0.0/8', '10.0.0.0/33']),
      policyAllows: operatorValueProblem('policyAllows', { action: 's3:GetObject', resources: '*' }),
      policyAllowsAny: operatorValueProblem('policyAllowsAny', 's3:GetObject'),
    };
    expect(problems).toEqual({
      olderThanDays: 'olderThanDays needs a number of days as its value, got "ninety"',
      withinDays: 'withinDays needs a number of days as its value, got -1',
      matchesRegex: 'matchesRegex pattern "(a" is not a valid RE2 pattern: error parsing regexp: missing closing ): `(a`',
      matchesRegexLong: 'matchesRegex pattern is 1001 characters long; the limit is 1000',
      matchesRegexBackreference: 'matchesRegex pattern "(a)\\\\1" is not a valid RE2 pattern: error parsing regexp: invalid escape sequence: `\\1`',
      isEmpty: 'isEmpty needs true or false as its value, got "yes"',
      containsAny: 'containsAny needs a non-empty list as its value, got []',
      containsAll: 'containsAll needs a non-empty list as its value, got "a"',
      isPublicCidr: 'isPublicCidr needs true or false as its value, got 1',
      cidrOverlaps: 'cidrOverlaps: "10.0.0.0/33" is not a CIDR (a.b.c.d/n or an IPv6 prefix)',
      policyAllows: 'policyAllows needs an action ("s3:GetObject") or { action, resource } as its value, got {"action":"s3:GetObject","resources":"*"}',
      policyAllowsAny: 'policyAllowsAny needs a non-empty list of an action ("s3:GetObject") or { action, resource } as its value, got "s3:GetObject"',
    });
  });

  it("checks the built-ins' values that json-rules-engine would misread", () => {
    expect(operatorValueProblem('in', 'us-east-1,eu-west-1')).toBe('in needs a list as its value, got "us-east-1,eu-west-1"');
    expect(operatorValueProblem('notIn', { a: 1 })).toBe('notIn needs a list as its value, got {"a":1}');
    expect(operatorValueProblem('lessThan', '10')).toBe('lessThan needs a number as its value, got "10"');
    expect(operatorValueProblem('greaterThanInclusive', 3)).toBeNull();
  });

  it('accepts good values, and any value for equal and contains', () => {
    expect(operatorValueProblem('matchesRegex', '(?i)^prod-')).toBeNull();
    expect(operatorValueProblem('cidrOverlaps', '2001:db8::/32')).toBeNull();
    expect(operatorValueProblem('policyAllowsAny', ['iam:*', { action: 's3:*', resource: 'arn:aws:s3:::b/*' }])).toBeNull();
    expect(operatorValueProblem('equal', { anything: [1] })).toBeNull();
  });
});
