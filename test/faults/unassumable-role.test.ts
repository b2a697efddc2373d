// A role that cannot be assumed in one account of two: that account is recorded as unreachable (no entry, its
// failure at /accounts/ID, so every rule gives `error` for it), and the other account is collected completely.
import { join } from 'node:path';
import { CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountTarget } from '../../src/collect/accounts.ts';
import type { SnapshotRun } from '../../src/collect/snapshot.ts';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import { loadPacks } from '../../src/rules/loader.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { motoClientConfig, startMoto, type Moto } from '../support/moto.ts';
import { comparable, snapshotThrough } from './fault-snapshot.ts';

const REACHABLE = '111111111111';
const DENIED = '222222222222';
const REGIONS = ['us-east-1'];
const roleIn = (account: string) => `arn:aws:iam::${account}:role/Soc2EvidenceCollector`;
const target = (account: string): AccountTarget => ({ accountId: account, name: null, role: { roleArn: roleIn(account) }, tags: {} });

describe('one account of two whose role cannot be assumed', () => {
  let moto: Moto;
  let proxy: FaultProxy;
  let both: SnapshotRun;
  let alone: SnapshotRun;

  beforeAll(async () => {
    moto = await startMoto();
    const assumed = await new STSClient(motoClientConfig(moto)).send(new AssumeRoleCommand({ RoleArn: roleIn(REACHABLE), RoleSessionName: 'seed' }));
    const c = assumed.Credentials!;
    const iam = new IAMClient({ ...motoClientConfig(moto), credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! } });
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    proxy = await startFaultProxy(moto.endpoint, 5, [{ service: 'sts', operation: 'AssumeRole', bodyIncludes: DENIED, fault: 'deny' }]);
    both = await snapshotThrough({ endpoint: proxy.endpoint, regions: REGIONS, accounts: () => [target(REACHABLE), target(DENIED)] });
    alone = await snapshotThrough({ endpoint: proxy.endpoint, regions: REGIONS, accounts: () => [target(REACHABLE)] });
  });
  afterAll(async () => {
    await proxy?.stop();
    await moto?.stop();
  });

  it('records the unreachable account in the manifest and errors, with no entry of its own', () => {
    const { manifest, accounts, errors } = both.snapshot;
    expect(manifest.scope.accounts).toEqual([REACHABLE, DENIED]);
    expect(manifest.accounts![DENIED]).toEqual({ name: null, role: roleIn(DENIED), regions: REGIONS, tags: {}, status: 'unreachable' });
    expect(manifest.accounts![REACHABLE]!.status).toBe('collected');
    expect(Object.keys(accounts)).toEqual([REACHABLE]);
    expect(errors.filter((e) => e.account === DENIED).map((e) => `${e.pointer} ${e.service} ${e.operation} ${e.code}`)).toEqual([
      `/accounts/${DENIED} sts AssumeRole AccessDenied`,
    ]);
  });

  it('collects the other account completely: exactly as when it is collected alone', () => {
    const entry = (run: SnapshotRun) => (comparable(run.snapshot) as SnapshotRun['snapshot']).accounts[REACHABLE];
    expect(entry(both)).toEqual(entry(alone));
    expect(both.snapshot.accounts[REACHABLE]!.iam.users!.map((u) => u.arn)).toEqual([`arn:aws:iam::${REACHABLE}:user/alice`]);
    expect(both.snapshot.errors.filter((e) => e.account === REACHABLE)).toEqual(alone.snapshot.errors);
  });

  it('gives error, not silence, for the unreachable account in every rule of the standard pack', async () => {
    const packs = await loadPacks([join(import.meta.dirname, '..', '..', 'rules', 'soc2-aws')]);
    const results = (await evaluate(both.snapshot, packs)).results;
    const rules = [...new Set(results.map((r) => r.rule))];
    const erroredForDenied = new Set(results.filter((r) => r.status === 'error' && r.pointer === `/accounts/${DENIED}`).map((r) => r.rule));
    expect(rules.length).toBeGreaterThan(5);
    expect([...erroredForDenied].sort()).toEqual(rules.sort());
  });
});
