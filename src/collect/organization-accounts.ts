import type { CollectionError, OrganizationsSnapshot, Snapshot } from '../snapshot/schema.ts';
import { UserError } from '../user-error.ts';
import { defaultRole, type AccountTarget } from './accounts.ts';
import type { AccountContext } from './context.ts';
import { collectOrganizations } from './organizations.ts';
import { pointerOf, pointerSegments } from '../pointer.ts';

/**
 * The Organization as the caller reads it, once per run: only the management account (or a delegated
 * administrator) may list it, so member accounts share this read instead of each being denied the listings.
 */
export interface OrganizationRead {
  /** The account whose credentials read it: the caller's. */
  readBy: string;
  section: OrganizationsSnapshot;
  /** Failures of the read, recorded against `readBy`'s section. */
  errors: CollectionError[];
}

/**
 * Reads the caller's Organization with the regular collector. `callerContext` is the read's own: its `errors`
 * stay apart from the snapshot's until the read is shared with an account.
 */
export async function readOrganization(callerContext: AccountContext): Promise<OrganizationRead> {
  return { readBy: callerContext.accountId, section: await collectOrganizations(callerContext), errors: callerContext.errors };
}

/**
 * The section for `accountId` when the read covers it (the caller's own account, or an account the read listed
 * as a member), with the read's failures re-pointed at that account; undefined when the account must read its own.
 * Every member gets the same section: it is the organization the account belongs to.
 */
export function sharedOrganization(read: OrganizationRead, accountId: string): { section: OrganizationsSnapshot; errors: CollectionError[] } | undefined {
  const members = read.section.organization?.accounts;
  if (accountId !== read.readBy && !members?.some((member) => member.id === accountId)) return undefined;
  const errors = read.errors.map((error) => ({ ...error, account: accountId, pointer: repoint(error.pointer, accountId) }));
  return { section: read.section, errors };
}

/** `/accounts/READER/...` as `/accounts/ACCOUNT/...`. */
function repoint(pointer: string, accountId: string): string {
  const [, , ...rest] = pointerSegments(pointer);
  return pointerOf(['accounts', accountId, ...rest]);
}

/**
 * `--org`: every ACTIVE account of the Organization the caller read, the caller's own with its own credentials
 * and the others through `roleName`. Without the account listing there is nothing to collect: a user error.
 */
export function organizationTargets(read: OrganizationRead, caller: Snapshot['manifest']['caller'], roleName: string): AccountTarget[] {
  const organization = read.section.organization;
  if (organization === null) throw new UserError(`--org: account ${caller.account} does not belong to an AWS Organization.`);
  if (!organization?.accounts) {
    const why = read.errors.map((e) => `${e.service} ${e.operation}: ${e.code}: ${e.message}`)[0] ?? 'no answer';
    throw new UserError(
      `--org: cannot list the Organization's accounts as ${caller.arn} (${why}). ` +
        'Run from the management account or a delegated administrator, or name the accounts with --accounts FILE.',
    );
  }
  return organization.accounts
    .filter((account) => account.status === 'ACTIVE')
    .map((account) => ({ accountId: account.id, name: account.name || null, role: defaultRole(account.id, caller, roleName), tags: {} }));
}
