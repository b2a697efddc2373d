// docs/collector-policy.json is least-privilege and complete: every operation the collector can call is read-only
// and granted by it, and a user holding exactly that policy snapshots under moto's authorization without a denial
// for IAM, CloudTrail and Config (moto maps some S3 and CloudWatch operations to the wrong action: those are not
// judged here).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ACCOUNT, EXAMPLE_REGIONS, seedExampleScenario } from '../../examples/scenario.ts';
import { takeSnapshot, type SnapshotRun } from '../../src/collect/snapshot.ts';
import { motoClientConfig, startMoto, TEST_CREDENTIALS, type Moto } from '../support/moto.ts';
import { comparable } from '../faults/fault-snapshot.ts';
import { actionOf, isReadOnly, operationsInSource } from './policy-actions.ts';

const ROOT = join(import.meta.dirname, '..', '..');

interface Policy {
  Statement: { Effect: string; Action: string | string[]; Resource: string | string[] }[];
}

async function collectorPolicy(): Promise<{ text: string; policy: Policy; actions: Set<string> }> {
  const text = await readFile(join(ROOT, 'docs', 'collector-policy.json'), 'utf8');
  const policy = JSON.parse(text) as Policy;
  const actions = new Set(policy.Statement.flatMap((s) => [s.Action].flat()));
  return { text, policy, actions };
}

function snapshotAs(moto: Moto, credentials: { accessKeyId: string; secretAccessKey: string }): Promise<SnapshotRun> {
  return takeSnapshot({
    aws: { endpoint: moto.endpoint, credentials: async () => credentials, maxAttempts: 2, requestTimeoutMs: 10_000 },
    homeRegion: 'us-east-1',
    regions: EXAMPLE_REGIONS,
    concurrency: 8,
  });
}

describe('the collector policy', () => {
  let moto: Moto;
  let full: SnapshotRun;

  beforeAll(async () => {
    moto = await startMoto();
    await seedExampleScenario({ endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });
    full = await snapshotAs(moto, TEST_CREDENTIALS);
  });
  afterAll(async () => moto?.stop());

  it('is read-only: no wildcard, and nothing but the actions the collector calls', async () => {
    const { policy, actions } = await collectorPolicy();
    expect([...actions].filter((a) => a.includes('*'))).toEqual([]);
    const inSource = new Set((await operationsInSource(join(ROOT, 'src'))).map(actionOf));
    expect([...actions].filter((a) => !inSource.has(a))).toEqual([]);
    // AssumeRole only on the collector's own role; everything else is a read of configuration.
    const assume = policy.Statement.find((s) => [s.Action].flat().includes('sts:AssumeRole'))!;
    expect(assume).toEqual({ Sid: 'AssumeTheCollectorRoleInEveryAccount', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/Soc2EvidenceCollector' });
    expect(policy.Statement.every((s) => s.Effect === 'Allow')).toBe(true);
  });

  it('covers every operation the source can call, each one read-only', async () => {
    const { actions } = await collectorPolicy();
    const operations = await operationsInSource(join(ROOT, 'src'));
    expect(operations.length).toBeGreaterThan(60);
    expect(operations.filter((call) => !isReadOnly(call))).toEqual([]);
    expect(operations.filter((call) => !actions.has(actionOf(call)))).toEqual([]);
  });

  it('covers every operation a full snapshot of the example scenario called, each one read-only', async () => {
    const { actions } = await collectorPolicy();
    const called = [...full.calls.keys()].sort();
    expect(called.length).toBeGreaterThan(40);
    expect(called.filter((call) => !isReadOnly(call))).toEqual([]);
    expect(called.filter((call) => !actions.has(actionOf(call)))).toEqual([]);
  });

  it('is enough: a user holding exactly it is denied nothing by moto for IAM, CloudTrail and Config', async () => {
    const { text } = await collectorPolicy();
    const iam = new IAMClient(motoClientConfig(moto));
    await iam.send(new CreateUserCommand({ UserName: 'collector' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'collector', PolicyName: 'soc2-evidence-collector', PolicyDocument: text }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'collector' }))).AccessKey!;
    await moto.setAuthorization(true);
    try {
      const run = await snapshotAs(moto, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
      expect(run.snapshot.manifest.caller.arn).toBe(`arn:aws:iam::${EXAMPLE_ACCOUNT}:user/collector`);
      const denied = run.snapshot.errors.filter((e) => /AccessDenied|Unauthorized/.test(e.code));
      expect(denied.filter((e) => ['iam', 'cloudtrail', 'config'].includes(e.service))).toEqual([]);
      // Every IAM field collected (the user `collector` is new), and the same CloudTrail and Config data.
      const account = (r: SnapshotRun) => (comparable(r.snapshot) as SnapshotRun['snapshot']).accounts[EXAMPLE_ACCOUNT]!;
      expect(Object.keys(account(run).iam).sort()).toEqual(Object.keys(account(full).iam).sort());
      const trailsAndConfig = (r: SnapshotRun) => Object.values(account(r).regions).map((region) => [region.cloudtrail, region.config]);
      expect(trailsAndConfig(run)).toEqual(trailsAndConfig(full));
      // moto's own mistakes, not the policy's: it maps some S3 operations to the wrong action, and names
      // CloudWatch's actions by its signing name (`monitoring:DescribeAlarms`, where AWS says `cloudwatch:`).
      expect(new Set(denied.map((e) => e.service))).toEqual(new Set(['s3', 'cloudwatch']));
    } finally {
      await moto.setAuthorization(false);
    }
  });

  it('is enough to be caught: without it, moto denies IAM, so the test above can fail', async () => {
    const iam = new IAMClient(motoClientConfig(moto));
    await iam.send(new CreateUserCommand({ UserName: 'nobody' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' }))).AccessKey!;
    await moto.setAuthorization(true);
    try {
      const run = await snapshotAs(moto, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }).catch((e: Error) => e);
      // Without sts:GetCallerIdentity or ec2:DescribeRegions allowed, moto may stop the run before collection.
      const denials = run instanceof Error ? [run.message] : run.snapshot.errors.filter((e) => e.service === 'iam' && /AccessDenied/.test(e.code));
      expect(denials.length).toBeGreaterThan(0);
    } finally {
      await moto.setAuthorization(false);
    }
  });
});
