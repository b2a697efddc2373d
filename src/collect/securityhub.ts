import { DescribeHubCommand, paginateGetEnabledStandards, SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { SecurityHub, SecurityHubSnapshot } from '../snapshot/schema.ts';
import { allPages } from './calls.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { isoTime, textOrNull } from './normalize.ts';
import { nullWhenNotConfigured } from './not-configured.ts';
import { regionalSection } from './regional.ts';

const SERVICE = 'securityhub';

/** AWS answers DescribeHub in a region where Security Hub is off with one of these: data, not a failure. */
const NOT_ENABLED = ['InvalidAccessException', 'ResourceNotFoundException'];

/** Security Hub in one region: whether it is enabled, and its enabled standards. */
export async function collectSecurityHub(ctx: AccountContext, region: string): Promise<SecurityHubSnapshot> {
  const client = ctx.client(SecurityHubClient, region);
  const scope = regionalSection(ctx, SERVICE, region);
  const section: SecurityHubSnapshot = { arn: scope.arn };
  const described = await ctx.call(scope.site('DescribeHub', 'hub'), () =>
    nullWhenNotConfigured(NOT_ENABLED, () => client.send(new DescribeHubCommand({}))),
  );
  if (described !== undefined) {
    const hub: SecurityHub | null = described && {
      arn: described.HubArn ?? '',
      subscribedAt: isoTime(described.SubscribedAt),
      autoEnableControls: described.AutoEnableControls ?? false,
      controlFindingGenerator: textOrNull(described.ControlFindingGenerator),
    };
    if (hub) {
      const standards = await ctx.call(scope.site('GetEnabledStandards', 'hub', 'standards'), () =>
        allPages(paginateGetEnabledStandards({ client }, {}), (page) => page.StandardsSubscriptions),
      );
      if (standards) {
        hub.standards = sortByKey(
          standards.map((s) => ({ arn: s.StandardsSubscriptionArn ?? '', standardsArn: s.StandardsArn ?? '', status: s.StandardsStatus ?? '' })),
          (s) => s.arn,
        );
      }
    }
    section.hub = hub;
  }
  scope.reportDone();
  return section;
}
