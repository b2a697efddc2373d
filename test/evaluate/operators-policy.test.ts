import { runSimulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import { projectOperator } from '../../src/evaluate/operators.ts';

const CONTEXT = { collectedAt: '2026-11-24T10:00:00.000Z' };
const policyAllows = projectOperator('policyAllows', CONTEXT);
const policyAllowsAny = projectOperator('policyAllowsAny', CONTEXT);

type Statement = Record<string, unknown>;
const allow = (fields: Statement): Statement => ({ Effect: 'Allow', ...fields });
const deny = (fields: Statement): Statement => ({ Effect: 'Deny', ...fields });
const ACCOUNT = '111122223333';
const OBJECT = 'arn:aws:s3:::data/reports/q1.csv';

/** Statements, and a concrete request the oracle (AWS's evaluation logic as iam-simulate implements it) can judge. */
const CASES: { name: string; policies: Statement[][]; action: string; resource: string }[] = [
  { name: 'an exact action and resource', policies: [[allow({ Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::data/*'] })]], action: 's3:GetObject', resource: OBJECT },
  { name: 'actions match without regard to case', policies: [[allow({ Action: ['S3:getobject'], Resource: ['*'] })]], action: 's3:GetObject', resource: OBJECT },
  { name: 'resources match with regard to case', policies: [[allow({ Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::DATA/*'] })]], action: 's3:GetObject', resource: OBJECT },
  { name: 'a * in an action', policies: [[allow({ Action: ['s3:Get*'], Resource: ['*'] })]], action: 's3:GetObject', resource: OBJECT },
  { name: 'a * in an action that does not cover it', policies: [[allow({ Action: ['s3:Get*'], Resource: ['*'] })]], action: 's3:PutObject', resource: OBJECT },
  { name: 'a ? in an action', policies: [[allow({ Action: ['s3:GetObjec?'], Resource: ['*'] })]], action: 's3:GetObject', resource: OBJECT },
  { name: 'a * in a resource spans / and :', policies: [[allow({ Action: ['s3:*'], Resource: ['arn:aws:s3:::d*v'] })]], action: 's3:GetObject', resource: 'arn:aws:s3:::data/a:b/c.csv' },
  { name: 'a resource pattern that does not cover it', policies: [[allow({ Action: ['s3:*'], Resource: ['arn:aws:s3:::data/other/*'] })]], action: 's3:GetObject', resource: OBJECT },
  { name: 'a Deny overrides an Allow', policies: [[allow({ Action: ['*'], Resource: ['*'] }), deny({ Action: ['s3:*'], Resource: ['*'] })]], action: 's3:GetObject', resource: OBJECT },
  { name: 'a Deny in another policy overrides an Allow', policies: [[allow({ Action: ['*'], Resource: ['*'] })], [deny({ Action: ['s3:Get*'], Resource: ['arn:aws:s3:::data/*'] })]], action: 's3:GetObject', resource: OBJECT },
  { name: 'a Deny of other resources does not', policies: [[allow({ Action: ['*'], Resource: ['*'] }), deny({ Action: ['s3:*'], Resource: ['arn:aws:s3:::logs/*'] })]], action: 's3:GetObject', resource: OBJECT },
  { name: 'NotAction in an Allow grants what it does not list', policies: [[allow({ NotAction: ['iam:*'], Resource: ['*'] })]], action: 's3:GetObject', resource: OBJECT },
  { name: 'NotAction in an Allow withholds what it lists', policies: [[allow({ NotAction: ['iam:*'], Resource: ['*'] })]], action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCOUNT}:user/bob` },
  { name: 'NotResource in an Allow grants elsewhere', policies: [[allow({ Action: ['s3:*'], NotResource: ['arn:aws:s3:::secret/*'] })]], action: 's3:GetObject', resource: OBJECT },
  { name: 'NotResource in an Allow withholds what it lists', policies: [[allow({ Action: ['s3:*'], NotResource: ['arn:aws:s3:::data/*'] })]], action: 's3:GetObject', resource: OBJECT },
  { name: 'NotResource in a Deny denies elsewhere', policies: [[allow({ Action: ['*'], Resource: ['*'] }), deny({ Action: ['s3:*'], NotResource: ['arn:aws:s3:::logs/*'] })]], action: 's3:GetObject', resource: OBJECT },
  { name: 'NotResource in a Deny spares what it lists', policies: [[allow({ Action: ['*'], Resource: ['*'] }), deny({ Action: ['s3:*'], NotResource: ['arn:aws:s3:::data/*'] })]], action: 's3:GetObject', resource: OBJECT },
  { name: 'NotAction in a Deny denies what it does not list', policies: [[allow({ Action: ['*'], Resource: ['*'] }), deny({ NotAction: ['s3:GetObject'], Resource: ['*'] })]], action: 's3:PutObject', resource: OBJECT },
  { name: 'NotAction in a Deny spares what it lists', policies: [[allow({ Action: ['*'], Resource: ['*'] }), deny({ NotAction: ['s3:GetObject'], Resource: ['*'] })]], action: 's3:GetObject', resource: OBJECT },
  { name: 'no statement allows nothing', policies: [[]], action: 's3:GetObject', resource: OBJECT },
  { name: 'an Allow of another action', policies: [[allow({ Action: ['s3:ListBucket'], Resource: ['*'] })]], action: 's3:GetObject', resource: OBJECT },
  { name: 'an IAM user path pattern', policies: [[allow({ Action: ['iam:CreateAccessKey'], Resource: [`arn:aws:iam::${ACCOUNT}:user/admins/*`] })]], action: 'iam:CreateAccessKey', resource: `arn:aws:iam::${ACCOUNT}:user/admins/ann` },
  { name: 'an IAM user path pattern for another path', policies: [[allow({ Action: ['iam:CreateAccessKey'], Resource: [`arn:aws:iam::${ACCOUNT}:user/admins/*`] })]], action: 'iam:CreateAccessKey', resource: `arn:aws:iam::${ACCOUNT}:user/dev/ann` },
  { name: 'Action and Resource written as strings', policies: [[allow({ Action: 'dynamodb:GetItem', Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/*` })]], action: 'dynamodb:GetItem', resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders` },
];

async function oracle(policies: Statement[][], action: string, resource: string): Promise<boolean> {
  const response = await runSimulation(
    {
      identityPolicies: policies.map((statements, i) => ({ name: `p${i}`, policy: { Version: '2012-10-17', Statement: statements } })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: { action, principal: `arn:aws:iam::${ACCOUNT}:user/alice`, resource: { accountId: ACCOUNT, resource }, contextVariables: {} },
    } as never,
    {},
  );
  if (response.resultType === 'error') throw new Error(`the oracle refused the case: ${JSON.stringify(response.errors)}`);
  return response.overallResult === 'Allowed';
}

describe('policyAllows against the iam-simulate oracle', () => {
  it.each(CASES)('$name', async ({ policies, action, resource }) => {
    const documents = policies.map((Statement) => ({ Version: '2012-10-17', Statement }));
    const expected = await oracle(policies, action, resource);
    expect(policyAllows(documents, { action, resource })).toBe(expected);
    // The same statements as one flat list; policyAllowsAny with this one request.
    expect(policyAllows(policies.flat(), { action, resource })).toBe(expected);
    expect(policyAllowsAny(documents, [{ action, resource }])).toBe(expected);
  });

  it('says yes when any one request of the list is allowed', () => {
    const reader = { Statement: [allow({ Action: ['s3:GetObject'], Resource: ['*'] })] };
    expect(policyAllowsAny(reader, ['s3:PutObject', { action: 's3:GetObject', resource: OBJECT }])).toBe(true);
    expect(policyAllowsAny(reader, ['s3:PutObject', 'iam:*'])).toBe(false);
  });

  it('covers both answers', async () => {
    const answers = await Promise.all(CASES.map((c) => oracle(c.policies, c.action, c.resource)));
    expect(answers.filter(Boolean).length).toBe(12);
    expect(answers.filter((a) => !a).length).toBe(12);
  });
});

describe('policyAllows where the request context decides', () => {
  const CONDITION = { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } };

  it('counts an Allow with a Condition as allowing, and a Deny with a Condition as not denying', () => {
    expect(policyAllows([allow({ Action: ['*'], Resource: ['*'], Condition: CONDITION })], '*')).toBe(true);
    expect(policyAllows([allow({ Action: ['*'], Resource: ['*'] }), deny({ Action: ['*'], Resource: ['*'], Condition: CONDITION })], '*')).toBe(true);
  });

  it('reads a policy variable as possibly matching for an Allow, and never as certainly matching for a Deny', () => {
    const home = 'arn:aws:s3:::home/${aws:username}/*';
    expect(policyAllows([allow({ Action: ['s3:GetObject'], Resource: [home] })], { action: 's3:GetObject', resource: 'arn:aws:s3:::home/alice/a' })).toBe(true);
    const everything = allow({ Action: ['*'], Resource: ['*'] });
    expect(policyAllows([everything, deny({ Action: ['s3:*'], Resource: [home] })], { action: 's3:GetObject', resource: 'arn:aws:s3:::home/alice/a' })).toBe(true);
    // Under NotResource a variable works the other way: the Deny may spare any home folder, so it denies none for
    // sure; a resource outside every home folder it denies whoever asks.
    const denyOutsideHome = deny({ Action: ['s3:*'], NotResource: [home] });
    expect(policyAllows([everything, denyOutsideHome], { action: 's3:GetObject', resource: 'arn:aws:s3:::home/alice/a' })).toBe(true);
    expect(policyAllows([everything, denyOutsideHome], { action: 's3:GetObject', resource: 'arn:aws:s3:::shared/a' })).toBe(false);
    // ${*} is a literal *, not a variable.
    expect(policyAllows([allow({ Action: ['s3:*'], Resource: ['arn:aws:s3:::a${*}'] })], { action: 's3:GetObject', resource: 'arn:aws:s3:::a*' })).toBe(true);
    expect(policyAllows([allow({ Action: ['s3:*'], Resource: ['arn:aws:s3:::a${*}'] })], { action: 's3:GetObject', resource: 'arn:aws:s3:::ab' })).toBe(false);
  });
});

describe('policyAllows with wildcards in the question', () => {
  it('reads the question literally: iam:* asks whether all of IAM is granted, on every resource', () => {
    expect(policyAllows([allow({ Action: ['iam:*'], Resource: ['*'] })], 'iam:*')).toBe(true);
    expect(policyAllows([allow({ Action: ['*'], Resource: ['*'] })], 'iam:*')).toBe(true);
    expect(policyAllows([allow({ Action: ['iam:Get*'], Resource: ['*'] })], 'iam:*')).toBe(false);
    expect(policyAllows([allow({ Action: ['iam:*'], Resource: [`arn:aws:iam::${ACCOUNT}:user/*`] })], 'iam:*')).toBe(false);
    expect(policyAllows([allow({ Action: ['iam:*'], Resource: ['*'] }), deny({ Action: ['iam:Delete*'], Resource: ['*'] })], 'iam:*')).toBe(true);
    expect(policyAllows([allow({ Action: ['iam:*'], Resource: ['*'] }), deny({ Action: ['iam:*'], Resource: ['*'] })], 'iam:*')).toBe(false);
  });

  it('finds the admin grant however it is spelled', () => {
    const admin = (statements: Statement[]) => policyAllows({ Version: '2012-10-17', Statement: statements }, '*');
    expect(admin([allow({ Action: ['*'], Resource: ['*'] })])).toBe(true);
    expect(admin([allow({ NotAction: ['iam:*'], Resource: ['*'] })])).toBe(true);
    expect(admin([allow({ Action: ['s3:*', 'ec2:*'], Resource: ['*'] })])).toBe(false);
  });
});

describe('policyAllows on facts of every shape', () => {
  const statement = allow({ Action: ['s3:*'], Resource: ['*'] });

  it('reads a document, a document whose Statement is one object, one statement, and a list of documents', () => {
    expect(policyAllows({ Statement: [statement] }, 's3:GetObject')).toBe(true);
    expect(policyAllows({ Statement: statement }, 's3:GetObject')).toBe(true);
    expect(policyAllows(statement, 's3:GetObject')).toBe(true);
    expect(policyAllows([{ Statement: [] }, { Statement: [statement] }], 's3:GetObject')).toBe(true);
  });

  it('allows nothing for null (no policy) or absent data, and throws on what is not a policy', () => {
    expect(policyAllows(null, '*')).toBe(false);
    expect(policyAllows(undefined, '*')).toBe(false);
    expect(() => policyAllows('Allow *', '*')).toThrow('policyAllows needs a policy document, a statement or a list of them, got "Allow *"');
    expect(() => policyAllows([[statement]], '*')).toThrow(/^policyAllows needs a policy document/);
  });
});
