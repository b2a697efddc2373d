import { describe, expect, it } from 'vitest';
import {
  AttachPolicyCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand,
  EnablePolicyTypeCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { collectOrganizations } from '../../src/collect/organizations.ts';
import { AccountContext, Limiter } from '../../src/collect/context.ts';
import type { OrganizationalUnit, ServiceControlPolicy } from '../../src/snapshot/schema.ts';
import { motoClientConfig, type Moto } from '../support/moto.ts';
import { deniedContext, motoClients, testContext, useMoto } from './moto-context.ts';

const ACCOUNT = '123456789012';
const SECOND = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/);
const DENY_LEAVE = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] };

interface Seeded {
  orgArn: string;
  orgId: string;
  rootId: string;
  rootArn: string;
  prod: OrganizationalUnit;
  web: OrganizationalUnit;
  memberId: string;
  policyId: string;
  policyArn: string;
}

async function seed(moto: Moto): Promise<Seeded> {
  const org = new OrganizationsClient(motoClientConfig(moto));
  const organization = (await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }))).Organization!;
  const root = (await org.send(new ListRootsCommand({}))).Roots![0]!;
  await org.send(new EnablePolicyTypeCommand({ RootId: root.Id!, PolicyType: 'SERVICE_CONTROL_POLICY' }));
  const prod = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: root.Id!, Name: 'prod' }))).OrganizationalUnit!;
  const web = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: prod.Id!, Name: 'web' }))).OrganizationalUnit!;
  const created = (await org.send(new CreateAccountCommand({ AccountName: 'member', Email: 'member@example.com' }))).CreateAccountStatus!;
  await org.send(new MoveAccountCommand({ AccountId: created.AccountId!, SourceParentId: root.Id!, DestinationParentId: web.Id! }));
  const policy = (
    await org.send(
      new CreatePolicyCommand({ Name: 'deny-leave', Description: 'stay', Type: 'SERVICE_CONTROL_POLICY', Content: JSON.stringify(DENY_LEAVE) }),
    )
  ).Policy!.PolicySummary!;
  await org.send(new AttachPolicyCommand({ PolicyId: policy.Id!, TargetId: prod.Id! }));
  return {
    orgArn: organization.Arn!,
    orgId: organization.Id!,
    rootId: root.Id!,
    rootArn: root.Arn!,
    prod: { arn: prod.Arn!, id: prod.Id!, name: 'prod', parentId: root.Id! },
    web: { arn: web.Arn!, id: web.Id!, name: 'web', parentId: prod.Id! },
    memberId: created.AccountId!,
    policyId: policy.Id!,
    policyArn: policy.Arn!,
  };
}

describe('collectOrganizations', () => {
  const moto = useMoto();

  it('says organization null for an account in no organization: data, not an error', async () => {
    const { ctx, errors, progress } = testContext(motoClients(moto), ['us-east-1']);
    expect(await collectOrganizations(ctx)).toEqual({ organization: null });
    expect(errors).toEqual([]);
    expect(progress).toEqual([`${ACCOUNT} global organizations 0`]);
  });

  it('collects the organization, its roots, every OU however deep, its accounts, and its SCPs with parsed documents and targets', async () => {
    const seeded = await seed(moto);
    const { ctx, errors } = testContext(motoClients(moto), ['us-east-1']);
    const { organization } = await collectOrganizations(ctx);
    expect(errors).toEqual([]);
    expect(organization).toMatchObject({
      arn: seeded.orgArn,
      id: seeded.orgId,
      featureSet: 'ALL',
      masterAccountId: ACCOUNT,
      masterAccountArn: `arn:aws:organizations::${ACCOUNT}:account/${seeded.orgId}/${ACCOUNT}`,
      roots: [{ arn: seeded.rootArn, id: seeded.rootId, name: 'Root', policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] }],
      organizationalUnits: [seeded.prod, seeded.web].sort((a, b) => (a.arn < b.arn ? -1 : 1)),
    });
    expect(organization!.accounts!.map((a) => [a.id, a.name, a.email, a.status, a.joinedMethod, a.joinedTimestamp])).toEqual(
      [
        [ACCOUNT, 'master', 'master@example.com', 'ACTIVE', 'CREATED', SECOND],
        [seeded.memberId, 'member', 'member@example.com', 'ACTIVE', 'CREATED', SECOND],
      ].sort((a, b) => (`${a[0]}` < `${b[0]}` ? -1 : 1)),
    );
    const denyLeave: ServiceControlPolicy = {
      arn: seeded.policyArn,
      id: seeded.policyId,
      name: 'deny-leave',
      description: 'stay',
      awsManaged: false,
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['organizations:LeaveOrganization'], Resource: ['*'] }] },
      targets: [{ arn: seeded.prod.arn, targetId: seeded.prod.id, name: 'prod', type: 'ORGANIZATIONAL_UNIT' }],
    };
    const policies = organization!.serviceControlPolicies!;
    expect(policies.find((p) => p.id === seeded.policyId)).toEqual(denyLeave);
    expect(policies.find((p) => p.awsManaged)).toMatchObject({ name: 'FullAWSAccess', document: { Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] } });
    expect(policies.map((p) => p.arn)).toEqual(policies.map((p) => p.arn).sort());
  });

  it('leaves each SCP\'s targets absent, recorded at that policy, when ListTargetsForPolicy is denied; the rest is collected', async () => {
    await seed(moto);
    const { ctx, errors } = await deniedContext(moto, 'no-targets', ['organizations:ListTargetsForPolicy'], ['us-east-1']);
    const { organization } = await collectOrganizations(ctx);
    expect(organization!.organizationalUnits).toHaveLength(2);
    expect(organization!.serviceControlPolicies!.map((p) => ['document' in p, 'targets' in p])).toEqual([
      [true, false],
      [true, false],
    ]);
    expect(errors.map((e) => [e.service, e.region, e.operation, e.code, e.pointer]).sort()).toEqual(
      [0, 1].map((index) => [
        'organizations',
        'global',
        'ListTargetsForPolicy',
        'AccessDenied',
        `/accounts/${ACCOUNT}/organizations/organization/serviceControlPolicies/${index}/targets`,
      ]),
    );
  });

  it('walks a wide OU tree within the account\'s call limit: every ListOrganizationalUnitsForParent waits its turn', async () => {
    const org = new OrganizationsClient(motoClientConfig(moto));
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    const units = await Promise.all(
      ['a', 'b', 'c', 'd', 'e', 'f'].map(async (name) => (await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: name }))).OrganizationalUnit!),
    );
    const clients = motoClients(moto);
    let inFlight = 0;
    let most = 0;
    clients.get(OrganizationsClient, 'us-east-1').middlewareStack.add(
      (next) => async (args) => {
        most = Math.max(most, ++inFlight);
        try {
          return await next(args);
        } finally {
          inFlight--;
        }
      },
      { step: 'initialize', name: 'countInFlight' },
    );
    const errors: never[] = [];
    const ctx = new AccountContext({ accountId: ACCOUNT, regions: [], clients, limiter: new Limiter(2), errors });
    const { organization } = await collectOrganizations(ctx);
    expect(errors).toEqual([]);
    expect(organization!.organizationalUnits!.map((unit) => unit.id).sort()).toEqual(units.map((unit) => unit.Id!).sort());
    expect(most).toBe(2);
  });

  it('leaves organizationalUnits absent, recorded there, when a level of the walk is denied', async () => {
    await seed(moto);
    const { ctx, errors } = await deniedContext(moto, 'no-ous', ['organizations:ListOrganizationalUnitsForParent'], ['us-east-1']);
    const { organization } = await collectOrganizations(ctx);
    expect(organization!.roots).toHaveLength(1);
    expect('organizationalUnits' in organization!).toBe(false);
    expect(errors.map((e) => [e.operation, e.code, e.pointer])).toEqual([
      ['ListOrganizationalUnitsForParent', 'AccessDenied', `/accounts/${ACCOUNT}/organizations/organization/organizationalUnits`],
    ]);
  });
});
