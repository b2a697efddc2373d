import { CloudWatchClient, paginateDescribeAlarms, type MetricAlarm as AwsMetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchSnapshot, MetricAlarm } from '../snapshot/schema.ts';
import { allPages } from './calls.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { textOrNull } from './normalize.ts';
import { regionalSection } from './regional.ts';
import { compareStrings } from '../compare.ts';

const SERVICE = 'cloudwatch';

/** CloudWatch in one region: metric alarms and the actions they take. */
export async function collectCloudWatch(ctx: AccountContext, region: string): Promise<CloudWatchSnapshot> {
  const client = ctx.client(CloudWatchClient, region);
  const scope = regionalSection(ctx, SERVICE, region);
  const alarms = await ctx.call(scope.site('DescribeAlarms', 'alarms'), () =>
    allPages(paginateDescribeAlarms({ client }, {}), (page) => page.MetricAlarms),
  );
  const section: CloudWatchSnapshot = { arn: scope.arn };
  if (alarms) section.alarms = sortByKey(alarms.map(normalizeAlarm), (a) => a.arn);
  scope.reportDone();
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
