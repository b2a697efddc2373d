import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
  S3Client,
  type Bucket,
  type LifecycleRule as AwsLifecycleRule,
  type PublicAccessBlockConfiguration,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { s3ControlClient } from '../aws/s3control.ts';
import type { LifecycleRule, PublicAccessBlock, S3Bucket, S3Snapshot } from '../snapshot/schema.ts';
import { allPages, callFillingEach, errorCountUnder } from './calls.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { isoTime, textOrNull } from './normalize.ts';
import { nullWhenNotConfigured } from './not-configured.ts';
import { parsePolicyDocument } from './policy-document.ts';

const SERVICE = 's3';
/** ListBuckets, GetBucketLocation and the account's Block Public Access answer from any region; errors say `global`. */
const HOME_REGION = 'us-east-1';
const GLOBAL = 'global';

/** The fields of a bucket read in its own region, one call each. */
const CONFIGURATION_FIELDS = [
  'defaultEncryption',
  'versioning',
  'objectLock',
  'policy',
  'publicAccessBlock',
  'logging',
  'lifecycleRules',
] as const satisfies (keyof S3Bucket)[];

/** S3, account-wide: the account's Block Public Access, and every bucket with its configuration. */
export async function collectS3(ctx: AccountContext): Promise<S3Snapshot> {
  const [accountBlock, buckets] = await Promise.all([accountPublicAccessBlock(ctx), collectBuckets(ctx)]);
  const section: S3Snapshot = {};
  if (accountBlock !== undefined) section.accountPublicAccessBlock = accountBlock;
  if (buckets) section.buckets = buckets;
  ctx.progress.done(ctx.accountId, GLOBAL, SERVICE, errorCountUnder(ctx, [SERVICE]));
  return section;
}

async function accountPublicAccessBlock(ctx: AccountContext): Promise<PublicAccessBlock | null | undefined> {
  const client = s3ControlClient(ctx, HOME_REGION);
  const site = { service: SERVICE, region: GLOBAL, operation: 'GetPublicAccessBlock', path: [SERVICE, 'accountPublicAccessBlock'] };
  return ctx.call(site, () =>
    nullWhenNotConfigured(['NoSuchPublicAccessBlockConfiguration'], async () => {
      const answer = await client.send(new GetAccountPublicAccessBlockCommand({ AccountId: ctx.accountId }));
      return normalizePublicAccessBlock(answer.PublicAccessBlockConfiguration);
    }),
  );
}

async function collectBuckets(ctx: AccountContext): Promise<S3Bucket[] | undefined> {
  const client = ctx.client(S3Client, HOME_REGION);
  const listed = await ctx.call({ service: SERVICE, region: GLOBAL, operation: 'ListBuckets', path: [SERVICE, 'buckets'] }, () =>
    allPages(paginateListBuckets({ client }, {}), (page) => page.Buckets),
  );
  if (!listed) return undefined;
  const buckets = sortByKey(listed.map(normalizeBucket), (b) => b.arn);
  // AWS's ListBuckets now names each bucket's region, saving a call per bucket; GetBucketLocation where it does not (moto).
  const regions = new Map(listed.map((b) => [b.Name ?? '', b.BucketRegion]));
  await Promise.all(
    buckets.map(async (bucket, index) => {
      const at = (field: string) => [SERVICE, 'buckets', index, field];
      const region =
        regions.get(bucket.name) ||
        (await callFillingEach(ctx, { service: SERVICE, region: GLOBAL, operation: 'GetBucketLocation' }, [at('region'), ...CONFIGURATION_FIELDS.map(at)], () =>
          bucketRegion(client, bucket.name),
        ));
      if (region === undefined) return;
      bucket.region = region;
      await readConfiguration(ctx, bucket, region, index);
    }),
  );
  return buckets;
}

/** GetBucketLocation says nothing for us-east-1, and `EU` for the oldest eu-west-1 buckets. */
async function bucketRegion(client: S3Client, bucket: string): Promise<string> {
  const answer = await client.send(new GetBucketLocationCommand({ Bucket: bucket }));
  const location: string = answer.LocationConstraint ?? '';
  return location === '' ? 'us-east-1' : location === 'EU' ? 'eu-west-1' : location;
}

/** Each configuration field from its own call, in the bucket's region; "not configured" answers are null. */
async function readConfiguration(ctx: AccountContext, bucket: S3Bucket, region: string, index: number): Promise<void> {
  const Bucket = bucket.name;
  const client = ctx.client(S3Client, region);
  const read = async <K extends (typeof CONFIGURATION_FIELDS)[number]>(
    field: K,
    operation: string,
    notConfigured: string[],
    fetch: () => Promise<Exclude<S3Bucket[K], undefined>>,
  ) => {
    const site = { service: SERVICE, region, operation, path: [SERVICE, 'buckets', index, field] };
    const value = await ctx.call(site, () => nullWhenNotConfigured(notConfigured, fetch));
    if (value !== undefined) bucket[field] = value as S3Bucket[K];
  };
  await Promise.all([
    read('defaultEncryption', 'GetBucketEncryption', ['ServerSideEncryptionConfigurationNotFoundError'], async () => {
      const answer = await client.send(new GetBucketEncryptionCommand({ Bucket }));
      return (answer.ServerSideEncryptionConfiguration?.Rules ?? []).map((rule) => ({
        sseAlgorithm: rule.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? '',
        kmsMasterKeyId: textOrNull(rule.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID),
        bucketKeyEnabled: rule.BucketKeyEnabled ?? false,
      }));
    }),
    read('versioning', 'GetBucketVersioning', [], async () => {
      const answer = await client.send(new GetBucketVersioningCommand({ Bucket }));
      return { status: answer.Status ?? null, mfaDelete: answer.MFADelete ?? null };
    }),
    read('objectLock', 'GetObjectLockConfiguration', ['ObjectLockConfigurationNotFoundError'], async () => {
      const configuration = (await client.send(new GetObjectLockConfigurationCommand({ Bucket }))).ObjectLockConfiguration;
      const retention = configuration?.Rule?.DefaultRetention;
      return {
        objectLockEnabled: configuration?.ObjectLockEnabled === 'Enabled',
        // A retention period is at least 1 day or year; moto answers 0 for the one not set, AWS leaves it out.
        defaultRetention: retention ? { mode: retention.Mode ?? '', days: retention.Days || null, years: retention.Years || null } : null,
      };
    }),
    read('policy', 'GetBucketPolicy', ['NoSuchBucketPolicy'], async () =>
      parsePolicyDocument((await client.send(new GetBucketPolicyCommand({ Bucket }))).Policy ?? ''),
    ),
    read('publicAccessBlock', 'GetPublicAccessBlock', ['NoSuchPublicAccessBlockConfiguration'], async () =>
      normalizePublicAccessBlock((await client.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration),
    ),
    read('logging', 'GetBucketLogging', [], async () => {
      const enabled = (await client.send(new GetBucketLoggingCommand({ Bucket }))).LoggingEnabled;
      return enabled ? { targetBucket: enabled.TargetBucket ?? '', targetPrefix: enabled.TargetPrefix ?? '' } : null;
    }),
    read('lifecycleRules', 'GetBucketLifecycleConfiguration', ['NoSuchLifecycleConfiguration'], async () =>
      ((await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket }))).Rules ?? []).map(normalizeLifecycleRule),
    ),
  ]);
}

function normalizeBucket(bucket: Bucket): S3Bucket {
  const name = bucket.Name ?? '';
  return { arn: `arn:aws:s3:::${name}`, name, creationDate: isoTime(bucket.CreationDate) };
}

function normalizePublicAccessBlock(block: PublicAccessBlockConfiguration | undefined): PublicAccessBlock {
  return {
    blockPublicAcls: block?.BlockPublicAcls ?? false,
    ignorePublicAcls: block?.IgnorePublicAcls ?? false,
    blockPublicPolicy: block?.BlockPublicPolicy ?? false,
    restrictPublicBuckets: block?.RestrictPublicBuckets ?? false,
  };
}

function normalizeLifecycleRule(rule: AwsLifecycleRule): LifecycleRule {
  return {
    id: textOrNull(rule.ID),
    status: rule.Status ?? '',
    prefix: textOrNull(rule.Filter?.Prefix ?? rule.Filter?.And?.Prefix ?? rule.Prefix),
    expirationDays: rule.Expiration?.Days ?? null,
    noncurrentVersionExpirationDays: rule.NoncurrentVersionExpiration?.NoncurrentDays ?? null,
    abortIncompleteMultipartUploadDays: rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation ?? null,
    transitions: (rule.Transitions ?? []).map((t) => ({ days: t.Days ?? null, storageClass: t.StorageClass ?? '' })),
  };
}
