import { GetDetectorCommand, GuardDutyClient, paginateListDetectors, type GetDetectorResponse } from '@aws-sdk/client-guardduty';
import type { GuardDutyDetector, GuardDutySnapshot } from '../snapshot/schema.ts';
import { allPages } from './calls.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { detailsOfEach } from './listing.ts';
import { isoTime, textOrNull } from './normalize.ts';
import { regionalSection } from './regional.ts';

const SERVICE = 'guardduty';

/** GuardDuty in one region: its detectors, their status and protection plans. */
export async function collectGuardDuty(ctx: AccountContext, region: string): Promise<GuardDutySnapshot> {
  const client = ctx.client(GuardDutyClient, region);
  const scope = regionalSection(ctx, SERVICE, region);
  const section: GuardDutySnapshot = { arn: scope.arn };
  const ids = await ctx.call(scope.site('ListDetectors', 'detectors'), () =>
    allPages(paginateListDetectors({ client }, {}), (page) => page.DetectorIds),
  );
  if (ids) {
    const detectors = await detailsOfEach(ctx, scope.site('GetDetector', 'detectors'), ids, async (detectorId) => {
      const detector = await client.send(new GetDetectorCommand({ DetectorId: detectorId }));
      return normalizeDetector(detectorId, detector, `arn:aws:guardduty:${region}:${ctx.accountId}:detector/${detectorId}`);
    });
    if (detectors) section.detectors = sortByKey(detectors, (d) => d.arn);
  }
  scope.reportDone();
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
