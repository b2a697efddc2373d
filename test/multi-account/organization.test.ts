// The issue's "done when": an Organization of three accounts over two regions, snapshotted with `soc2 snapshot
// --org`. Every account is in the one document with every service; the Organization is read once, by the
// management account, and shared with its members.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizationTargets } from '../../src/collect/organization-accounts.ts';
import { accountCollectors, regionalCollectors } from '../../src/collect/registry.ts';
import { takeSnapshot } from '../../src/collect/snapshot.ts';
import type { Snapshot } from '../../src/snapshot/schema.ts';
import { startMoto, TEST_CREDENTIALS, type Moto } from '../support/moto.ts';
import { MANAGEMENT_ACCOUNT, MEMBER_ROLE, ORGANIZATION_REGIONS, seedOrganization, type SeededOrganization } from './organization-scenario.ts';
import { soc2 } from './run-cli.ts';
import type { CliRun } from '../support/cli.ts';

describe('soc2 snapshot --org over an Organization of three accounts and two regions', () => {
  let moto: Moto;
  let seeded: SeededOrganization;
  let outcome: CliRun;
  let snapshot: Snapshot;
  let accounts: string[];

  beforeAll(async () => {
    moto = await startMoto();
    seeded = await seedOrganization(moto.endpoint);
    accounts = [MANAGEMENT_ACCOUNT, ...seeded.members].sort();
    const file = join(await mkdtemp(join(tmpdir(), 'soc2-org-')), 'org.json');
    outcome = await soc2([
      'snapshot', '--org', '--role-name', MEMBER_ROLE, '--endpoint-url', moto.endpoint,
      '--regions', ORGANIZATION_REGIONS.join(','), '--max-attempts', '2', '--account-concurrency', '2', '-o', file,
    ]);
    snapshot = JSON.parse(await readFile(file, 'utf8')) as Snapshot;
  });
  afterAll(async () => moto?.stop());

  it('writes one document with every account of the Organization, and says how each was reached', () => {
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toMatch(/^wrote \S+: 3 accounts, 2 regions, \d+ API requests, sha256 [0-9a-f]{64}\n/);
    expect(snapshot.manifest.scope).toEqual({ accounts, regions: ORGANIZATION_REGIONS });
    expect(Object.keys(snapshot.accounts)).toEqual(accounts);
    const [production, staging] = seeded.members;
    expect(snapshot.manifest.accounts).toEqual({
      [MANAGEMENT_ACCOUNT]: { name: 'master', role: null, regions: ORGANIZATION_REGIONS, tags: {}, status: 'collected' },
      [production!]: expect.objectContaining({ role: `arn:aws:iam::${production}:role/${MEMBER_ROLE}`, status: 'collected' }),
      [staging!]: expect.objectContaining({ role: `arn:aws:iam::${staging}:role/${MEMBER_ROLE}`, status: 'collected' }),
    });
    expect(new Set([production, staging].map((id) => snapshot.manifest.accounts![id!]!.name))).toEqual(new Set(['production', 'staging']));
  });

  it('has every service in every account and region, each read with that account\'s own credentials', () => {
    for (const id of accounts) {
      const account = snapshot.accounts[id]!;
      for (const section of Object.keys(accountCollectors)) expect(account, `${id} ${section}`).toHaveProperty(section);
      expect(account.iam.users!.map((u) => u.arn)).toEqual([`arn:aws:iam::${id}:user/auditor`]);
      expect(account.iam.passwordPolicy!.minimumPasswordLength).toBe(14);
      expect(account.s3.buckets!.map((b) => b.name)).toEqual([`audit-logs-${id}`]);
      expect(Object.keys(account.regions)).toEqual(ORGANIZATION_REGIONS);
      for (const [name, region] of Object.entries(account.regions)) {
        for (const section of Object.keys(regionalCollectors)) expect(region, `${id} ${name} ${section}`).toHaveProperty(section);
        expect(region.cloudtrail.trails!.map((t) => t.arn)).toEqual([`arn:aws:cloudtrail:${name}:${id}:trail/trail-${name}`]);
        expect(region.config.recorders!.map((r) => r.name)).toEqual(['default']);
        expect(region.kms.keys!.map((k) => k.rotationEnabled)).toEqual([true]);
        expect(region.ec2.securityGroups!.some((g) => g.groupName === 'ssh' && g.ownerId === id)).toBe(true);
        expect(region.logs.metricFilters!.map((f) => f.filterName)).toEqual(['root-usage']);
        expect(region.cloudwatch.alarms!.map((a) => a.alarmActions)).toEqual([[`arn:aws:sns:${name}:${id}:security-alerts`]]);
        expect(region.sns.topics!.map((t) => t.name)).toEqual(['security-alerts']);
        expect(region.guardduty.detectors!.map((d) => d.status)).toEqual(['ENABLED']);
        expect(region.backup.vaults!.map((v) => v.name)).toEqual(['default']);
        expect(region.securityhub.hub).toBeNull();
      }
    }
  });

  it('reads the Organization once, in the management account, and gives every member the same section', () => {
    const management = snapshot.accounts[MANAGEMENT_ACCOUNT]!.organizations;
    expect(management.organization!.id).toBe(seeded.organizationId);
    expect(management.organization!.accounts!.map((a) => a.id).sort()).toEqual(accounts);
    for (const member of seeded.members) expect(snapshot.accounts[member]!.organizations).toEqual(management);
    // Only what moto does not implement is missing: no denial anywhere, nothing about Organizations.
    expect([...new Set(snapshot.errors.map((e) => `${e.service} ${e.operation} ${e.code}`))]).toEqual(['access-analyzer ListAnalyzers Unsupported']);
    expect(snapshot.errors).toHaveLength(accounts.length * ORGANIZATION_REGIONS.length);
  });

  it('sends each Organizations request once for the whole run, and one AssumeRole per member', async () => {
    const { calls } = await takeSnapshot({
      aws: { endpoint: moto.endpoint, credentials: async () => TEST_CREDENTIALS, maxAttempts: 2, requestTimeoutMs: 5000 },
      homeRegion: 'us-east-1',
      regions: ORGANIZATION_REGIONS,
      concurrency: 8,
      accountConcurrency: 3,
      accounts: (caller, organization) => organizationTargets(organization, caller, MEMBER_ROLE),
    });
    const organizationCalls = [...calls].filter(([call]) => call.startsWith('Organizations:'));
    expect(organizationCalls.length).toBeGreaterThan(3);
    expect(organizationCalls.every(([, count]) => count === 1)).toBe(true);
    expect(calls.get('STS:AssumeRole')).toBe(seeded.members.length);
  });
});
