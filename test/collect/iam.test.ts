import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateAccessKeyCommand,
  CreateAccountAliasCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreateLoginProfileCommand,
  CreateOpenIDConnectProviderCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { beforeAll, describe, expect, it } from 'vitest';

import { collectIam } from '../../src/collect/iam.ts';
import { iamClient } from '../../src/collect/iam-call.ts';
import { collectCredentialReport } from '../../src/collect/iam-credential-report.ts';
import type { CollectionError } from '../../src/snapshot/schema.ts';
import { DEFAULT_ACCOUNT, motoClientConfig } from '../support/moto.ts';
import { deniedContext, motoClients, testContext, useMoto } from './moto-context.ts';
import { compareStrings } from '../../src/compare.ts';

const ACCOUNT = DEFAULT_ACCOUNT;
const ISO = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
const POLICY_ARN = `arn:aws:iam::${ACCOUNT}:policy/boundary`;
const SECURITY_AUDIT = 'arn:aws:iam::aws:policy/SecurityAudit';

const json = (value: unknown) => JSON.stringify(value);
const allow = (Action: string | string[], Resource: string | string[] = '*') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action, Resource }],
});

const moto = useMoto({ MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' });
let iam: IAMClient;
beforeAll(() => {
  iam = new IAMClient(motoClientConfig(moto));
});

/** What ctx.call records when IAM fails: the error, with the pointer of the field left absent. */
function iamError(operation: string, code: string, path: string): CollectionError {
  return { account: ACCOUNT, region: 'global', service: 'iam', operation, code, message: expect.any(String), pointer: `/accounts/${ACCOUNT}/iam/${path}` };
}

/** Calls run concurrently, so errors are recorded in no fixed order (the snapshot sorts them later). */
function byPointer(errors: CollectionError[]): CollectionError[] {
  return [...errors].sort((a, b) => compareStrings(a.pointer, b.pointer));
}

/** moto leaves PolicyId and PermissionsBoundaryUsageCount out of GetAccountAuthorizationDetails. */
function motoOmissions(policyCount: number): CollectionError[] {
  return Array.from({ length: policyCount }, (_, i) => [
    iamError('GetAccountAuthorizationDetails', 'IncompleteResponse', `policies/${i}/policyId`),
    iamError('GetAccountAuthorizationDetails', 'IncompleteResponse', `policies/${i}/permissionsBoundaryUsageCount`),
  ]).flat();
}

async function seedAccount() {
  await iam.send(new CreatePolicyCommand({ PolicyName: 'boundary', PolicyDocument: json(allow('s3:*')) }));
  await iam.send(
    new CreatePolicyVersionCommand({
      PolicyArn: POLICY_ARN,
      PolicyDocument: json(allow(['s3:GetObject', 'ec2:Describe*'], 'arn:aws:s3:::evidence/*')),
      SetAsDefault: true,
    }),
  );

  await iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/staff/', Tags: [{ Key: 'team', Value: 'security' }] }));
  await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-9' }));
  const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-mfa' }));
  await iam.send(
    new EnableMFADeviceCommand({
      UserName: 'alice',
      SerialNumber: device.VirtualMFADevice!.SerialNumber,
      AuthenticationCode1: '123456',
      AuthenticationCode2: '654321',
    }),
  );
  await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'spare' }));
  await iam.send(new CreateUserCommand({ UserName: 'bob' }));
  await iam.send(new CreateLoginProfileCommand({ UserName: 'bob', Password: 'Correct-Horse-9' }));
  await iam.send(new CreateUserCommand({ UserName: 'carol' }));
  const keys: string[] = [];
  for (let i = 0; i < 2; i++) keys.push((await iam.send(new CreateAccessKeyCommand({ UserName: 'carol' }))).AccessKey!.AccessKeyId!);

  await iam.send(new CreateGroupCommand({ GroupName: 'auditors' }));
  await iam.send(new AttachGroupPolicyCommand({ GroupName: 'auditors', PolicyArn: SECURITY_AUDIT }));
  await iam.send(new CreateGroupCommand({ GroupName: 'admins' }));
  await iam.send(new PutGroupPolicyCommand({ GroupName: 'admins', PolicyName: 'everything', PolicyDocument: json(allow('*')) }));
  await iam.send(new AttachGroupPolicyCommand({ GroupName: 'admins', PolicyArn: POLICY_ARN }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'auditors', UserName: 'alice' }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'alice' }));

  const trust = {
    Version: '2012-10-17',
    Statement: {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: 'sts:AssumeRole',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    },
  };
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'deployer',
      AssumeRolePolicyDocument: json(trust),
      Description: 'CI deployments',
      MaxSessionDuration: 7200,
      PermissionsBoundary: POLICY_ARN,
      Tags: [{ Key: 'owner', Value: 'platform' }],
    }),
  );
  await iam.send(new PutRolePolicyCommand({ RoleName: 'deployer', PolicyName: 'deploy', PolicyDocument: json(allow('cloudformation:*')) }));
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'deployer-profile' }));
  await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'deployer-profile', RoleName: 'deployer' }));

  await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, RequireSymbols: true, MaxPasswordAge: 90 }));
  await iam.send(new CreateSAMLProviderCommand({ Name: 'okta', SAMLMetadataDocument: '<EntityDescriptor entityID="okta"/>' }));
  await iam.send(
    new CreateOpenIDConnectProviderCommand({
      Url: 'https://token.actions.githubusercontent.com',
      ClientIDList: ['sts.amazonaws.com', 'api.example.com'],
      ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
    }),
  );
  await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'acme-prod' }));
  return { carolKeys: keys.sort() };
}

describe('collectIam against moto', () => {
  it('collects every field of a seeded account, normalized and sorted', async () => {
    const { carolKeys } = await seedAccount();
    const { ctx, errors, progress } = testContext(motoClients(moto), ['us-east-1']);
    const snapshot = await collectIam(ctx);

    expect(Object.keys(snapshot).sort()).toEqual([
      'accountAliases',
      'accountSummary',
      'credentialReport',
      'groups',
      'oidcProviders',
      'passwordPolicy',
      'policies',
      'roles',
      'samlProviders',
      'users',
      'virtualMfaDevices',
    ]);

    // Sorted by ARN, not by name: the path /staff/ puts alice last.
    expect(snapshot.users?.map((u) => u.arn)).toEqual([
      `arn:aws:iam::${ACCOUNT}:user/bob`,
      `arn:aws:iam::${ACCOUNT}:user/carol`,
      `arn:aws:iam::${ACCOUNT}:user/staff/alice`,
    ]);
    const [bob, carol, alice] = snapshot.users!;
    expect(alice).toStrictEqual({
      arn: `arn:aws:iam::${ACCOUNT}:user/staff/alice`,
      userName: 'alice',
      userId: expect.any(String),
      path: '/staff/',
      createDate: ISO,
      groups: ['admins', 'auditors'],
      attachedManagedPolicies: [],
      inlinePolicies: [],
      permissionsBoundary: null,
      tags: { team: 'security' },
      accessKeys: [],
      mfaDevices: [{ serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice-mfa`, enableDate: ISO }],
    });
    expect(bob?.mfaDevices).toEqual([]);
    expect(carol?.accessKeys).toStrictEqual(
      carolKeys.map((accessKeyId) => ({
        accessKeyId,
        status: 'Active',
        createDate: ISO,
        lastUsedDate: null,
        lastUsedRegion: null,
        lastUsedService: null,
      })),
    );

    expect(snapshot.groups).toStrictEqual([
      {
        arn: `arn:aws:iam::${ACCOUNT}:group/admins`,
        groupName: 'admins',
        groupId: expect.any(String),
        path: '/',
        createDate: ISO,
        attachedManagedPolicies: [{ policyArn: POLICY_ARN, policyName: 'boundary' }],
        inlinePolicies: [
          { policyName: 'everything', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] } },
        ],
      },
      {
        arn: `arn:aws:iam::${ACCOUNT}:group/auditors`,
        groupName: 'auditors',
        groupId: expect.any(String),
        path: '/',
        createDate: ISO,
        attachedManagedPolicies: [{ policyArn: SECURITY_AUDIT, policyName: 'SecurityAudit' }],
        inlinePolicies: [],
      },
    ]);

    expect(snapshot.roles).toStrictEqual([
      {
        arn: `arn:aws:iam::${ACCOUNT}:role/deployer`,
        roleName: 'deployer',
        roleId: expect.any(String),
        path: '/',
        createDate: ISO,
        description: 'CI deployments',
        maxSessionDuration: 7200,
        // moto returns this one raw, not URL-encoded.
        assumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: ['arn:aws:iam::111122223333:root'] },
              Action: ['sts:AssumeRole'],
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } },
            },
          ],
        },
        attachedManagedPolicies: [],
        inlinePolicies: [
          {
            policyName: 'deploy',
            document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['cloudformation:*'], Resource: ['*'] }] },
          },
        ],
        permissionsBoundary: { permissionsBoundaryArn: POLICY_ARN, permissionsBoundaryType: 'PermissionsBoundaryPolicy' },
        instanceProfiles: [`arn:aws:iam::${ACCOUNT}:instance-profile/deployer-profile`],
        lastUsedDate: null,
        lastUsedRegion: null,
        tags: { owner: 'platform' },
      },
    ]);

    // The customer policy, and of the AWS-managed ones only SecurityAudit, the one attached.
    expect(snapshot.policies?.map((p) => [p.arn, p.owner, p.attachmentCount])).toEqual([
      [POLICY_ARN, 'customer', 1],
      [SECURITY_AUDIT, 'aws', 1],
    ]);
    const v2 = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 'ec2:Describe*'], Resource: ['arn:aws:s3:::evidence/*'] }] };
    expect(snapshot.policies?.[0]).toStrictEqual({
      arn: POLICY_ARN,
      policyName: 'boundary',
      path: '/',
      owner: 'customer',
      defaultVersionId: 'v2',
      attachmentCount: 1,
      isAttachable: true,
      createDate: ISO,
      updateDate: ISO,
      document: v2,
      versions: [
        {
          versionId: 'v1',
          isDefaultVersion: false,
          createDate: ISO,
          document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] }] },
        },
        { versionId: 'v2', isDefaultVersion: true, createDate: ISO, document: v2 },
      ],
    });
    expect(snapshot.policies?.[1]?.document?.Statement.length).toBeGreaterThan(0);

    expect(snapshot.credentialReport?.map((row) => [row.user, row.isRoot, row.passwordEnabled, row.mfaActive, row.accessKey1Active, row.accessKey2Active])).toEqual([
      ['bob', false, true, false, false, false],
      ['carol', false, false, false, true, true],
      ['alice', false, true, true, false, false],
    ]);
    expect(snapshot.credentialReport?.[1]).toMatchObject({
      arn: `arn:aws:iam::${ACCOUNT}:user/carol`,
      userCreationTime: ISO,
      passwordLastUsed: null,
      accessKey1LastRotated: ISO,
      accessKey1LastUsedDate: null,
      accessKey1LastUsedRegion: null,
      accessKey1LastUsedService: null,
    });

    expect(snapshot.passwordPolicy).toStrictEqual({
      minimumPasswordLength: 14,
      requireSymbols: true,
      requireNumbers: false,
      requireUppercaseCharacters: false,
      requireLowercaseCharacters: false,
      allowUsersToChangePassword: false,
      expirePasswords: true,
      maxPasswordAge: 90,
      passwordReusePrevention: null,
      hardExpiry: false,
    });
    expect(snapshot.accountSummary).toMatchObject({ Users: 3, Groups: 2, Roles: 1, AccountMFAEnabled: 0 });
    expect(snapshot.virtualMfaDevices).toStrictEqual([
      { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice-mfa`, user: `arn:aws:iam::${ACCOUNT}:user/staff/alice`, enableDate: ISO },
      { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/spare`, user: null, enableDate: null },
    ]);
    expect(snapshot.samlProviders).toStrictEqual([{ arn: `arn:aws:iam::${ACCOUNT}:saml-provider/okta`, createDate: ISO, validUntil: ISO }]);
    expect(snapshot.oidcProviders).toStrictEqual([
      {
        arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
        url: 'token.actions.githubusercontent.com',
        clientIds: ['api.example.com', 'sts.amazonaws.com'],
        thumbprints: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
        createDate: ISO,
      },
    ]);
    expect(snapshot.accountAliases).toEqual(['acme-prod']);

    expect(byPointer(errors)).toEqual(byPointer(motoOmissions(2)));
    expect(progress).toEqual([`${ACCOUNT} global iam 4`]);
  });

  it('collects an empty account: no password policy is null, every list empty', async () => {
    const { ctx, errors } = testContext(motoClients(moto), ['us-east-1']);
    const snapshot = await collectIam(ctx);
    expect(snapshot).toMatchObject({
      users: [],
      groups: [],
      roles: [],
      policies: [],
      credentialReport: [],
      passwordPolicy: null,
      virtualMfaDevices: [],
      samlProviders: [],
      oidcProviders: [],
      accountAliases: [],
    });
    expect(errors).toEqual([]);
  });

  it('records a credential report still not ready after the last poll, and leaves it absent', async () => {
    const { ctx, errors } = testContext(motoClients(moto), ['us-east-1']);
    // moto answers STARTED to the first request: with no time to wait, the report is not ready.
    expect(await collectCredentialReport(ctx, iamClient(ctx), [])).toBeUndefined();
    expect(errors).toEqual([iamError('GenerateCredentialReport', 'CredentialReportNotReady', 'credentialReport')]);
    expect(errors[0]?.message).toBe('state STARTED after 1 polls over 0 ms');
  });

  it('leaves out exactly what the caller may not read, records why, and collects the rest', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14 }));
    const { ctx, errors, progress } = await deniedContext(moto, 'auditor', ['iam:GetAccountPasswordPolicy', 'iam:ListAccessKeys'], ['us-east-1']);
    const snapshot = await collectIam(ctx);

    expect(snapshot).not.toHaveProperty('passwordPolicy');
    expect(snapshot.users?.map((u) => [u.userName, Object.hasOwn(u, 'accessKeys'), u.mfaDevices])).toEqual([
      ['alice', false, []],
      ['auditor', false, []],
    ]);
    expect(snapshot.users?.[1]?.inlinePolicies.map((p) => p.document?.Statement.map((s) => s.Effect))).toEqual([['Allow', 'Deny']]);
    expect(snapshot.credentialReport?.map((row) => row.user)).toEqual(['alice', 'auditor']);
    expect(snapshot.accountSummary).toMatchObject({ Users: 2 });
    expect(byPointer(errors)).toEqual([
      iamError('GetAccountPasswordPolicy', 'AccessDenied', 'passwordPolicy'),
      iamError('ListAccessKeys', 'AccessDenied', 'users/0/accessKeys'),
      iamError('ListAccessKeys', 'AccessDenied', 'users/1/accessKeys'),
    ]);
    expect(progress).toEqual([`${ACCOUNT} global iam 3`]);
  });

  it('leaves out only the fields a failed detail call would have filled', async () => {
    await seedAccount();
    const denied = ['iam:ListRoles', 'iam:GetAccessKeyLastUsed', 'iam:GetOpenIDConnectProvider', 'iam:ListMFADevices'];
    const { ctx, errors } = await deniedContext(moto, 'auditor', denied, ['us-east-1']);
    const snapshot = await collectIam(ctx);

    const role = snapshot.roles?.[0];
    expect(role?.roleName).toBe('deployer');
    expect(role).not.toHaveProperty('description');
    expect(role).not.toHaveProperty('maxSessionDuration');
    expect(role?.permissionsBoundary?.permissionsBoundaryArn).toBe(POLICY_ARN);
    const carol = snapshot.users?.find((u) => u.userName === 'carol');
    expect(carol?.accessKeys?.map((key) => Object.keys(key).sort())).toEqual([
      ['accessKeyId', 'createDate', 'status'],
      ['accessKeyId', 'createDate', 'status'],
    ]);
    expect(snapshot.users?.some((u) => Object.hasOwn(u, 'mfaDevices'))).toBe(false);
    expect(snapshot.oidcProviders).toStrictEqual([{ arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` }]);

    const users = snapshot.users!.map((u) => u.userName);
    expect(users).toEqual(['auditor', 'bob', 'carol', 'alice']);
    const lastUsed = (user: number, key: number) =>
      ['lastUsedDate', 'lastUsedRegion', 'lastUsedService'].map((field) =>
        iamError('GetAccessKeyLastUsed', 'AccessDenied', `users/${user}/accessKeys/${key}/${field}`),
      );
    expect(byPointer(errors)).toEqual(
      byPointer([
        ...motoOmissions(2),
        ...['url', 'clientIds', 'thumbprints', 'createDate'].map((field) => iamError('GetOpenIDConnectProvider', 'AccessDenied', `oidcProviders/0/${field}`)),
        iamError('ListRoles', 'AccessDenied', 'roles/0/description'),
        iamError('ListRoles', 'AccessDenied', 'roles/0/maxSessionDuration'),
        ...lastUsed(0, 0), // the auditor's own key
        ...lastUsed(2, 0),
        ...lastUsed(2, 1),
        ...users.map((_, i) => iamError('ListMFADevices', 'AccessDenied', `users/${i}/mfaDevices`)),
      ]),
    );
  });

  it('leaves users, groups, roles and policies absent when GetAccountAuthorizationDetails is denied', async () => {
    await seedAccount();
    const { ctx, errors } = await deniedContext(moto, 'auditor', ['iam:GetAccountAuthorizationDetails'], ['us-east-1']);
    const snapshot = await collectIam(ctx);
    expect(Object.keys(snapshot).sort()).toEqual([
      'accountAliases',
      'accountSummary',
      'credentialReport',
      'oidcProviders',
      'passwordPolicy',
      'samlProviders',
      'virtualMfaDevices',
    ]);
    expect(byPointer(errors)).toEqual(
      ['groups', 'policies', 'roles', 'users'].map((field) => iamError('GetAccountAuthorizationDetails', 'AccessDenied', field)),
    );
  });
});
