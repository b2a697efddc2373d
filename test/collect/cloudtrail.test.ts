import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CloudTrailClient,
  CreateTrailCommand,
  PutEventSelectorsCommand,
  PutInsightSelectorsCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { collectCloudTrail } from '../../src/collect/cloudtrail.ts';
import type { Trail } from '../../src/snapshot/schema.ts';
import { motoClientConfig, startMoto, type Moto } from '../support/moto.ts';
import { motoClients, PerRegionClients, testContext, userDenied } from './moto-context.ts';

const ACCOUNT = '123456789012';
const ORG_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org`;
const LOCAL_ARN = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/local`;
const KMS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
// moto stamps StartLogging with the current second.
const SECOND = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);

const orgBase = {
  arn: ORG_ARN,
  name: 'org',
  homeRegion: 'us-east-1',
  isMultiRegionTrail: true,
  isOrganizationTrail: false,
  includeGlobalServiceEvents: true,
  logFileValidationEnabled: true,
  kmsKeyId: KMS_KEY,
  s3BucketName: 'trail-logs',
  s3KeyPrefix: null,
  snsTopicArn: null,
  cloudWatchLogsLogGroupArn: null,
  cloudWatchLogsRoleArn: null,
  // moto never sets these flags; AWS would say true for both here.
  hasCustomEventSelectors: false,
  hasInsightSelectors: false,
};

const orgTrail: Trail = {
  ...orgBase,
  status: { isLogging: true, latestDeliveryTime: SECOND, latestDeliveryError: null, startLoggingTime: SECOND, stopLoggingTime: null },
  eventSelectors: [
    {
      readWriteType: 'All',
      includeManagementEvents: true,
      dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }],
      excludeManagementEventSources: ['kms.amazonaws.com'],
    },
  ],
  advancedEventSelectors: [],
  insightSelectors: ['ApiCallRateInsight', 'ApiErrorRateInsight'],
};

const localTrail: Trail = {
  arn: LOCAL_ARN,
  name: 'local',
  homeRegion: 'eu-west-1',
  isMultiRegionTrail: false,
  isOrganizationTrail: false,
  includeGlobalServiceEvents: true,
  logFileValidationEnabled: false,
  kmsKeyId: null,
  s3BucketName: 'trail-logs',
  s3KeyPrefix: 'eu',
  snsTopicArn: null,
  cloudWatchLogsLogGroupArn: null,
  cloudWatchLogsRoleArn: null,
  hasCustomEventSelectors: false,
  hasInsightSelectors: false,
  status: { isLogging: false, latestDeliveryTime: null, latestDeliveryError: null, startLoggingTime: null, stopLoggingTime: null },
  eventSelectors: [],
  advancedEventSelectors: [
    {
      name: 'Management writes',
      fieldSelectors: [
        { field: 'eventCategory', equals: ['Management'], startsWith: [], endsWith: [], notEquals: [], notStartsWith: [], notEndsWith: [] },
        { field: 'readOnly', equals: ['false'], startsWith: [], endsWith: [], notEquals: [], notStartsWith: [], notEndsWith: [] },
      ],
    },
  ],
  insightSelectors: [],
};

const section = (region: string) => `arn:aws:cloudtrail:${region}:${ACCOUNT}:`;

async function seedTrails(moto: Moto): Promise<void> {
  await new S3Client({ ...motoClientConfig(moto), forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: 'trail-logs' }));
  const usEast1 = new CloudTrailClient(motoClientConfig(moto, 'us-east-1'));
  await usEast1.send(
    new CreateTrailCommand({
      Name: 'org',
      S3BucketName: 'trail-logs',
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      KmsKeyId: KMS_KEY,
    }),
  );
  await usEast1.send(new StartLoggingCommand({ Name: 'org' }));
  await usEast1.send(
    new PutEventSelectorsCommand({
      TrailName: 'org',
      EventSelectors: [
        {
          ReadWriteType: 'All',
          IncludeManagementEvents: true,
          DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }],
          ExcludeManagementEventSources: ['kms.amazonaws.com'],
        },
      ],
    }),
  );
  await usEast1.send(
    new PutInsightSelectorsCommand({
      TrailName: 'org',
      InsightSelectors: [{ InsightType: 'ApiErrorRateInsight' }, { InsightType: 'ApiCallRateInsight' }],
    }),
  );
  const euWest1 = new CloudTrailClient(motoClientConfig(moto, 'eu-west-1'));
  await euWest1.send(new CreateTrailCommand({ Name: 'local', S3BucketName: 'trail-logs', S3KeyPrefix: 'eu' }));
  await euWest1.send(
    new PutEventSelectorsCommand({
      TrailName: 'local',
      AdvancedEventSelectors: [
        {
          Name: 'Management writes',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Management'] },
            { Field: 'readOnly', Equals: ['false'] },
          ],
        },
      ],
    }),
  );
}

describe('collectCloudTrail', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto?.stop());
  beforeEach(async () => seedTrails(moto));
  afterEach(async () => {
    await moto.setAuthorization(false);
    await moto.reset();
  });

  it('keeps each trail once, under its home region, with normalized configuration, status and selectors', async () => {
    const { ctx, errors, progress } = testContext(motoClients(moto), ['us-east-1', 'eu-west-1']);
    expect(await collectCloudTrail(ctx)).toEqual({
      'eu-west-1': { arn: section('eu-west-1'), trails: [localTrail] },
      'us-east-1': { arn: section('us-east-1'), trails: [orgTrail] },
    });
    expect(errors).toEqual([]);
    expect(progress.sort()).toEqual([`${ACCOUNT} eu-west-1 cloudtrail 0`, `${ACCOUNT} us-east-1 cloudtrail 0`]);
  });

  it('answers for a region without trails with an empty list', async () => {
    const { ctx, errors } = testContext(motoClients(moto), ['eu-central-1', 'us-east-1']);
    const sections = await collectCloudTrail(ctx);
    // The multi-region trail is listed in eu-central-1 too, but kept only in its home region.
    expect(sections['eu-central-1']).toEqual({ arn: section('eu-central-1'), trails: [] });
    expect(sections['us-east-1']).toEqual({ arn: section('us-east-1'), trails: [orgTrail] });
    expect(errors).toEqual([]);
  });

  it('leaves a region absent when DescribeTrails is denied there, and keeps its multi-region trail elsewhere', async () => {
    const reader = await userDenied(moto, 'reader', []);
    const noListing = await userDenied(moto, 'no-listing', ['cloudtrail:DescribeTrails']);
    await moto.setAuthorization(true);
    const clients = new PerRegionClients(motoClients(moto, reader), { 'us-east-1': motoClients(moto, noListing) });
    const { ctx, errors, progress } = testContext(clients, ['us-east-1', 'eu-west-1']);

    expect(await collectCloudTrail(ctx)).toEqual({
      // The home region could not be listed, so the multi-region trail is kept where it was listed.
      'eu-west-1': { arn: section('eu-west-1'), trails: [localTrail, orgTrail] },
      'us-east-1': { arn: section('us-east-1') },
    });
    expect(errors).toEqual([
      {
        account: ACCOUNT,
        region: 'us-east-1',
        service: 'cloudtrail',
        operation: 'DescribeTrails',
        code: 'AccessDenied',
        message: expect.any(String),
        pointer: `/accounts/${ACCOUNT}/regions/us-east-1/cloudtrail/trails`,
      },
    ]);
    expect(progress.sort()).toEqual([`${ACCOUNT} eu-west-1 cloudtrail 0`, `${ACCOUNT} us-east-1 cloudtrail 1`]);
  });

  it('calls per-trail APIs in the home region and records their failures at the trail\'s sorted index', async () => {
    const reader = await userDenied(moto, 'reader', []);
    const partial = await userDenied(moto, 'partial', ['cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors']);
    await moto.setAuthorization(true);
    // Only the home region of the multi-region trail, which is out of scope, denies the per-trail reads.
    const clients = new PerRegionClients(motoClients(moto, reader), { 'us-east-1': motoClients(moto, partial) });
    const { ctx, errors, progress } = testContext(clients, ['eu-west-1']);

    const { status: _status, eventSelectors: _basic, advancedEventSelectors: _advanced, ...orgReadable } = orgTrail;
    expect(await collectCloudTrail(ctx)).toEqual({
      // Homed outside the scope: kept in the first region in scope that lists it, sorted by ARN after `local`.
      'eu-west-1': { arn: section('eu-west-1'), trails: [localTrail, orgReadable] },
    });
    const failure = (operation: string, field: string) => ({
      account: ACCOUNT,
      region: 'eu-west-1',
      service: 'cloudtrail',
      operation,
      code: 'AccessDenied',
      message: expect.any(String),
      pointer: `/accounts/${ACCOUNT}/regions/eu-west-1/cloudtrail/trails/1/${field}`,
    });
    expect(sortByPointer(errors)).toEqual([
      failure('GetEventSelectors', 'advancedEventSelectors'),
      failure('GetEventSelectors', 'eventSelectors'),
      failure('GetTrailStatus', 'status'),
    ]);
    expect(progress).toEqual([`${ACCOUNT} eu-west-1 cloudtrail 3`]);
  });
});

function sortByPointer<T extends { pointer: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}
