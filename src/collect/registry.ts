import type { AccountSnapshot, RegionSnapshot } from '../snapshot/schema.ts';
import type { AccountContext } from './context.ts';
import { collectAccessAnalyzer } from './access-analyzer.ts';
import { collectAlternateContacts } from './alternate-contacts.ts';
import { collectBackup } from './backup.ts';
import { collectCloudTrail } from './cloudtrail.ts';
import { collectCloudWatch } from './cloudwatch.ts';
import { collectConfig } from './config.ts';
import { collectEc2 } from './ec2.ts';
import { collectGuardDuty } from './guardduty.ts';
import { collectIam } from './iam.ts';
import { collectKms } from './kms.ts';
import { collectLogs } from './logs.ts';
import { collectOrganizations } from './organizations.ts';
import { collectS3 } from './s3.ts';
import { collectSecurityHub } from './securityhub.ts';
import { collectSns } from './sns.ts';

/** The resource registry: one collector per section of the snapshot. The types make a section without one an error. */

type AccountSections = Omit<AccountSnapshot, 'accountId' | 'arn' | 'regions'>;
type RegionSections = Omit<RegionSnapshot, 'region'>;

/** Collectors of account-wide sections (`accounts.ID.<section>`). */
export const accountCollectors: { [K in keyof AccountSections]: (ctx: AccountContext) => Promise<AccountSections[K]> } = {
  iam: collectIam,
  s3: collectS3,
  organizations: collectOrganizations,
  alternateContacts: collectAlternateContacts,
};

/** Collectors of per-region sections (`accounts.ID.regions.R.<section>`), each answering for every region in scope. */
export const regionalCollectors: {
  [K in keyof RegionSections]: (ctx: AccountContext) => Promise<Record<string, RegionSections[K]>>;
} = {
  cloudtrail: collectCloudTrail,
  config: eachRegion(collectConfig),
  kms: eachRegion(collectKms),
  ec2: eachRegion(collectEc2),
  logs: eachRegion(collectLogs),
  cloudwatch: eachRegion(collectCloudWatch),
  sns: eachRegion(collectSns),
  guardduty: eachRegion(collectGuardDuty),
  accessAnalyzer: eachRegion(collectAccessAnalyzer),
  securityhub: eachRegion(collectSecurityHub),
  backup: eachRegion(collectBackup),
};

/** Adapts a collector of one region to all regions in scope, collected concurrently. */
export function eachRegion<T>(collect: (ctx: AccountContext, region: string) => Promise<T>) {
  return async (ctx: AccountContext): Promise<Record<string, T>> => {
    const sections = await Promise.all(ctx.regions.map((region) => collect(ctx, region)));
    return Object.fromEntries(ctx.regions.map((region, index) => [region, sections[index]!]));
  };
}
