import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import type { RuleResult } from '../../src/evaluate/results.ts';
import type { IamGroup, ManagedPolicy, Snapshot } from '../../src/snapshot/schema.ts';
import type { Rule } from '../../src/rules/types.ts';
import { ACCOUNT, fixture, pack, rule } from './support.ts';

const IAM = `${ACCOUNT}/iam`;
const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] };
const DENY_IAM = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['iam:*'], Resource: ['*'] }] };
const READ_S3 = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*'], Resource: ['*'] }] };

/**
 * alice: in group `admins` (AdministratorAccess attached) with an inline Deny of IAM; bob: an inline policy whose
 * document could not be parsed; carol (credential report only): no IAM user record.
 */
function snapshot(): Snapshot {
  const snap = fixture();
  const iam = snap.accounts['111122223333']!.iam;
  const [alice, bob] = iam.users!;
  alice!.groups = ['admins'];
  alice!.inlinePolicies = [{ policyName: 'no-iam', document: DENY_IAM as never }];
  alice!.attachedManagedPolicies = [{ policyArn: 'arn:aws:iam::111122223333:policy/read-s3', policyName: 'read-s3' }];
  bob!.inlinePolicies = [{ policyName: 'broken' }];
  iam.groups = [
    { arn: 'arn:aws:iam::111122223333:group/admins', groupName: 'admins', groupId: 'G1', path: '/', createDate: '2025-01-01T00:00:00.000Z', attachedManagedPolicies: [{ policyArn: ADMIN_ARN, policyName: 'AdministratorAccess' }], inlinePolicies: [] } satisfies IamGroup,
  ];
  iam.policies = [
    { arn: ADMIN_ARN, document: ALLOW_ALL } as ManagedPolicy,
    { arn: 'arn:aws:iam::111122223333:policy/read-s3', document: READ_S3 } as ManagedPolicy,
  ];
  return snap;
}

async function run(snap: Snapshot, ...rules: Rule[]): Promise<RuleResult[]> {
  return (await evaluate(snap, [pack(...rules)])).results;
}

const allowsEverything = (select: string, where?: Rule['where']) =>
  rule({ id: 'admin', select, ...(where ? { where } : {}), conditions: { not: { fact: 'identityPolicies', operator: 'policyAllows', value: 'iam:CreateUser' } } });

describe('identityPolicies', () => {
  it("joins a user's inline, attached and group policies, quoting each document where it is in the snapshot", async () => {
    const [alice, bob] = await run(snapshot(), allowsEverything('$.accounts.*.iam.users[*]'));
    // alice's group allows everything, her own inline policy denies IAM: the Deny wins across policies.
    expect(alice).toMatchObject({ status: 'pass', resource: 'arn:aws:iam::111122223333:user/alice' });
    expect(alice!.evidence).toEqual([
      { pointer: `${IAM}/policies/0/document`, value: ALLOW_ALL },
      { pointer: `${IAM}/policies/1/document`, value: READ_S3 },
      { pointer: `${IAM}/users/0/inlinePolicies/0/document`, value: DENY_IAM },
    ]);
    expect(alice!.checks).toEqual([
      { condition: 'conditions.not', fact: 'identityPolicies', operator: 'policyAllows', expected: 'iam:CreateUser', pointer: null, actual: [DENY_IAM, READ_S3, ALLOW_ALL], result: false },
    ]);
    // bob's only policy could not be parsed: a Deny in it could change the answer.
    expect(bob).toMatchObject({
      status: 'error',
      message: `missing from the snapshot, and no collection error explains it: ${IAM}/users/1/inlinePolicies/0/document`,
    });
  });

  it('reaches the user from a record carrying its ARN, and says when the resource is not an identity', async () => {
    const results = await run(snapshot(), allowsEverything('$.accounts.*.iam.credentialReport[*]'));
    expect(results.map((r) => [r.resource, r.status, r.message])).toEqual([
      ['arn:aws:iam::111122223333:root', 'error', 'could not be evaluated: identityPolicies applies to IAM users, groups and roles (or records carrying their ARN); this resource\'s ARN is "arn:aws:iam::111122223333:root"'],
      ['arn:aws:iam::111122223333:user/alice', 'pass', undefined],
      ['arn:aws:iam::111122223333:user/bob', 'error', `missing from the snapshot, and no collection error explains it: ${IAM}/users/1/inlinePolicies/0/document`],
      ['arn:aws:iam::111122223333:user/carol', 'error', `could not be evaluated: identityPolicies: IAM user arn:aws:iam::111122223333:user/carol is not in the snapshot (${IAM}/users)`],
    ]);
  });

  it('is an error, explained by the collection error, when a list it joins through was not collected', async () => {
    const snap = snapshot();
    delete snap.accounts['111122223333']!.iam.groups;
    const error = { account: '111122223333', region: 'global', service: 'iam', operation: 'GetAccountAuthorizationDetails', code: 'AccessDenied', message: 'no', pointer: `${IAM}/groups` };
    snap.errors.push(error);
    const [alice] = await run(snap, allowsEverything('$.accounts.*.iam.users[*]'));
    expect(alice).toMatchObject({ status: 'error', message: `not collected: ${IAM}/groups (iam:GetAccountAuthorizationDetails AccessDenied)`, collectionErrors: [error] });
  });

  it("is an error when an identity's groups or policy lists are absent, never a join with nothing in it", async () => {
    const snap = snapshot();
    const [alice, bob] = snap.accounts['111122223333']!.iam.users!;
    delete (alice as Partial<typeof alice>)!.groups;
    delete (bob as Partial<typeof bob>)!.attachedManagedPolicies;
    bob!.inlinePolicies = [];
    const results = await run(snap, allowsEverything('$.accounts.*.iam.users[*]'), { ...allowsEverything('$.accounts.*.iam.groups[*]'), id: 'group-admin' });
    expect(results.map((r) => [r.resource, r.status, r.message])).toEqual([
      ['arn:aws:iam::111122223333:user/alice', 'error', `missing from the snapshot, and no collection error explains it: ${IAM}/users/0/groups`],
      ['arn:aws:iam::111122223333:user/bob', 'error', `missing from the snapshot, and no collection error explains it: ${IAM}/users/1/attachedManagedPolicies`],
      // A group belongs to no group: it has no `groups` list, and that is not missing data.
      ['arn:aws:iam::111122223333:group/admins', 'fail', undefined],
    ]);
  });

  it('counts in the joined documents with pointers into the snapshot', async () => {
    const results = await run(
      snapshot(),
      rule({
        id: 'few-allows',
        select: '$.accounts.*.iam.users[0]',
        conditions: {
          all: [
            {
              fact: 'count',
              params: { fact: 'identityPolicies', path: '$[*].Statement[*]', where: { all: [{ fact: 'item', path: '$.Effect', operator: 'equal', value: 'Allow' }] } },
              operator: 'equal',
              value: 2,
            },
          ],
        },
      }),
    );
    expect(results[0]).toMatchObject({ status: 'pass' });
    expect(results[0]!.checks.map((c) => [c.condition, c.pointer, c.actual])).toEqual([
      ['conditions.all[0]', null, 2],
      ['conditions.all[0].params.where.all[0]', `${IAM}/users/0/inlinePolicies/0/document/Statement/0/Effect`, 'Deny'],
      ['conditions.all[0].params.where.all[0]', `${IAM}/policies/1/document/Statement/0/Effect`, 'Allow'],
      ['conditions.all[0].params.where.all[0]', `${IAM}/policies/0/document/Statement/0/Effect`, 'Allow'],
    ]);
  });

  it('reads a path in the joined list, rebased onto the place each element came from', async () => {
    const results = await run(
      snapshot(),
      rule({
        id: 'first-document',
        select: '$.accounts.*.iam.users[0]',
        conditions: { all: [{ fact: 'identityPolicies', path: '$[2].Statement[0].Effect', operator: 'equal', value: 'Allow' }] },
      }),
    );
    expect(results[0]!.checks).toEqual([
      { condition: 'conditions.all[0]', fact: 'identityPolicies', path: '$[2].Statement[0].Effect', operator: 'equal', expected: 'Allow', pointer: `${IAM}/policies/0/document/Statement/0/Effect`, actual: 'Allow', result: true },
    ]);
  });
});

describe('joins by ARN with count and a fact as the value', () => {
  it("finds the trail's KMS key among the account's keys", async () => {
    const snap = fixture();
    const keyArn = 'arn:aws:kms:us-east-1:111122223333:key/k1';
    const { 'us-east-1': east, 'eu-west-1': west } = snap.accounts['111122223333']!.regions;
    east!.cloudtrail.trails![0]!.kmsKeyId = keyArn;
    // Every region's keys must be there: a region whose keys are absent could hold the one named.
    east!.kms = { arn: 'arn:aws:kms:us-east-1:111122223333:', keys: [{ arn: keyArn, rotationEnabled: true }] } as never;
    west!.kms = { arn: 'arn:aws:kms:eu-west-1:111122223333:', keys: [] } as never;
    const results = await run(
      snap,
      rule({
        id: 'trail-key-rotated',
        select: '$.accounts.*.regions.*.cloudtrail.trails[*]',
        conditions: {
          all: [
            {
              fact: 'count',
              params: {
                fact: 'account',
                path: '$.regions.*.kms.keys[*]',
                where: {
                  all: [
                    { fact: 'item', path: '$.arn', operator: 'equal', value: { fact: 'resource', path: '$.kmsKeyId' } },
                    { fact: 'item', path: '$.rotationEnabled', operator: 'equal', value: true },
                  ],
                },
              },
              operator: 'equal',
              value: 1,
            },
          ],
        },
      }),
    );
    const trail = results.find((r) => r.pointer?.includes('us-east-1'))!;
    expect([trail.status, trail.message]).toEqual(['pass', undefined]);
    expect(trail.evidence).toContainEqual({ pointer: `${ACCOUNT}/regions/us-east-1/kms/keys/0/arn`, value: keyArn });
    expect(trail.evidence).toContainEqual({ pointer: `${ACCOUNT}/regions/us-east-1/cloudtrail/trails/0/kmsKeyId`, value: keyArn });
  });
});

describe('derived facts read with unusual paths', () => {
  it('quote the places for $, and say so for an element that is not there', async () => {
    const results = await run(
      snapshot(),
      rule({
        id: 'paths',
        select: '$.accounts.*.iam.users[0]',
        conditions: { all: [{ fact: 'identityPolicies', path: '$', operator: 'notEmpty', value: true }] },
      }),
      rule({
        id: 'out-of-range',
        select: '$.accounts.*.iam.users[0]',
        conditions: { all: [{ fact: 'identityPolicies', path: '$[7].Statement', operator: 'isEmpty', value: false }] },
      }),
    );
    expect(results.map((r) => [r.rule, r.status, r.message])).toEqual([
      ['out-of-range', 'error', 'could not be evaluated: the derived fact has no element 7: it has 3'],
      ['paths', 'pass', undefined],
    ]);
    expect(results[1]!.evidence.map((e) => e.pointer)).toEqual([`${IAM}/policies/0/document`, `${IAM}/policies/1/document`, `${IAM}/users/0/inlinePolicies/0/document`]);
  });
});
