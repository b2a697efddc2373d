import type { IamSnapshot } from '../snapshot/schema.ts';
import { errorCountUnder } from './calls.ts';
import type { AccountContext } from './context.ts';
import {
  collectAccountAliases,
  collectAccountSummary,
  collectOidcProviders,
  collectPasswordPolicy,
  collectSamlProviders,
  collectVirtualMfaDevices,
} from './iam-account.ts';
import { collectGroups, collectPolicies, collectRoles, collectUsers } from './iam-authorization.ts';
import { iamClient } from './iam-call.ts';
import { collectCredentialReport } from './iam-credential-report.ts';
import { addUserCredentials } from './iam-users.ts';

/**
 * The account's IAM section. Every listing runs concurrently (the context's limiter bounds the calls in
 * flight); a field whose call failed is left out of the result, and the failure is in `ctx.errors`.
 */
export async function collectIam(ctx: AccountContext): Promise<IamSnapshot> {
  const iam = iamClient(ctx);
  const collectUsersWithCredentials = async () => {
    const users = await collectUsers(ctx, iam);
    if (users) await addUserCredentials(ctx, iam, users);
    return users;
  };
  // Every field of the section, each with the collection that fills it (all required: none can be forgotten).
  const fields: { [Field in keyof IamSnapshot]-?: Promise<IamSnapshot[Field]> } = {
    users: collectUsersWithCredentials(),
    groups: collectGroups(ctx, iam),
    roles: collectRoles(ctx, iam),
    policies: collectPolicies(ctx, iam),
    credentialReport: collectCredentialReport(ctx, iam),
    passwordPolicy: collectPasswordPolicy(ctx, iam),
    accountSummary: collectAccountSummary(ctx, iam),
    virtualMfaDevices: collectVirtualMfaDevices(ctx, iam),
    samlProviders: collectSamlProviders(ctx, iam),
    oidcProviders: collectOidcProviders(ctx, iam),
    accountAliases: collectAccountAliases(ctx, iam),
  };
  const collected = await Promise.all(Object.entries(fields).map(async ([field, value]) => [field, await value] as const));
  const section = Object.fromEntries(collected.filter(([, value]) => value !== undefined)) as IamSnapshot;
  ctx.progress.done(ctx.accountId, 'global', 'iam', errorCountUnder(ctx, ['iam']));
  return section;
}
