import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  paginateListKeys,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import type { KmsKey, KmsSnapshot } from '../snapshot/schema.ts';
import { allPages, callFillingEach } from './calls.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { detailsOfEach } from './listing.ts';
import { isoTime, textOrNull } from './normalize.ts';
import { nullWhenNotConfigured } from './not-configured.ts';
import { parsePolicyDocument } from './policy-document.ts';
import { regionalSection } from './regional.ts';

const SERVICE = 'kms';

/** KMS in one region: the customer-managed keys with their rotation status and key policy. */
export async function collectKms(ctx: AccountContext, region: string): Promise<KmsSnapshot> {
  const client = ctx.client(KMSClient, region);
  const scope = regionalSection(ctx, SERVICE, region);
  const section: KmsSnapshot = { arn: scope.arn };
  const keys = await customerManagedKeys(ctx, client, region, scope.at('keys'));
  if (keys) {
    section.keys = await Promise.all(
      keys.map(async (key, index) => {
        const [rotation, policy] = await Promise.all([
          callFillingEach(
            ctx,
            { service: SERVICE, region, operation: 'GetKeyRotationStatus' },
            [scope.at('keys', index, 'rotationEnabled'), scope.at('keys', index, 'rotationPeriodInDays')],
            () => nullWhenNotConfigured(ROTATION_DOES_NOT_APPLY, () => client.send(new GetKeyRotationStatusCommand({ KeyId: key.arn }))),
          ),
          ctx.call(scope.site('GetKeyPolicy', 'keys', index, 'policy'), async () => {
            const answer = await client.send(new GetKeyPolicyCommand({ KeyId: key.arn, PolicyName: 'default' }));
            return parsePolicyDocument(answer.Policy ?? '');
          }),
        ]);
        if (rotation !== undefined) {
          key.rotationEnabled = rotation && (rotation.KeyRotationEnabled ?? false);
          key.rotationPeriodInDays = rotation?.RotationPeriodInDays ?? null;
        }
        if (policy) key.policy = policy;
        return key;
      }),
    );
  }
  scope.reportDone();
  return section;
}

/** Asymmetric, HMAC and imported keys, keys in custom key stores and keys pending deletion have no rotation status. */
const ROTATION_DOES_NOT_APPLY = ['UnsupportedOperationException', 'KMSInvalidStateException'];

/** ListKeys names every key, AWS-managed ones too: DescribeKey tells them apart. */
async function customerManagedKeys(
  ctx: AccountContext,
  client: KMSClient,
  region: string,
  path: (string | number)[],
): Promise<KmsKey[] | undefined> {
  const listed = await ctx.call({ service: SERVICE, region, operation: 'ListKeys', path }, () =>
    allPages(paginateListKeys({ client }, {}), (page) => page.Keys),
  );
  if (!listed) return undefined;
  const described = await detailsOfEach(ctx, { service: SERVICE, region, operation: 'DescribeKey', path }, listed, async (key) => {
    const answer = await client.send(new DescribeKeyCommand({ KeyId: key.KeyArn ?? key.KeyId }));
    return answer.KeyMetadata ?? null;
  });
  if (!described) return undefined;
  const keys = described.filter((metadata): metadata is KeyMetadata => metadata?.KeyManager === 'CUSTOMER').map(normalizeKey);
  return sortByKey(keys, (key) => key.arn);
}

function normalizeKey(key: KeyMetadata): KmsKey {
  return {
    arn: key.Arn ?? '',
    keyId: key.KeyId ?? '',
    description: textOrNull(key.Description),
    keyState: key.KeyState ?? '',
    enabled: key.Enabled ?? false,
    keyUsage: textOrNull(key.KeyUsage),
    keySpec: textOrNull(key.KeySpec),
    origin: textOrNull(key.Origin),
    multiRegion: key.MultiRegion ?? false,
    creationDate: isoTime(key.CreationDate),
    deletionDate: isoTime(key.DeletionDate),
  };
}
