import { AccountClient, GetAlternateContactCommand, type AlternateContactType } from '@aws-sdk/client-account';
import type { AlternateContact, AlternateContactsSnapshot } from '../snapshot/schema.ts';
import { errorCountUnder } from './calls.ts';
import type { AccountContext } from './context.ts';
import { textOrNull } from './normalize.ts';
import { nullWhenNotConfigured } from './not-configured.ts';

const SERVICE = 'account';
const SECTION = 'alternateContacts';
/** Account Management has one endpoint (us-east-1 in the aws partition); its calls are recorded under `global`. */
const ENDPOINT_REGION = 'us-east-1';
const GLOBAL = 'global';

const CONTACTS = { security: 'SECURITY', operations: 'OPERATIONS', billing: 'BILLING' } as const satisfies Record<
  keyof AlternateContactsSnapshot,
  AlternateContactType
>;

/** The account's own alternate contacts (no AccountId: the caller's account); one that is not set is null. */
export async function collectAlternateContacts(ctx: AccountContext): Promise<AlternateContactsSnapshot> {
  const client = ctx.client(AccountClient, ENDPOINT_REGION);
  const section: AlternateContactsSnapshot = {};
  await Promise.all(
    Object.entries(CONTACTS).map(async ([field, type]) => {
      const site = { service: SERVICE, region: GLOBAL, operation: 'GetAlternateContact', path: [SECTION, field] };
      const contact = await ctx.call(site, () =>
        nullWhenNotConfigured(['ResourceNotFoundException'], async (): Promise<AlternateContact> => {
          const answer = (await client.send(new GetAlternateContactCommand({ AlternateContactType: type }))).AlternateContact;
          return {
            name: answer?.Name ?? '',
            title: textOrNull(answer?.Title),
            emailAddress: answer?.EmailAddress ?? '',
            phoneNumber: textOrNull(answer?.PhoneNumber),
          };
        }),
      );
      if (contact !== undefined) section[field as keyof AlternateContactsSnapshot] = contact;
    }),
  );
  ctx.progress.done(ctx.accountId, GLOBAL, SERVICE, errorCountUnder(ctx, [SECTION]));
  return section;
}
