import {
  CloudWatchLogsClient,
  paginateDescribeLogGroups,
  paginateDescribeMetricFilters,
  type LogGroup as AwsLogGroup,
  type MetricFilter as AwsMetricFilter,
} from '@aws-sdk/client-cloudwatch-logs';
import type { LogGroup, LogsSnapshot, MetricFilter } from '../snapshot/schema.ts';
import { allPages } from './calls.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { isoTime, textOrNull } from './normalize.ts';
import { regionalSection } from './regional.ts';

const SERVICE = 'logs';

/** CloudWatch Logs in one region: log groups (retention, encryption) and metric filters. */
export async function collectLogs(ctx: AccountContext, region: string): Promise<LogsSnapshot> {
  const client = ctx.client(CloudWatchLogsClient, region);
  const scope = regionalSection(ctx, SERVICE, region);
  const [groups, filters] = await Promise.all([
    ctx.call(scope.site('DescribeLogGroups', 'logGroups'), () =>
      allPages(paginateDescribeLogGroups({ client }, {}), (page) => page.logGroups),
    ),
    ctx.call(scope.site('DescribeMetricFilters', 'metricFilters'), () =>
      allPages(paginateDescribeMetricFilters({ client }, {}), (page) => page.metricFilters),
    ),
  ]);
  const section: LogsSnapshot = { arn: scope.arn };
  if (groups) section.logGroups = sortByKey(groups.map(normalizeLogGroup), (g) => g.arn);
  if (filters) section.metricFilters = sortByKey(filters.map(normalizeMetricFilter), (f) => `${f.logGroupName}\u0000${f.filterName}`);
  scope.reportDone();
  return section;
}

function normalizeLogGroup(group: AwsLogGroup): LogGroup {
  return {
    arn: group.logGroupArn ?? (group.arn ?? '').replace(/:\*$/, ''),
    logGroupName: group.logGroupName ?? '',
    creationTime: group.creationTime === undefined ? null : isoTime(new Date(group.creationTime)),
    retentionInDays: group.retentionInDays ?? null,
    kmsKeyId: textOrNull(group.kmsKeyId),
    logGroupClass: textOrNull(group.logGroupClass),
  };
}

function normalizeMetricFilter(filter: AwsMetricFilter): MetricFilter {
  return {
    filterName: filter.filterName ?? '',
    logGroupName: filter.logGroupName ?? '',
    filterPattern: filter.filterPattern ?? '',
    metricTransformations: (filter.metricTransformations ?? []).map((t) => ({
      metricName: t.metricName ?? '',
      metricNamespace: t.metricNamespace ?? '',
      metricValue: t.metricValue ?? '',
      defaultValue: t.defaultValue ?? null,
    })),
  };
}
