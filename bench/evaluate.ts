// Evaluation speed: the standard pack over a synthetic estate (many users, every region), timed in-process.
// Usage: node bench/evaluate.ts [users=5000] [regions=17]
import { evaluate } from '../src/evaluate/evaluate.ts';
import { loadPacks } from '../src/rules/loader.ts';
import { snapshotHash } from '../src/snapshot/io.ts';
import type { CredentialReportRow, RegionSnapshot, Snapshot } from '../src/snapshot/schema.ts';

const users = Number(process.argv[2] ?? 5000);
const regionCount = Number(process.argv[3] ?? 17);
const account = '111122223333';
const collectedAt = '2026-11-24T10:00:00.000Z';
const day = 86_400_000;
const daysAgo = (n: number) => new Date(Date.parse(collectedAt) - n * day).toISOString();

function row(i: number): CredentialReportRow {
  const hasKey = i % 3 === 0;
  return {
    user: `user-${i}`, arn: `arn:aws:iam::${account}:user/user-${i}`, isRoot: false, userCreationTime: daysAgo(400),
    passwordEnabled: i % 2 === 0, passwordLastUsed: daysAgo(i % 60), passwordLastChanged: daysAgo(100),
    passwordNextRotation: null, mfaActive: i % 5 !== 0,
    accessKey1Active: hasKey, accessKey1LastRotated: hasKey ? daysAgo(i % 120) : null,
    accessKey1LastUsedDate: hasKey ? daysAgo(i % 50) : null, accessKey1LastUsedRegion: null, accessKey1LastUsedService: null,
    accessKey2Active: false, accessKey2LastRotated: null, accessKey2LastUsedDate: null, accessKey2LastUsedRegion: null,
    accessKey2LastUsedService: null, cert1Active: false, cert1LastRotated: null, cert2Active: false, cert2LastRotated: null,
  };
}

function region(name: string, index: number): RegionSnapshot {
  const trail = {
    arn: `arn:aws:cloudtrail:${name}:${account}:trail/t-${name}`, name: `t-${name}`, homeRegion: name,
    isMultiRegionTrail: index === 0, isOrganizationTrail: false, includeGlobalServiceEvents: index === 0,
    logFileValidationEnabled: index % 2 === 0, kmsKeyId: null, s3BucketName: 'logs', s3KeyPrefix: null, snsTopicArn: null,
    cloudWatchLogsLogGroupArn: null, cloudWatchLogsRoleArn: null, hasCustomEventSelectors: false, hasInsightSelectors: false,
    status: { isLogging: true, latestDeliveryTime: null, latestDeliveryError: null, startLoggingTime: null, stopLoggingTime: null },
    eventSelectors: [{ readWriteType: 'All' as const, includeManagementEvents: true, dataResources: [], excludeManagementEventSources: [] }],
    advancedEventSelectors: [], insightSelectors: [],
  };
  return {
    region: name,
    cloudtrail: { arn: `arn:aws:cloudtrail:${name}:${account}:`, trails: [trail] },
    config: { arn: `arn:aws:config:${name}:${account}:`, recorders: [], deliveryChannels: [], rules: [] },
  } as unknown as RegionSnapshot;
}

const regionNames = Array.from({ length: regionCount }, (_, i) => `region-${String(i).padStart(2, '0')}`);
const snapshot = {
  schemaVersion: 1,
  manifest: {
    tool: { name: 'soc2-evidence', version: 'bench' }, collectedAt,
    caller: { account, arn: `arn:aws:iam::${account}:user/bench`, userId: 'AIDA' },
    scope: { accounts: [account], regions: regionNames }, sha256: '',
  },
  accounts: {
    [account]: {
      accountId: account, arn: `arn:aws:iam::${account}:root`,
      iam: { credentialReport: Array.from({ length: users }, (_, i) => row(i)), accountSummary: { AccountMFAEnabled: 1 }, passwordPolicy: null },
      regions: Object.fromEntries(regionNames.map((name, i) => [name, region(name, i)])),
    },
  },
  errors: [],
} as unknown as Snapshot;
snapshot.manifest.sha256 = snapshotHash(snapshot);

const packs = await loadPacks(['rules/soc2-aws']);
const started = performance.now();
const results = await evaluate(snapshot, packs);
const seconds = (performance.now() - started) / 1000;
const rss = process.memoryUsage().rss / 1024 / 1024;
console.log(
  `evaluate: ${users} users, ${regionCount} regions -> ${results.results.length} results in ${seconds.toFixed(2)} s ` +
    `(${((seconds * 1000) / results.results.length).toFixed(3)} ms/result), RSS ${rss.toFixed(0)} MiB`,
);
