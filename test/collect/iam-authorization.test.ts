// GetAccountAuthorizationDetails answers moto cannot give (it refuses malformed documents on the way in, and
// always omits some fields), normalized from hand-written answers in AWS's shape.
import { describe, expect, it } from 'vitest';
import { ClientFactory } from '../../src/aws/clients.ts';
import { normalizeGroup, normalizePolicy, normalizeRole } from '../../src/collect/iam-authorization.ts';
import { DEFAULT_ACCOUNT, TEST_CREDENTIALS } from '../support/moto.ts';
import { testContext } from './moto-context.ts';

const encoded = (document: unknown) => encodeURIComponent(JSON.stringify(document));
const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] };
const created = new Date('2024-01-02T03:04:05Z');

function offlineContext() {
  return testContext(new ClientFactory({ maxAttempts: 1, requestTimeoutMs: 1000, credentials: async () => TEST_CREDENTIALS }), []);
}

function error(operation: string, code: string, pointer: string, message: string) {
  return { account: DEFAULT_ACCOUNT, region: 'global', service: 'iam', operation, code, message, pointer: `/accounts/${DEFAULT_ACCOUNT}/iam/${pointer}` };
}

describe('normalizing GetAccountAuthorizationDetails', () => {
  it('leaves a malformed inline document absent and records it at its place (policies sorted by name first)', () => {
    const { ctx, errors } = offlineContext();
    const group = normalizeGroup(
      ctx,
      {
        GroupName: 'ops',
        Arn: 'arn:aws:iam::123456789012:group/ops',
        GroupPolicyList: [
          { PolicyName: 'zz-fine', PolicyDocument: encoded(allowAll) },
          { PolicyName: 'aa-broken', PolicyDocument: '%7B%22Statement%22%3A' },
        ],
      },
      ['groups', 3],
    );
    expect(group.inlinePolicies).toStrictEqual([{ policyName: 'aa-broken' }, { policyName: 'zz-fine', document: allowAll }]);
    expect(errors).toEqual([
      error(
        'GetAccountAuthorizationDetails',
        'MalformedPolicyDocument',
        'groups/3/inlinePolicies/0/document',
        expect.stringMatching(/^not a JSON policy document/),
      ),
    ]);
  });

  it('leaves a missing trust policy absent and records it', () => {
    const { ctx, errors } = offlineContext();
    const role = normalizeRole(ctx, { RoleName: 'r', Arn: 'arn:aws:iam::123456789012:role/r', CreateDate: created }, ['roles', 0]);
    expect(role).not.toHaveProperty('assumeRolePolicyDocument');
    expect(role.createDate).toBe('2024-01-02T03:04:05.000Z');
    expect(errors).toEqual([
      error(
        'GetAccountAuthorizationDetails',
        'MalformedPolicyDocument',
        'roles/0/assumeRolePolicyDocument',
        'GetAccountAuthorizationDetails gave no document',
      ),
    ]);
  });

  it('normalizes a complete managed policy: versions sorted, the default version as its document', () => {
    const { ctx, errors } = offlineContext();
    const deny = { Statement: [{ Effect: 'Deny', Action: ['iam:*'], Resource: ['*'] }] };
    const policy = normalizePolicy(
      ctx,
      {
        PolicyName: 'Guard',
        PolicyId: 'ANPA0000000000000001',
        Arn: 'arn:aws:iam::123456789012:policy/team/Guard',
        Path: '/team/',
        DefaultVersionId: 'v1',
        AttachmentCount: 0,
        PermissionsBoundaryUsageCount: 2,
        IsAttachable: true,
        CreateDate: created,
        UpdateDate: created,
        PolicyVersionList: [
          { VersionId: 'v2', IsDefaultVersion: false, CreateDate: created, Document: encoded(allowAll) },
          { VersionId: 'v1', IsDefaultVersion: true, CreateDate: created, Document: encoded(deny) },
        ],
      },
      ['policies', 0],
    );
    expect(policy).toStrictEqual({
      arn: 'arn:aws:iam::123456789012:policy/team/Guard',
      policyName: 'Guard',
      policyId: 'ANPA0000000000000001',
      path: '/team/',
      owner: 'customer',
      defaultVersionId: 'v1',
      attachmentCount: 0,
      permissionsBoundaryUsageCount: 2,
      isAttachable: true,
      createDate: '2024-01-02T03:04:05.000Z',
      updateDate: '2024-01-02T03:04:05.000Z',
      document: deny,
      versions: [
        { versionId: 'v1', isDefaultVersion: true, createDate: '2024-01-02T03:04:05.000Z', document: deny },
        { versionId: 'v2', isDefaultVersion: false, createDate: '2024-01-02T03:04:05.000Z', document: allowAll },
      ],
    });
    expect(errors).toEqual([]);
  });

  it('takes a missing policy name from the ARN, and leaves out (and records) an id or count AWS did not report', () => {
    const { ctx, errors } = offlineContext();
    const policy = normalizePolicy(
      ctx,
      {
        Arn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
        DefaultVersionId: 'v3',
        AttachmentCount: 1,
        PolicyVersionList: [{ VersionId: 'v3', IsDefaultVersion: true, Document: encoded(allowAll) }],
      },
      ['policies', 7],
    );
    expect(policy).toMatchObject({ policyName: 'ViewOnlyAccess', owner: 'aws', attachmentCount: 1, document: allowAll });
    expect(policy).not.toHaveProperty('policyId');
    expect(policy).not.toHaveProperty('permissionsBoundaryUsageCount');
    expect(errors).toEqual([
      error('GetAccountAuthorizationDetails', 'IncompleteResponse', 'policies/7/policyId', 'GetAccountAuthorizationDetails did not report policyId'),
      error(
        'GetAccountAuthorizationDetails',
        'IncompleteResponse',
        'policies/7/permissionsBoundaryUsageCount',
        'GetAccountAuthorizationDetails did not report permissionsBoundaryUsageCount',
      ),
    ]);
  });
});
