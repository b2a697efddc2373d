import type { RoleToAssume } from '../aws/assume-role.ts';
import { located, readCheckedYaml, throwIfErrors } from '../controls/checked-yaml.ts';
import type { Snapshot } from '../snapshot/schema.ts';
import type { Problem } from '../yaml-source.ts';

/**
 * The role `--org` and an accounts file assume where none is named: a read-only role holding
 * docs/collector-policy.json, deployed to every account (for example with a CloudFormation StackSet).
 */
export const DEFAULT_ROLE_NAME = 'Soc2EvidenceCollector';

/** One account to collect, and how to reach it. */
export interface AccountTarget {
  accountId: string;
  name: string | null;
  /** null: read with the caller's own credentials (the caller's own account). */
  role: RoleToAssume | null;
  /** Regions for this account; undefined: the run's. */
  regions?: string[];
  tags: Record<string, string>;
}

type Caller = Snapshot['manifest']['caller'];

/** The role to assume in `accountId`: none in the caller's own account, else the role named `roleName` there. */
export function defaultRole(accountId: string, caller: Caller, roleName: string): RoleToAssume | null {
  if (accountId === caller.account) return null;
  const partition = caller.arn.split(':')[1] || 'aws';
  return { roleArn: `arn:${partition}:iam::${accountId}:role/${roleName}` };
}

/** An entry of an accounts file, as c7n-org writes it. */
interface AccountsFileEntry {
  account_id: string;
  name?: string;
  role?: string;
  external_id?: string;
  regions?: string[];
  tags?: string[];
}

/** The accounts of a file, resolved against the caller: turns the file's entries into targets. */
export type AccountsFile = (caller: Caller, roleName: string) => AccountTarget[];

/**
 * Reads an accounts file (YAML or JSON, c7n-org's format; schemas/accounts.schema.json). Every problem is
 * reported at once, located (`file:line:col: message`), as a UserError.
 */
export async function readAccountsFile(file: string): Promise<AccountsFile> {
  const { source, value, problems } = await readCheckedYaml<{ accounts: AccountsFileEntry[] }>(file, 'accounts.schema.json');
  const entries = value?.accounts ?? [];
  const seen = new Map<string, number>();
  const found: Problem[] = [...problems];
  entries.forEach((entry, index) => {
    const first = seen.get(entry.account_id);
    if (first !== undefined) {
      found.push(located(source, ['accounts', index, 'account_id'], `account ${entry.account_id} is listed twice (first at accounts.${first})`));
    }
    seen.set(entry.account_id, first ?? index);
    const roleAccount = entry.role?.split(':')[4];
    if (roleAccount !== undefined && roleAccount !== entry.account_id) {
      found.push(located(source, ['accounts', index, 'role'], `the role is in account ${roleAccount}, not in ${entry.account_id}`));
    }
    if (entry.external_id !== undefined && entry.role === undefined) {
      found.push(located(source, ['accounts', index, 'external_id'], 'external_id needs the role it is for: add role'));
    }
  });
  throwIfErrors(found);
  return (caller, roleName) =>
    entries.map((entry) => ({
      accountId: entry.account_id,
      name: entry.name ?? null,
      role: entry.role ? { roleArn: entry.role, ...(entry.external_id ? { externalId: entry.external_id } : {}) } : defaultRole(entry.account_id, caller, roleName),
      ...(entry.regions ? { regions: entry.regions } : {}),
      tags: parseTags(entry.tags ?? []),
    }));
}

/** c7n-org tags: `key:value`, split at the first colon; a bare `key` has the value "". */
function parseTags(tags: string[]): Record<string, string> {
  return Object.fromEntries(
    tags.map((tag) => {
      const colon = tag.indexOf(':');
      return colon === -1 ? [tag, ''] : [tag.slice(0, colon), tag.slice(colon + 1)];
    }),
  );
}
