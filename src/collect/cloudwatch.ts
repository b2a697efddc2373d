import { CloudWatchClient, paginateDescribeAlarms, type MetricAlarm as AwsMetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchSnapshot, MetricAlarm } from '../snapshot/schema.ts';
import { allPages, errorCountUnder } from './calls.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { regionalSectionArn, textOrNull } from './normalize.ts';
import { compareStrings } from '../compare.ts';

const SERVICE = 'cloudwatch';

/** CloudWatch in one region: metric alarms and the actions they take. */
export async function collectCloudWatch(ctx: AccountContext, region: string): Promise<CloudWatchSnapshot> {
  const client = ctx.client(CloudWatchClient, region);
  const at = (...segments: (string | number)[]) => ['regions', region, SERVICE, ...segments];
  const alarms = await ctx.call({ service: SERVICE, region, operation: 'DescribeAlarms', path: at('alarms') }, () =>
    allPages(paginateDescribeAlarms({ client }, {}), (page) => page.MetricAlarms),
  );
  const section: CloudWatchSnapshot = { arn: regionalSectionArn(SERVICE, region, ctx.accountId) };
  if (alarms) section.alarms = sortByKey(alarms.map(normalizeAlarm), (a) => a.arn);
  ctx.progress.done(ctx.accountId, region, SERVICE, errorCountUnder(ctx, at()));
  return section;
}

function normalizeAlarm(alarm: AwsMetricAlarm): MetricAlarm {
  const sorted = (list: string[] | undefined) => [...(list ?? [])].sort(compareStrings);
  return {
    arn: alarm.AlarmArn ?? '',
    alarmName: alarm.AlarmName ?? '',
    metricName: textOrNull(alarm.MetricName),
    namespace: textOrNull(alarm.Namespace),
    statistic: textOrNull(alarm.Statistic),
    dimensions: Object.fromEntries(sortByKey(alarm.Dimensions ?? [], (d) => d.Name ?? '').map((d) => [d.Name ?? '', d.Value ?? ''])),
    period: alarm.Period ?? null,
    evaluationPeriods: alarm.EvaluationPeriods ?? null,
    threshold: alarm.Threshold ?? null,
    comparisonOperator: textOrNull(alarm.ComparisonOperator),
    treatMissingData: textOrNull(alarm.TreatMissingData),
    actionsEnabled: alarm.ActionsEnabled ?? false,
    alarmActions: sorted(alarm.AlarmActions),
    okActions: sorted(alarm.OKActions),
    insufficientDataActions: sorted(alarm.InsufficientDataActions),
    stateValue: textOrNull(alarm.StateValue),
  };
}
