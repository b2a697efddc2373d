import { GetDetectorCommand, GuardDutyClient, paginateListDetectors, type GetDetectorResponse } from '@aws-sdk/client-guardduty';
import type { GuardDutyDetector, GuardDutySnapshot } from '../snapshot/schema.ts';
import { allPages, errorCountUnder } from './calls.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { detailsOfEach } from './listing.ts';
import { isoTime, regionalSectionArn, textOrNull } from './normalize.ts';

const SERVICE = 'guardduty';

/** GuardDuty in one region: its detectors, their status and protection plans. */
export async function collectGuardDuty(ctx: AccountContext, region: string): Promise<GuardDutySnapshot> {
  const client = ctx.client(GuardDutyClient, region);
  const path = ['regions', region, SERVICE, 'detectors'];
  const section: GuardDutySnapshot = { arn: regionalSectionArn(SERVICE, region, ctx.accountId) };
  const ids = await ctx.call({ service: SERVICE, region, operation: 'ListDetectors', path }, () =>
    allPages(paginateListDetectors({ client }, {}), (page) => page.DetectorIds),
  );
  if (ids) {
    const detectors = await detailsOfEach(ctx, { service: SERVICE, region, operation: 'GetDetector', path }, ids, async (detectorId) => {
      const detector = await client.send(new GetDetectorCommand({ DetectorId: detectorId }));
      return normalizeDetector(detectorId, detector, `arn:aws:guardduty:${region}:${ctx.accountId}:detector/${detectorId}`);
    });
    if (detectors) section.detectors = sortByKey(detectors, (d) => d.arn);
  }
  ctx.progress.done(ctx.accountId, region, SERVICE, errorCountUnder(ctx, ['regions', region, SERVICE]));
  return section;
}

function normalizeDetector(detectorId: string, detector: GetDetectorResponse, arn: string): GuardDutyDetector {
  return {
    arn,
    detectorId,
    status: detector.Status ?? '',
    findingPublishingFrequency: textOrNull(detector.FindingPublishingFrequency),
    createdAt: isoTime(detector.CreatedAt),
    updatedAt: isoTime(detector.UpdatedAt),
    features: sortByKey(
      (detector.Features ?? []).map((f) => ({ name: f.Name ?? '', status: f.Status ?? '' })),
      (f) => f.name,
    ),
  };
}
