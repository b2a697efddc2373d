import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetInsightSelectorsCommand,
  GetTrailStatusCommand,
  type AdvancedEventSelector as AwsAdvancedEventSelector,
  type EventSelector as AwsEventSelector,
  type GetTrailStatusCommandOutput,
  type Trail as AwsTrail,
} from '@aws-sdk/client-cloudtrail';
import type { AdvancedEventSelector, CloudTrailSnapshot, EventSelector, Trail, TrailStatus } from '../snapshot/schema.ts';
import { describeAwsFailure } from './aws-error.ts';
import { callFillingEach } from './calls.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { isoTime, textOrNull } from './normalize.ts';
import { regionalSection } from './regional.ts';
import { compareStrings } from '../compare.ts';

const SERVICE = 'cloudtrail';

/** The CloudTrail section of every region in scope, each trail of the account appearing exactly once. */
export async function collectCloudTrail(ctx: AccountContext): Promise<Record<string, CloudTrailSnapshot>> {
  const regions = [...ctx.regions].sort(compareStrings);
  const listings = new Map(
    await Promise.all(regions.map(async (region) => [region, await listTrails(ctx, region)] as const)),
  );
  const placed = placeTrails(regions, listings);
  const sections = await Promise.all(
    regions.map(async (region): Promise<[string, CloudTrailSnapshot]> => {
      const trails = placed.get(region);
      const scope = regionalSection(ctx, SERVICE, region);
      const section: CloudTrailSnapshot = { arn: scope.arn };
      if (trails) section.trails = await Promise.all(trails.map((trail, index) => describeTrail(ctx, region, index, trail)));
      scope.reportDone();
      return [region, section];
    }),
  );
  return Object.fromEntries(sections);
}

async function listTrails(ctx: AccountContext, region: string): Promise<AwsTrail[] | undefined> {
  const client = ctx.client(CloudTrailClient, region);
  const answer = await ctx.call(
    { service: SERVICE, region, operation: 'DescribeTrails', path: ['regions', region, SERVICE, 'trails'] },
    () => client.send(new DescribeTrailsCommand({ includeShadowTrails: true })),
  );
  return answer && (answer.trailList ?? []);
}

/**
 * With shadow trails, a region lists its own trails and every multi-region trail of the account, so each trail
 * (by ARN) is kept once: under its home region when that region is in scope and could be listed; otherwise under
 * the first region in scope (sorted) that lists it, so a trail homed outside the scope, or in a region whose
 * listing failed, is still collected. Regions whose listing failed get no array (their `trails` stays absent).
 * Each region's trails are sorted by ARN.
 */
function placeTrails(regions: string[], listings: Map<string, AwsTrail[] | undefined>): Map<string, AwsTrail[]> {
  const placed = new Map<string, AwsTrail[]>();
  for (const region of regions) if (listings.get(region)) placed.set(region, []);
  const kept = new Set<string>();
  const keep = (region: string, trail: AwsTrail) => {
    const arn = trail.TrailARN ?? '';
    if (kept.has(arn)) return;
    kept.add(arn);
    placed.get(region)!.push(trail);
  };
  for (const region of regions) for (const trail of listings.get(region) ?? []) if (homeRegionOf(trail) === region) keep(region, trail);
  for (const region of regions) for (const trail of listings.get(region) ?? []) keep(region, trail);
  for (const [region, trails] of placed) placed.set(region, sortByKey(trails, (trail) => trail.TrailARN ?? ''));
  return placed;
}

function homeRegionOf(trail: AwsTrail): string {
  return trail.HomeRegion ?? trail.TrailARN?.split(':')[3] ?? '';
}

/**
 * A trail's configuration, status and selectors. Those calls go to the trail's home region (elsewhere AWS
 * answers TrailNotFound for a shadow trail); a failure leaves only that field absent, recorded at
 * `/regions/REGION/cloudtrail/trails/INDEX/FIELD` where REGION and INDEX are where the trail is kept.
 */
async function describeTrail(ctx: AccountContext, region: string, index: number, aws: AwsTrail): Promise<Trail> {
  const trail = normalizeTrail(aws);
  const client = ctx.client(CloudTrailClient, trail.homeRegion);
  const at = (field: string) => ['regions', region, SERVICE, 'trails', index, field];
  const site = (operation: string) => ({ service: SERVICE, region, operation });
  const [status, selectors, insightTypes] = await Promise.all([
    ctx.call({ ...site('GetTrailStatus'), path: at('status') }, () =>
      client.send(new GetTrailStatusCommand({ Name: trail.arn })),
    ),
    callFillingEach(ctx, site('GetEventSelectors'), [at('eventSelectors'), at('advancedEventSelectors')], () =>
      client.send(new GetEventSelectorsCommand({ TrailName: trail.arn })),
    ),
    ctx.call({ ...site('GetInsightSelectors'), path: at('insightSelectors') }, () =>
      enabledInsightTypes(client, trail.arn),
    ),
  ]);
  if (status) trail.status = normalizeStatus(status);
  if (selectors) {
    trail.eventSelectors = (selectors.EventSelectors ?? []).map(normalizeEventSelector);
    trail.advancedEventSelectors = (selectors.AdvancedEventSelectors ?? []).map(normalizeAdvancedEventSelector);
  }
  if (insightTypes) trail.insightSelectors = insightTypes;
  return trail;
}

/** AWS answers InsightNotEnabledException for a trail without Insights: that is data (none), not a failure. */
async function enabledInsightTypes(client: CloudTrailClient, trailArn: string): Promise<string[]> {
  try {
    const answer = await client.send(new GetInsightSelectorsCommand({ TrailName: trailArn }));
    return (answer.InsightSelectors ?? []).flatMap((s) => (s.InsightType ? [s.InsightType] : [])).sort(compareStrings);
  } catch (error) {
    if (describeAwsFailure(error).code === 'InsightNotEnabledException') return [];
    throw error;
  }
}

// Booleans AWS leaves out are read as false: the value that can never make a check pass.
function normalizeTrail(trail: AwsTrail): Trail {
  return {
    arn: trail.TrailARN ?? '',
    name: trail.Name ?? '',
    homeRegion: homeRegionOf(trail),
    isMultiRegionTrail: trail.IsMultiRegionTrail ?? false,
    isOrganizationTrail: trail.IsOrganizationTrail ?? false,
    includeGlobalServiceEvents: trail.IncludeGlobalServiceEvents ?? false,
    logFileValidationEnabled: trail.LogFileValidationEnabled ?? false,
    kmsKeyId: textOrNull(trail.KmsKeyId),
    s3BucketName: textOrNull(trail.S3BucketName),
    s3KeyPrefix: textOrNull(trail.S3KeyPrefix),
    snsTopicArn: textOrNull(trail.SnsTopicARN),
    cloudWatchLogsLogGroupArn: textOrNull(trail.CloudWatchLogsLogGroupArn),
    cloudWatchLogsRoleArn: textOrNull(trail.CloudWatchLogsRoleArn),
    hasCustomEventSelectors: trail.HasCustomEventSelectors ?? false,
    hasInsightSelectors: trail.HasInsightSelectors ?? false,
  };
}

function normalizeStatus(status: GetTrailStatusCommandOutput): TrailStatus {
  return {
    isLogging: status.IsLogging ?? false,
    latestDeliveryTime: isoTime(status.LatestDeliveryTime),
    latestDeliveryError: textOrNull(status.LatestDeliveryError),
    startLoggingTime: isoTime(status.StartLoggingTime),
    stopLoggingTime: isoTime(status.StopLoggingTime),
  };
}

// AWS's documented defaults: a selector without them logs all management events, reads and writes.
function normalizeEventSelector(selector: AwsEventSelector): EventSelector {
  return {
    readWriteType: selector.ReadWriteType ?? 'All',
    includeManagementEvents: selector.IncludeManagementEvents ?? true,
    dataResources: (selector.DataResources ?? []).map((d) => ({ type: d.Type ?? '', values: d.Values ?? [] })),
    excludeManagementEventSources: selector.ExcludeManagementEventSources ?? [],
  };
}

function normalizeAdvancedEventSelector(selector: AwsAdvancedEventSelector): AdvancedEventSelector {
  return {
    name: textOrNull(selector.Name),
    fieldSelectors: (selector.FieldSelectors ?? []).map((f) => ({
      field: f.Field ?? '',
      equals: f.Equals ?? [],
      startsWith: f.StartsWith ?? [],
      endsWith: f.EndsWith ?? [],
      notEquals: f.NotEquals ?? [],
      notStartsWith: f.NotStartsWith ?? [],
      notEndsWith: f.NotEndsWith ?? [],
    })),
  };
}
