import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ConfigServiceClient,
  PutConfigRuleCommand,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
} from '@aws-sdk/client-config-service';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { collectConfig } from '../../src/collect/config.ts';
import type { AccountContext } from '../../src/collect/context.ts';
import type { ConfigRecorder, ConfigSnapshot, DeliveryChannel } from '../../src/snapshot/schema.ts';
import { motoClientConfig, startMoto, type Moto } from '../support/moto.ts';
import { deniedContext, motoClients, testContext } from './moto-context.ts';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/aws-config`;
const SECOND = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
const RULE_ARN = expect.stringMatching(new RegExp(`^arn:aws:config:eu-west-1:${ACCOUNT}:config-rule/config-rule-[a-z0-9]+$`));

const recorder: ConfigRecorder = {
  arn: `arn:aws:config:eu-west-1:${ACCOUNT}:configuration-recorder/default`,
  name: 'default',
  roleArn: ROLE,
  allSupported: true,
  includeGlobalResourceTypes: true,
  resourceTypes: [],
  status: { recording: true, lastStatus: 'PENDING', lastStartTime: SECOND, lastStopTime: null, lastErrorCode: null, lastErrorMessage: null },
};

const channel: DeliveryChannel = {
  arn: `arn:aws:config:eu-west-1:${ACCOUNT}:delivery-channel/default`,
  name: 'default',
  s3BucketName: 'config-logs',
  s3KeyPrefix: 'config',
  s3KmsKeyArn: null,
  snsTopicARN: null,
  deliveryFrequency: 'TwentyFour_Hours',
};

// moto never evaluates rules and answers DescribeComplianceByConfigRule with HTTP 500: compliance stays absent.
const rule = { arn: RULE_ARN, name: 'root-mfa', state: 'ACTIVE', source: { owner: 'AWS', sourceIdentifier: 'ROOT_ACCOUNT_MFA_ENABLED' } };

const emptyUsEast1: ConfigSnapshot = { arn: `arn:aws:config:us-east-1:${ACCOUNT}:`, recorders: [], deliveryChannels: [], rules: [] };

async function seedEuWest1(moto: Moto): Promise<void> {
  await new S3Client({ ...motoClientConfig(moto), forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: 'config-logs' }));
  const config = new ConfigServiceClient(motoClientConfig(moto, 'eu-west-1'));
  await config.send(
    new PutConfigurationRecorderCommand({
      ConfigurationRecorder: { name: 'default', roleARN: ROLE, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } },
    }),
  );
  await config.send(
    new PutDeliveryChannelCommand({
      DeliveryChannel: {
        name: 'default',
        s3BucketName: 'config-logs',
        s3KeyPrefix: 'config',
        configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
      },
    }),
  );
  await config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
  await config.send(
    new PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'root-mfa', Source: { Owner: 'AWS', SourceIdentifier: 'ROOT_ACCOUNT_MFA_ENABLED' } } }),
  );
}

async function collectBoth(ctx: AccountContext): Promise<Record<string, ConfigSnapshot>> {
  return { 'eu-west-1': await collectConfig(ctx, 'eu-west-1'), 'us-east-1': await collectConfig(ctx, 'us-east-1') };
}

function failure(region: string, operation: string, code: string, path: string) {
  return {
    account: ACCOUNT,
    region,
    service: 'config',
    operation,
    code,
    message: expect.any(String),
    pointer: `/accounts/${ACCOUNT}/regions/${region}/config/${path}`,
  };
}

function sortByPointer<T extends { pointer: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}

describe('collectConfig', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto?.stop());
  beforeEach(async () => seedEuWest1(moto));
  afterEach(async () => {
    await moto.setAuthorization(false);
    await moto.reset();
  });

  it('collects recorders with their status, delivery channels and rules; a region without Config has empty lists', async () => {
    const { ctx, errors, progress } = testContext(motoClients(moto), ['eu-west-1', 'us-east-1']);
    expect(await collectBoth(ctx)).toEqual({
      'eu-west-1': { arn: `arn:aws:config:eu-west-1:${ACCOUNT}:`, recorders: [recorder], deliveryChannels: [channel], rules: [rule] },
      'us-east-1': emptyUsEast1,
    });
    expect(errors).toEqual([failure('eu-west-1', 'DescribeComplianceByConfigRule', 'Unsupported', 'rules/0/compliance')]);
    expect(progress).toEqual([`${ACCOUNT} eu-west-1 config 1`, `${ACCOUNT} us-east-1 config 0`]);
  });

  it('reads every page of rules, sorted by ARN, and records the missing compliance of each', async () => {
    const config = new ConfigServiceClient(motoClientConfig(moto, 'eu-west-1'));
    // moto pages DescribeConfigRules by 25.
    for (let i = 0; i < 26; i++) {
      const name = `rule-${String(i).padStart(2, '0')}`;
      await config.send(new PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: name, Source: { Owner: 'AWS', SourceIdentifier: 'IAM_ROOT_ACCESS_KEY_CHECK' } } }));
    }
    const { ctx, errors } = testContext(motoClients(moto), ['eu-west-1']);
    const rules = (await collectConfig(ctx, 'eu-west-1')).rules!;
    expect(rules.map((r) => r.name).sort()).toEqual(['root-mfa', ...Array.from({ length: 26 }, (_, i) => `rule-${String(i).padStart(2, '0')}`)].sort());
    const arns = rules.map((r) => r.arn);
    expect(arns).toEqual([...arns].sort());
    expect(rules.every((r) => !('compliance' in r))).toBe(true);
    expect(errors.map((e) => e.pointer).sort()).toEqual(
      rules.map((_, i) => `/accounts/${ACCOUNT}/regions/eu-west-1/config/rules/${i}/compliance`).sort(),
    );
  });

  it('leaves only what was denied absent: delivery channels everywhere, and each recorder\'s status', async () => {
    const { ctx, errors, progress } = await deniedContext(moto, 'partial', ['config:DescribeDeliveryChannels', 'config:DescribeConfigurationRecorderStatus'], ['eu-west-1', 'us-east-1']);

    const { status: _status, ...recorderWithoutStatus } = recorder;
    const { deliveryChannels: _channels, ...usEast1WithoutChannels } = emptyUsEast1;
    expect(await collectBoth(ctx)).toEqual({
      'eu-west-1': { arn: `arn:aws:config:eu-west-1:${ACCOUNT}:`, recorders: [recorderWithoutStatus], rules: [rule] },
      // No recorder there, so no status to ask for and nothing missing.
      'us-east-1': usEast1WithoutChannels,
    });
    expect(sortByPointer(errors)).toEqual([
      failure('eu-west-1', 'DescribeDeliveryChannels', 'AccessDenied', 'deliveryChannels'),
      failure('eu-west-1', 'DescribeConfigurationRecorderStatus', 'AccessDenied', 'recorders/0/status'),
      failure('eu-west-1', 'DescribeComplianceByConfigRule', 'Unsupported', 'rules/0/compliance'),
      failure('us-east-1', 'DescribeDeliveryChannels', 'AccessDenied', 'deliveryChannels'),
    ]);
    expect(progress).toEqual([`${ACCOUNT} eu-west-1 config 3`, `${ACCOUNT} us-east-1 config 1`]);
  });
});
