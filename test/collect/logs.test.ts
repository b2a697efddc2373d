import { describe, expect, it } from 'vitest';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutMetricFilterCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { collectLogs } from '../../src/collect/logs.ts';
import type { LogsSnapshot, MetricFilter } from '../../src/snapshot/schema.ts';
import { motoClientConfig, type Moto } from '../support/moto.ts';
import { deniedContext, motoClients, testContext, useMoto } from './moto-context.ts';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const MILLISECOND = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
const ROOT_USAGE = '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS }';

async function seed(moto: Moto): Promise<void> {
  const logs = new CloudWatchLogsClient(motoClientConfig(moto, REGION));
  await logs.send(new CreateLogGroupCommand({ logGroupName: 'trail', kmsKeyId: KEY }));
  await logs.send(new PutRetentionPolicyCommand({ logGroupName: 'trail', retentionInDays: 365 }));
  await logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
  for (const [name, group] of [['root-usage', 'trail'], ['errors', 'app']] as const) {
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: group,
        filterName: name,
        filterPattern: name === 'root-usage' ? ROOT_USAGE : '',
        metricTransformations: [{ metricName: name, metricNamespace: 'CISBenchmark', metricValue: '1' }],
      }),
    );
  }
}

const filters: MetricFilter[] = [
  {
    filterName: 'errors',
    logGroupName: 'app',
    filterPattern: '',
    metricTransformations: [{ metricName: 'errors', metricNamespace: 'CISBenchmark', metricValue: '1', defaultValue: null }],
  },
  {
    filterName: 'root-usage',
    logGroupName: 'trail',
    filterPattern: ROOT_USAGE,
    metricTransformations: [{ metricName: 'root-usage', metricNamespace: 'CISBenchmark', metricValue: '1', defaultValue: null }],
  },
];

describe('collectLogs', () => {
  const moto = useMoto();

  it('collects log groups with retention and KMS key, and metric filters sorted by group then name', async () => {
    await seed(moto);
    const { ctx, errors, progress } = testContext(motoClients(moto), [REGION]);
    // moto reports no log group class; AWS says STANDARD.
    const expected: LogsSnapshot = {
      arn: `arn:aws:logs:${REGION}:${ACCOUNT}:`,
      logGroups: [
        {
          arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:app`,
          logGroupName: 'app',
          creationTime: MILLISECOND,
          retentionInDays: null,
          kmsKeyId: null,
          logGroupClass: null,
        },
        {
          arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:trail`,
          logGroupName: 'trail',
          creationTime: MILLISECOND,
          retentionInDays: 365,
          kmsKeyId: KEY,
          logGroupClass: null,
        },
      ],
      metricFilters: filters,
    };
    expect(await collectLogs(ctx, REGION)).toEqual(expected);
    expect(errors).toEqual([]);
    expect(progress).toEqual([`${ACCOUNT} ${REGION} logs 0`]);
  });

  it('leaves the metric filters absent, and keeps the log groups, when DescribeMetricFilters is denied', async () => {
    await seed(moto);
    const { ctx, errors } = await deniedContext(moto, 'no-filters', ['logs:DescribeMetricFilters'], [REGION]);
    const section = await collectLogs(ctx, REGION);
    expect(section.logGroups?.map((g) => g.logGroupName)).toEqual(['app', 'trail']);
    expect(section).not.toHaveProperty('metricFilters');
    expect(errors.map((e) => [e.service, e.operation, e.code, e.pointer])).toEqual([
      ['logs', 'DescribeMetricFilters', 'AccessDenied', `/accounts/${ACCOUNT}/regions/${REGION}/logs/metricFilters`],
    ]);
  });
});
