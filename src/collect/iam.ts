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
  const [
    users,
    groups,
    roles,
    policies,
    credentialReport,
    passwordPolicy,
    accountSummary,
    virtualMfaDevices,
    samlProviders,
    oidcProviders,
    accountAliases,
  ] = await Promise.all([
    collectUsersWithCredentials(),
    collectGroups(ctx, iam),
    collectRoles(ctx, iam),
    collectPolicies(ctx, iam),
    collectCredentialReport(ctx, iam),
    collectPasswordPolicy(ctx, iam),
    collectAccountSummary(ctx, iam),
    collectVirtualMfaDevices(ctx, iam),
    collectSamlProviders(ctx, iam),
    collectOidcProviders(ctx, iam),
    collectAccountAliases(ctx, iam),
  ]);
  const collected: IamSnapshot = {
    users,
    groups,
    roles,
    policies,
    credentialReport,
    passwordPolicy,
    accountSummary,
    virtualMfaDevices,
    samlProviders,
    oidcProviders,
    accountAliases,
  };
  const section = Object.fromEntries(Object.entries(collected).filter(([, value]) => value !== undefined)) as IamSnapshot;
  ctx.progress.done(ctx.accountId, 'global', 'iam', errorCountUnder(ctx, ['iam']));
  return section;
}
