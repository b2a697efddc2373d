import { describe, expect, it } from 'vitest';
import {
  CreateBucketCommand,
  PutBucketAclCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketLoggingCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutObjectLockConfigurationCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { ClientFactory } from '../../src/aws/clients.ts';
import { collectS3 } from '../../src/collect/s3.ts';
import type { S3Bucket, S3Snapshot } from '../../src/snapshot/schema.ts';
import { motoClientConfig, TEST_CREDENTIALS, type Moto } from '../support/moto.ts';
import { motoClients, PerRegionClients, testContext, useMoto } from './moto-context.ts';

const ACCOUNT = '123456789012';
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const SECOND = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
const ALL_BLOCKED = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const TLS_ONLY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'TlsOnly',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::data-eu', 'arn:aws:s3:::data-eu/*'],
      Condition: { Bool: { 'aws:SecureTransport': false } },
    },
  ],
};

async function seed(moto: Moto): Promise<void> {
  const us = new S3Client(motoClientConfig(moto, 'us-east-1'));
  const eu = new S3Client(motoClientConfig(moto, 'eu-west-1'));
  await us.send(new CreateBucketCommand({ Bucket: 'plain' }));
  // Server access logs go to a bucket of the same region that lets the log delivery group write.
  const logDelivery = 'uri="http://acs.amazonaws.com/groups/s3/LogDelivery"';
  await eu.send(new CreateBucketCommand({ Bucket: 'access-logs', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
  await eu.send(new PutBucketAclCommand({ Bucket: 'access-logs', GrantWrite: logDelivery, GrantReadACP: logDelivery }));
  await eu.send(new CreateBucketCommand({ Bucket: 'data-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' }, ObjectLockEnabledForBucket: true }));
  const Bucket = 'data-eu';
  await eu.send(
    new PutBucketEncryptionCommand({
      Bucket,
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY }, BucketKeyEnabled: true }] },
    }),
  );
  await eu.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  await eu.send(
    new PutObjectLockConfigurationCommand({
      Bucket,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 30 } } },
    }),
  );
  await eu.send(new PutBucketPolicyCommand({ Bucket, Policy: JSON.stringify(TLS_ONLY) }));
  await eu.send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: ALL_BLOCKED }));
  await eu.send(new PutBucketLoggingCommand({ Bucket, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'access-logs', TargetPrefix: 'data-eu/' } } }));
  await eu.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket,
      LifecycleConfiguration: {
        Rules: [
          {
            ID: 'archive',
            Status: 'Enabled',
            Filter: { Prefix: 'logs/' },
            Transitions: [{ Days: 30, StorageClass: 'GLACIER' }],
            Expiration: { Days: 365 },
            NoncurrentVersionExpiration: { NoncurrentDays: 90 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          },
        ],
      },
    }),
  );
}

/** A bucket that AWS says has nothing configured. */
function unconfigured(name: string, region: string): S3Bucket {
  return {
    arn: `arn:aws:s3:::${name}`,
    name,
    creationDate: SECOND,
    region,
    defaultEncryption: null,
    versioning: { status: null, mfaDelete: null },
    objectLock: null,
    policy: null,
    publicAccessBlock: null,
    logging: null,
    lifecycleRules: null,
  };
}

const dataEu: S3Bucket = {
  arn: 'arn:aws:s3:::data-eu',
  name: 'data-eu',
  creationDate: SECOND,
  region: 'eu-west-1',
  defaultEncryption: [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: KEY, bucketKeyEnabled: true }],
  versioning: { status: 'Enabled', mfaDelete: null },
  objectLock: { objectLockEnabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 30, years: null } },
  policy: {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'TlsOnly',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:*'],
        Resource: ['arn:aws:s3:::data-eu', 'arn:aws:s3:::data-eu/*'],
        Condition: { Bool: { 'aws:SecureTransport': ['false'] } },
      },
    ],
  },
  publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
  logging: { targetBucket: 'access-logs', targetPrefix: 'data-eu/' },
  lifecycleRules: [
    {
      id: 'archive',
      status: 'Enabled',
      prefix: 'logs/',
      expirationDays: 365,
      noncurrentVersionExpirationDays: 90,
      abortIncompleteMultipartUploadDays: 7,
      transitions: [{ days: 30, storageClass: 'GLACIER' }],
    },
  ],
};

describe('collectS3', () => {
  const moto = useMoto();

  it('collects every bucket in its own region with its configuration; "not configured" answers are null, not errors', async () => {
    await seed(moto);
    const { ctx, errors, progress } = testContext(motoClients(moto), ['us-east-1']);
    const expected: S3Snapshot = {
      accountPublicAccessBlock: null,
      buckets: [unconfigured('access-logs', 'eu-west-1'), dataEu, unconfigured('plain', 'us-east-1')],
    };
    expect(await collectS3(ctx)).toEqual(expected);
    expect(errors).toEqual([]);
    expect(progress).toEqual([`${ACCOUNT} global s3 0`]);
  });

  it('reads the account\'s Block Public Access through s3control, against an endpoint given by hand', async () => {
    // Seeding needs the same help the collector's client has: the endpoint as given, without the account prefix.
    const control = new S3ControlClient({ ...motoClientConfig(moto), endpointProvider: () => ({ url: new URL(moto.endpoint) }) });
    await control.send(
      new PutAccountPublicAccessBlockCommand({ AccountId: ACCOUNT, PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true } }),
    );
    const { ctx, errors } = testContext(motoClients(moto), ['us-east-1']);
    expect(await collectS3(ctx)).toEqual({
      accountPublicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: true, restrictPublicBuckets: false },
      buckets: [],
    });
    expect(errors).toEqual([]);
  });

  it('leaves a bucket policy outside IAM\'s grammar absent, recorded as MalformedPolicyDocument, rather than guessing', async () => {
    const us = new S3Client(motoClientConfig(moto, 'us-east-1'));
    await us.send(new CreateBucketCommand({ Bucket: 'odd-policy' }));
    const odd = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::odd-policy/*', Extra: 1 }] };
    await us.send(new PutBucketPolicyCommand({ Bucket: 'odd-policy', Policy: JSON.stringify(odd) }));
    const { ctx, errors } = testContext(motoClients(moto), ['us-east-1']);
    const { buckets } = await collectS3(ctx);
    expect(buckets).toHaveLength(1);
    expect(buckets![0]).not.toHaveProperty('policy');
    expect(buckets![0]!.versioning).toEqual({ status: null, mfaDelete: null });
    expect(errors.map((e) => [e.service, e.region, e.operation, e.code, e.pointer])).toEqual([
      ['s3', 'us-east-1', 'GetBucketPolicy', 'MalformedPolicyDocument', `/accounts/${ACCOUNT}/s3/buckets/0/policy`],
    ]);
  });

  it('records each configuration call of the buckets whose region cannot be reached at that bucket\'s field, and keeps the others', async () => {
    await seed(moto);
    const unreachable = new ClientFactory({ endpoint: 'http://127.0.0.1:1', credentials: async () => TEST_CREDENTIALS, maxAttempts: 1, requestTimeoutMs: 2000 });
    const clients = new PerRegionClients(motoClients(moto), { 'eu-west-1': unreachable });
    const { ctx, errors } = testContext(clients, ['us-east-1']);
    const section = await collectS3(ctx);
    const located = (name: string) => ({ arn: `arn:aws:s3:::${name}`, name, creationDate: SECOND, region: 'eu-west-1' });
    expect(section.buckets).toEqual([located('access-logs'), located('data-eu'), unconfigured('plain', 'us-east-1')]);
    const calls = [
      ['GetBucketEncryption', 'defaultEncryption'],
      ['GetBucketLifecycleConfiguration', 'lifecycleRules'],
      ['GetBucketLogging', 'logging'],
      ['GetBucketPolicy', 'policy'],
      ['GetBucketVersioning', 'versioning'],
      ['GetObjectLockConfiguration', 'objectLock'],
      ['GetPublicAccessBlock', 'publicAccessBlock'],
    ];
    expect(errors.map((e) => [e.service, e.region, e.operation, e.code, e.pointer]).sort()).toEqual(
      calls.flatMap(([operation, field]) =>
        [0, 1].map((index) => ['s3', 'eu-west-1', operation, 'NetworkError', `/accounts/${ACCOUNT}/s3/buckets/${index}/${field}`]),
      ),
    );
  });
});
