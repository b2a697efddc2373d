import {
  GetAccountAuthorizationDetailsCommand,
  ListRolesCommand,
  type AttachedPermissionsBoundary,
  type AttachedPolicy as AwsAttachedPolicy,
  type EntityType,
  type GetAccountAuthorizationDetailsCommandOutput,
  type GroupDetail,
  type IAMClient,
  type ManagedPolicyDetail,
  type PolicyDetail,
  type Role as AwsRole,
  type RoleDetail,
  type UserDetail,
} from '@aws-sdk/client-iam';
import type {
  AttachedPolicy,
  IamGroup,
  IamRole,
  IamUser,
  InlinePolicy,
  ManagedPolicy,
  ManagedPolicyVersion,
  PermissionsBoundary,
  PolicyDocument,
} from '../snapshot/schema.ts';
import { callFillingEach } from './calls.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { dropUnreported, IAM, iamSite } from './iam-call.ts';
import { isoTime, textOrNull } from './normalize.ts';
import { allIamPages } from './paginate.ts';
import { tagMap } from './tags.ts';
import { MalformedPolicyDocument, parsePolicyDocument } from './policy-document.ts';
import { compareStrings } from '../compare.ts';

/**
 * Users, groups, roles and managed policies from GetAccountAuthorizationDetails: one listing per kind, so each
 * fails (and is recorded) on its own. Each list is sorted by ARN before it is normalized, so every error is
 * recorded at the index the item has in the snapshot.
 */

const DETAILS = 'GetAccountAuthorizationDetails';
type Path = (string | number)[];
type Details = GetAccountAuthorizationDetailsCommandOutput;

async function authorizationDetails(ctx: AccountContext, iam: IAMClient, field: string, filter: EntityType[]) {
  return ctx.call(iamSite(DETAILS, field), () =>
    allIamPages((Marker) => iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: filter, Marker }))),
  );
}

function detailsOf<T extends { Arn?: string }>(pages: Details[], list: (page: Details) => T[] | undefined): T[] {
  return sortByKey(
    pages.flatMap((page) => list(page) ?? []),
    (item) => item.Arn ?? '',
  );
}

/** Users without their access keys and MFA devices (those come per user, see iam-users.ts). */
export async function collectUsers(ctx: AccountContext, iam: IAMClient): Promise<IamUser[] | undefined> {
  const pages = await authorizationDetails(ctx, iam, 'users', ['User']);
  return pages && detailsOf(pages, (p) => p.UserDetailList).map((user, index) => normalizeUser(ctx, user, ['users', index]));
}

export function normalizeUser(ctx: AccountContext, user: UserDetail, path: Path): IamUser {
  return {
    arn: user.Arn ?? '',
    userName: user.UserName ?? '',
    userId: user.UserId ?? '',
    path: user.Path ?? '',
    createDate: isoTime(user.CreateDate) ?? '',
    groups: [...(user.GroupList ?? [])].sort(compareStrings),
    attachedManagedPolicies: attachedPolicies(user.AttachedManagedPolicies),
    inlinePolicies: inlinePolicies(ctx, user.UserPolicyList, [...path, 'inlinePolicies']),
    permissionsBoundary: permissionsBoundary(user.PermissionsBoundary),
    tags: tagMap(user.Tags),
  };
}

export async function collectGroups(ctx: AccountContext, iam: IAMClient): Promise<IamGroup[] | undefined> {
  const pages = await authorizationDetails(ctx, iam, 'groups', ['Group']);
  return pages && detailsOf(pages, (p) => p.GroupDetailList).map((group, index) => normalizeGroup(ctx, group, ['groups', index]));
}

export function normalizeGroup(ctx: AccountContext, group: GroupDetail, path: Path): IamGroup {
  return {
    arn: group.Arn ?? '',
    groupName: group.GroupName ?? '',
    groupId: group.GroupId ?? '',
    path: group.Path ?? '',
    createDate: isoTime(group.CreateDate) ?? '',
    attachedManagedPolicies: attachedPolicies(group.AttachedManagedPolicies),
    inlinePolicies: inlinePolicies(ctx, group.GroupPolicyList, [...path, 'inlinePolicies']),
  };
}

type ListedRoleFields = Pick<IamRole, 'description' | 'maxSessionDuration'>;
const LISTED_ROLE_FIELDS: (keyof ListedRoleFields)[] = ['description', 'maxSessionDuration'];

/**
 * Roles. GetAccountAuthorizationDetails gives no description or maximum session duration, so ListRoles adds
 * them: if it fails, those two fields are absent on every role (recorded at each); a role it does not list
 * (created or deleted in between) has them absent too, recorded as IncompleteResponse.
 */
export async function collectRoles(ctx: AccountContext, iam: IAMClient): Promise<IamRole[] | undefined> {
  const pages = await authorizationDetails(ctx, iam, 'roles', ['Role']);
  if (!pages) return undefined;
  const details = detailsOf(pages, (p) => p.RoleDetailList);
  if (details.length === 0) return [];
  const listed = await listRoles(ctx, iam, details.length);
  return details.map((role, index) => {
    const path = ['roles', index];
    const normalized = normalizeRole(ctx, role, path);
    if (!listed) return normalized as IamRole; // ListRoles failed: callFillingEach recorded both fields
    const aws = listed.get(normalized.arn);
    if (!aws) return dropUnreported(ctx, 'ListRoles', normalized as IamRole, LISTED_ROLE_FIELDS, path);
    return { ...normalized, description: textOrNull(aws.Description), maxSessionDuration: aws.MaxSessionDuration ?? null };
  });
}

async function listRoles(ctx: AccountContext, iam: IAMClient, count: number): Promise<Map<string, AwsRole> | undefined> {
  const places = Array.from({ length: count }, (_, index) => LISTED_ROLE_FIELDS.map((field) => ['iam', 'roles', index, field]));
  const pages = await callFillingEach(ctx, { ...IAM, operation: 'ListRoles' }, places.flat(), () =>
    allIamPages((Marker) => iam.send(new ListRolesCommand({ Marker }))),
  );
  return pages && new Map(pages.flatMap((page) => page.Roles ?? []).map((role) => [role.Arn ?? '', role]));
}

export function normalizeRole(ctx: AccountContext, role: RoleDetail, path: Path): Omit<IamRole, keyof ListedRoleFields> {
  const base = {
    arn: role.Arn ?? '',
    roleName: role.RoleName ?? '',
    roleId: role.RoleId ?? '',
    path: role.Path ?? '',
    createDate: isoTime(role.CreateDate) ?? '',
    attachedManagedPolicies: attachedPolicies(role.AttachedManagedPolicies),
    inlinePolicies: inlinePolicies(ctx, role.RolePolicyList, [...path, 'inlinePolicies']),
    permissionsBoundary: permissionsBoundary(role.PermissionsBoundary),
    instanceProfiles: (role.InstanceProfileList ?? []).map((profile) => profile.Arn ?? '').sort(compareStrings),
    lastUsedDate: isoTime(role.RoleLastUsed?.LastUsedDate),
    lastUsedRegion: textOrNull(role.RoleLastUsed?.Region),
    tags: tagMap(role.Tags),
  };
  return withDocument(ctx, base, 'assumeRolePolicyDocument', role.AssumeRolePolicyDocument, path);
}

/**
 * Customer-managed policies, and the AWS-managed ones attached to something or used as a permissions boundary
 * (the other thousand-odd AWS-managed policies grant nothing in this account). An AWS-managed policy whose counts
 * are not reported is left out: it cannot be shown to be in use.
 */
export async function collectPolicies(ctx: AccountContext, iam: IAMClient): Promise<ManagedPolicy[] | undefined> {
  const pages = await authorizationDetails(ctx, iam, 'policies', ['LocalManagedPolicy', 'AWSManagedPolicy']);
  if (!pages) return undefined;
  const inUse = (policy: ManagedPolicyDetail) =>
    ownerOf(policy.Arn ?? '') === 'customer' ||
    (policy.AttachmentCount ?? 0) > 0 ||
    (policy.PermissionsBoundaryUsageCount ?? 0) > 0;
  return detailsOf(pages, (p) => p.Policies)
    .filter(inUse)
    .map((policy, index) => normalizePolicy(ctx, policy, ['policies', index]));
}

export function normalizePolicy(ctx: AccountContext, policy: ManagedPolicyDetail, path: Path): ManagedPolicy {
  const arn = policy.Arn ?? '';
  // Versions sorted by id as plain strings, like every key in the snapshot (`v10` before `v2`).
  const versions = sortByKey(policy.PolicyVersionList ?? [], (version) => version.VersionId ?? '').map(
    (version, index): ManagedPolicyVersion =>
      withDocument(
        ctx,
        {
          versionId: version.VersionId ?? '',
          isDefaultVersion: version.IsDefaultVersion ?? false,
          createDate: isoTime(version.CreateDate) ?? '',
        },
        'document',
        version.Document,
        [...path, 'versions', index],
      ),
  );
  const defaultVersion = policy.PolicyVersionList?.find((version) => version.VersionId === policy.DefaultVersionId);
  const normalized = withDocument(
    ctx,
    {
      arn,
      // The name is the ARN's last segment by definition; moto leaves PolicyName out.
      policyName: policy.PolicyName ?? arn.slice(arn.lastIndexOf('/') + 1),
      policyId: policy.PolicyId as string,
      path: policy.Path ?? '',
      owner: ownerOf(arn),
      defaultVersionId: policy.DefaultVersionId ?? '',
      attachmentCount: policy.AttachmentCount as number,
      permissionsBoundaryUsageCount: policy.PermissionsBoundaryUsageCount as number,
      isAttachable: policy.IsAttachable ?? false,
      createDate: isoTime(policy.CreateDate) ?? '',
      updateDate: isoTime(policy.UpdateDate) ?? '',
      versions,
    },
    'document',
    defaultVersion?.Document,
    path,
  );
  return dropUnreported(ctx, DETAILS, normalized, ['policyId', 'attachmentCount', 'permissionsBoundaryUsageCount'], path);
}

/** AWS-managed policies live in the account named `aws`: `arn:aws:iam::aws:policy/SecurityAudit`. */
function ownerOf(arn: string): ManagedPolicy['owner'] {
  return arn.split(':')[4] === 'aws' ? 'aws' : 'customer';
}

function inlinePolicies(ctx: AccountContext, policies: PolicyDetail[] | undefined, path: Path): InlinePolicy[] {
  return sortByKey(policies ?? [], (policy) => policy.PolicyName ?? '').map((policy, index) =>
    withDocument(ctx, { policyName: policy.PolicyName ?? '' }, 'document', policy.PolicyDocument, [...path, index]),
  );
}

/**
 * `resource` with its parsed policy document under `key`. A document that is missing or does not parse is left
 * absent, and the MalformedPolicyDocument error is recorded at its place (the schema's types cannot say a
 * document may be absent, hence the cast).
 */
function withDocument<T extends object, K extends string>(
  ctx: AccountContext,
  resource: T,
  key: K,
  text: string | undefined,
  path: Path,
): T & Record<K, PolicyDocument> {
  try {
    if (text === undefined) throw new MalformedPolicyDocument(`${DETAILS} gave no document`);
    return { ...resource, [key]: parsePolicyDocument(text) } as T & Record<K, PolicyDocument>;
  } catch (error) {
    if (!(error instanceof MalformedPolicyDocument)) throw error;
    ctx.recordFailure(iamSite(DETAILS, ...path, key), error);
    return resource as T & Record<K, PolicyDocument>;
  }
}

function attachedPolicies(policies: AwsAttachedPolicy[] | undefined): AttachedPolicy[] {
  return sortByKey(
    (policies ?? []).map((policy) => ({ policyArn: policy.PolicyArn ?? '', policyName: policy.PolicyName ?? '' })),
    (policy) => policy.policyArn,
  );
}

function permissionsBoundary(boundary: AttachedPermissionsBoundary | undefined): PermissionsBoundary | null {
  if (!boundary?.PermissionsBoundaryArn) return null;
  return {
    permissionsBoundaryArn: boundary.PermissionsBoundaryArn,
    permissionsBoundaryType: boundary.PermissionsBoundaryType ?? 'PermissionsBoundaryPolicy',
  };
}
