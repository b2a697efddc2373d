import {
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetOpenIDConnectProviderCommand,
  ListAccountAliasesCommand,
  ListOpenIDConnectProvidersCommand,
  ListSAMLProvidersCommand,
  ListVirtualMFADevicesCommand,
  NoSuchEntityException,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { OidcProvider, PasswordPolicy, SamlProvider, VirtualMfaDevice } from '../snapshot/schema.ts';
import { callFillingEach } from './calls.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { IAM, iamSite } from './iam-call.ts';
import { isoTime, textOrNull } from './normalize.ts';
import { allIamPages } from './paginate.ts';
import { compareStrings } from '../compare.ts';

/** Account-wide IAM settings. Each field is absent when its call failed (recorded at `/iam/<field>`). */

/** null when the account has no password policy: AWS answers NoSuchEntity, which is data, not a failure. */
export async function collectPasswordPolicy(ctx: AccountContext, iam: IAMClient): Promise<PasswordPolicy | null | undefined> {
  return ctx.call(iamSite('GetAccountPasswordPolicy', 'passwordPolicy'), async () => {
    try {
      const policy = (await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy ?? {};
      // Booleans AWS leaves out are read as false: the value that can never make a check pass.
      return {
        minimumPasswordLength: policy.MinimumPasswordLength ?? null,
        requireSymbols: policy.RequireSymbols ?? false,
        requireNumbers: policy.RequireNumbers ?? false,
        requireUppercaseCharacters: policy.RequireUppercaseCharacters ?? false,
        requireLowercaseCharacters: policy.RequireLowercaseCharacters ?? false,
        allowUsersToChangePassword: policy.AllowUsersToChangePassword ?? false,
        expirePasswords: policy.ExpirePasswords ?? false,
        maxPasswordAge: policy.MaxPasswordAge ?? null,
        passwordReusePrevention: policy.PasswordReusePrevention ?? null,
        hardExpiry: policy.HardExpiry ?? null,
      };
    } catch (error) {
      if (error instanceof NoSuchEntityException) return null;
      throw error;
    }
  });
}

export async function collectAccountSummary(ctx: AccountContext, iam: IAMClient): Promise<Record<string, number> | undefined> {
  const answer = await ctx.call(iamSite('GetAccountSummary', 'accountSummary'), () =>
    iam.send(new GetAccountSummaryCommand({})),
  );
  return answer && (answer.SummaryMap ?? {});
}

export async function collectVirtualMfaDevices(ctx: AccountContext, iam: IAMClient): Promise<VirtualMfaDevice[] | undefined> {
  const pages = await ctx.call(iamSite('ListVirtualMFADevices', 'virtualMfaDevices'), () =>
    allIamPages((Marker) => iam.send(new ListVirtualMFADevicesCommand({ Marker }))),
  );
  if (!pages) return undefined;
  return sortByKey(
    pages.flatMap((page) => page.VirtualMFADevices ?? []).map((device) => ({
      serialNumber: device.SerialNumber ?? '',
      user: textOrNull(device.User?.Arn),
      enableDate: isoTime(device.EnableDate),
    })),
    (device) => device.serialNumber,
  );
}

export async function collectSamlProviders(ctx: AccountContext, iam: IAMClient): Promise<SamlProvider[] | undefined> {
  const answer = await ctx.call(iamSite('ListSAMLProviders', 'samlProviders'), () =>
    iam.send(new ListSAMLProvidersCommand({})),
  );
  if (!answer) return undefined;
  return sortByKey(
    (answer.SAMLProviderList ?? []).map((provider) => ({
      arn: provider.Arn ?? '',
      createDate: isoTime(provider.CreateDate),
      validUntil: isoTime(provider.ValidUntil),
    })),
    (provider) => provider.arn,
  );
}

const OIDC_DETAIL_FIELDS = ['url', 'clientIds', 'thumbprints', 'createDate'] as const;

/** Each provider's details come from GetOpenIDConnectProvider; if that fails, they are absent (each recorded). */
export async function collectOidcProviders(ctx: AccountContext, iam: IAMClient): Promise<OidcProvider[] | undefined> {
  const answer = await ctx.call(iamSite('ListOpenIDConnectProviders', 'oidcProviders'), () =>
    iam.send(new ListOpenIDConnectProvidersCommand({})),
  );
  if (!answer) return undefined;
  const arns = (answer.OpenIDConnectProviderList ?? []).map((provider) => provider.Arn ?? '').sort(compareStrings);
  return Promise.all(
    arns.map(async (arn, index) => {
      const places = OIDC_DETAIL_FIELDS.map((field) => ['iam', 'oidcProviders', index, field]);
      const provider = await callFillingEach(ctx, { ...IAM, operation: 'GetOpenIDConnectProvider' }, places, () =>
        iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })),
      );
      if (!provider) return { arn } as OidcProvider;
      return {
        arn,
        url: textOrNull(provider.Url),
        clientIds: [...(provider.ClientIDList ?? [])].sort(compareStrings),
        thumbprints: [...(provider.ThumbprintList ?? [])].sort(compareStrings),
        createDate: isoTime(provider.CreateDate),
      };
    }),
  );
}

export async function collectAccountAliases(ctx: AccountContext, iam: IAMClient): Promise<string[] | undefined> {
  const pages = await ctx.call(iamSite('ListAccountAliases', 'accountAliases'), () =>
    allIamPages((Marker) => iam.send(new ListAccountAliasesCommand({ Marker }))),
  );
  return pages && pages.flatMap((page) => page.AccountAliases ?? []).sort(compareStrings);
}
