import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  OrganizationsClient,
  paginateListAccounts,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListRoots,
  paginateListTargetsForPolicy,
  type Account,
  type Organization as AwsOrganization,
  type OrganizationalUnit as AwsOrganizationalUnit,
  type Root,
} from '@aws-sdk/client-organizations';
import type {
  Organization,
  OrganizationAccount,
  OrganizationalUnit,
  OrganizationRoot,
  OrganizationsSnapshot,
  ServiceControlPolicy,
} from '../snapshot/schema.ts';
import { allPages, callFillingEach, errorCountUnder } from './calls.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { detailsOfEach } from './listing.ts';
import { isoTime, textOrNull } from './normalize.ts';
import { nullWhenNotConfigured } from './not-configured.ts';
import { parsePolicyDocument } from './policy-document.ts';

const SERVICE = 'organizations';
const SECTION_PATH = [SERVICE, 'organization'];
/** Organizations has one endpoint (us-east-1 in the aws partition); its calls are recorded under `global`. */
const ENDPOINT_REGION = 'us-east-1';
const GLOBAL = 'global';

/** The account's organization: the organization itself, then its roots, OUs, accounts and service control policies. */
export async function collectOrganizations(ctx: AccountContext): Promise<OrganizationsSnapshot> {
  const reader = new OrganizationReader(ctx);
  const described = await ctx.call(reader.site('DescribeOrganization'), () =>
    nullWhenNotConfigured(['AWSOrganizationsNotInUseException'], () => reader.client.send(new DescribeOrganizationCommand({})).then((a) => a.Organization ?? {})),
  );
  const section: OrganizationsSnapshot = {};
  if (described !== undefined) section.organization = described && (await reader.organization(described));
  ctx.progress.done(ctx.accountId, GLOBAL, SERVICE, errorCountUnder(ctx, [SERVICE]));
  return section;
}

class OrganizationReader {
  readonly client: OrganizationsClient;
  private readonly ctx: AccountContext;

  constructor(ctx: AccountContext) {
    this.ctx = ctx;
    this.client = ctx.client(OrganizationsClient, ENDPOINT_REGION);
  }

  site(operation: string, ...path: (string | number)[]) {
    return { service: SERVICE, region: GLOBAL, operation, path: [...SECTION_PATH, ...path] };
  }

  async organization(aws: AwsOrganization): Promise<Organization> {
    const organization: Organization = {
      arn: aws.Arn ?? '',
      id: aws.Id ?? '',
      featureSet: aws.FeatureSet ?? '',
      masterAccountId: aws.MasterAccountId ?? '',
      masterAccountArn: aws.MasterAccountArn ?? '',
    };
    const [tree, accounts, policies] = await Promise.all([this.tree(), this.accounts(), this.serviceControlPolicies()]);
    if (tree) {
      organization.roots = tree.roots;
      if (tree.organizationalUnits) organization.organizationalUnits = tree.organizationalUnits;
    }
    if (accounts) organization.accounts = accounts;
    if (policies) organization.serviceControlPolicies = policies;
    return organization;
  }

  /** The roots, then every OU under them, level by level; without the roots there is no tree to walk. */
  private async tree(): Promise<{ roots: OrganizationRoot[]; organizationalUnits?: OrganizationalUnit[] } | undefined> {
    const roots = await callFillingEach(
      this.ctx,
      { service: SERVICE, region: GLOBAL, operation: 'ListRoots' },
      [[...SECTION_PATH, 'roots'], [...SECTION_PATH, 'organizationalUnits']],
      () => allPages(paginateListRoots({ client: this.client }, {}), (page) => page.Roots),
    );
    if (!roots) return undefined;
    const organizationalUnits = await this.walk(roots.flatMap((root) => (root.Id ? [root.Id] : [])));
    return {
      roots: sortByKey(roots.map(normalizeRoot), (r) => r.arn),
      ...(organizationalUnits ? { organizationalUnits: sortByKey(organizationalUnits, (ou) => ou.arn) } : {}),
    };
  }

  /** Each parent's listing is its own call (queued in the limiter); one failure leaves the whole tree uncollected. */
  private async walk(parents: string[]): Promise<OrganizationalUnit[] | undefined> {
    const site = this.site('ListOrganizationalUnitsForParent', 'organizationalUnits');
    const found: OrganizationalUnit[] = [];
    for (let level = parents; level.length > 0; ) {
      const children = await detailsOfEach(this.ctx, site, level, async (parentId) => {
        const units = await allPages(paginateListOrganizationalUnitsForParent({ client: this.client }, { ParentId: parentId }), (page) => page.OrganizationalUnits);
        return units.map((unit) => normalizeUnit(unit, parentId));
      });
      if (!children) return undefined;
      const units = children.flat();
      found.push(...units);
      level = units.map((unit) => unit.id);
    }
    return found;
  }

  private async accounts(): Promise<OrganizationAccount[] | undefined> {
    const listed = await this.ctx.call(this.site('ListAccounts', 'accounts'), () =>
      allPages(paginateListAccounts({ client: this.client }, {}), (page) => page.Accounts),
    );
    return listed && sortByKey(listed.map(normalizeAccount), (a) => a.arn);
  }

  /** Each policy's document and targets come from their own calls; a failure leaves only that field absent. */
  private async serviceControlPolicies(): Promise<ServiceControlPolicy[] | undefined> {
    const listed = await this.ctx.call(this.site('ListPolicies', 'serviceControlPolicies'), () =>
      allPages(paginateListPolicies({ client: this.client }, { Filter: 'SERVICE_CONTROL_POLICY' }), (page) => page.Policies),
    );
    if (!listed) return undefined;
    const policies = sortByKey(
      listed.map(
        (p): ServiceControlPolicy => ({
          arn: p.Arn ?? '',
          id: p.Id ?? '',
          name: p.Name ?? '',
          description: textOrNull(p.Description),
          awsManaged: p.AwsManaged ?? false,
        }),
      ),
      (p) => p.arn,
    );
    return Promise.all(
      policies.map(async (policy, index) => {
        const at = (field: string) => ['serviceControlPolicies', index, field];
        const [document, targets] = await Promise.all([
          this.ctx.call(this.site('DescribePolicy', ...at('document')), async () => {
            const answer = await this.client.send(new DescribePolicyCommand({ PolicyId: policy.id }));
            return parsePolicyDocument(answer.Policy?.Content ?? '');
          }),
          this.ctx.call(this.site('ListTargetsForPolicy', ...at('targets')), () =>
            allPages(paginateListTargetsForPolicy({ client: this.client }, { PolicyId: policy.id }), (page) => page.Targets),
          ),
        ]);
        if (document) policy.document = document;
        if (targets) {
          policy.targets = sortByKey(
            targets.map((t) => ({ arn: t.Arn ?? '', targetId: t.TargetId ?? '', name: t.Name ?? '', type: t.Type ?? '' })),
            (t) => t.targetId,
          );
        }
        return policy;
      }),
    );
  }
}

function normalizeRoot(root: Root): OrganizationRoot {
  return {
    arn: root.Arn ?? '',
    id: root.Id ?? '',
    name: root.Name ?? '',
    policyTypes: sortByKey(
      (root.PolicyTypes ?? []).map((p) => ({ type: p.Type ?? '', status: p.Status ?? '' })),
      (p) => p.type,
    ),
  };
}

function normalizeUnit(unit: AwsOrganizationalUnit, parentId: string): OrganizationalUnit {
  return { arn: unit.Arn ?? '', id: unit.Id ?? '', name: unit.Name ?? '', parentId };
}

function normalizeAccount(account: Account): OrganizationAccount {
  return {
    arn: account.Arn ?? '',
    id: account.Id ?? '',
    name: account.Name ?? '',
    email: account.Email ?? '',
    status: account.Status ?? '',
    joinedMethod: textOrNull(account.JoinedMethod),
    joinedTimestamp: isoTime(account.JoinedTimestamp),
  };
}
