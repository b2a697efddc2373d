import { describe, expect, it } from 'vitest';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { collectCloudWatch } from '../../src/collect/cloudwatch.ts';
import type { CloudWatchSnapshot } from '../../src/snapshot/schema.ts';
import { ClientFactory } from '../../src/aws/clients.ts';
import { motoClientConfig, TEST_CREDENTIALS, type Moto } from '../support/moto.ts';
import { motoClients, testContext, useMoto } from './moto-context.ts';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:security-alerts`;
const PAGER = `arn:aws:sns:${REGION}:${ACCOUNT}:pager`;

async function seed(moto: Moto): Promise<void> {
  const cloudwatch = new CloudWatchClient(motoClientConfig(moto, REGION));
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: 'root-usage',
      MetricName: 'root-usage',
      Namespace: 'CISBenchmark',
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [TOPIC, PAGER],
      Dimensions: [
        { Name: 'Trail', Value: 'org' },
        { Name: 'Account', Value: ACCOUNT },
      ],
    }),
  );
}

describe('collectCloudWatch', () => {
  const moto = useMoto();

  it('collects metric alarms with their metric, threshold and sorted actions', async () => {
    await seed(moto);
    const { ctx, errors, progress } = testContext(motoClients(moto), [REGION]);
    const expected: CloudWatchSnapshot = {
      arn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:`,
      alarms: [
        {
          arn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:root-usage`,
          alarmName: 'root-usage',
          metricName: 'root-usage',
          namespace: 'CISBenchmark',
          statistic: 'Sum',
          dimensions: { Account: ACCOUNT, Trail: 'org' },
          period: 300,
          evaluationPeriods: 1,
          threshold: 1,
          comparisonOperator: 'GreaterThanOrEqualToThreshold',
          treatMissingData: 'notBreaching',
          actionsEnabled: true,
          alarmActions: [PAGER, TOPIC],
          okActions: [],
          insufficientDataActions: [],
          stateValue: 'OK',
        },
      ],
    };
    expect(await collectCloudWatch(ctx, REGION)).toEqual(expected);
    expect(errors).toEqual([]);
    expect(progress).toEqual([`${ACCOUNT} ${REGION} cloudwatch 0`]);
  });

  // moto does not authorize CloudWatch's CBOR requests, so the failure here is an endpoint nobody listens on.
  it('leaves the alarms absent and records the failure when DescribeAlarms cannot reach the service', async () => {
    const unreachable = new ClientFactory({ endpoint: 'http://127.0.0.1:1', credentials: async () => TEST_CREDENTIALS, maxAttempts: 1, requestTimeoutMs: 2000 });
    const { ctx, errors } = testContext(unreachable, [REGION]);
    expect(await collectCloudWatch(ctx, REGION)).toEqual({ arn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:` });
    expect(errors.map((e) => [e.service, e.operation, e.code, e.pointer])).toEqual([
      ['cloudwatch', 'DescribeAlarms', 'NetworkError', `/accounts/${ACCOUNT}/regions/${REGION}/cloudwatch/alarms`],
    ]);
  });
});
