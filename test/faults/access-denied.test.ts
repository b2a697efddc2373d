// AccessDenied on one service in one region: only that part of the snapshot is missing and named in `errors`,
// and the standard pack, run by the real evaluator, gives `error` for exactly the rules that need it there.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ACCOUNT, EXAMPLE_REGIONS, seedExampleScenario } from '../../examples/scenario.ts';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import type { ResultsDocument } from '../../src/evaluate/results.ts';
import { loadPacks } from '../../src/rules/loader.ts';
import type { SnapshotRun } from '../../src/collect/snapshot.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { startMoto, TEST_CREDENTIALS, type Moto } from '../support/moto.ts';
import { comparable, snapshotThrough } from './fault-snapshot.ts';

const STANDARD_PACK = join(import.meta.dirname, '..', '..', 'rules', 'soc2-aws');
const DENIED_REGION = 'eu-west-1';

function verdicts(results: ResultsDocument): Map<string, string> {
  return new Map(results.results.map((r) => [`${r.rule} ${r.resource ?? r.pointer}`, r.status]));
}

describe('AccessDenied on AWS Config in one region', () => {
  let moto: Moto;
  let proxy: FaultProxy;
  let clean: SnapshotRun;
  let denied: SnapshotRun;

  beforeAll(async () => {
    moto = await startMoto();
    await seedExampleScenario({ endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });
    proxy = await startFaultProxy(moto.endpoint, 3);
    clean = await snapshotThrough({ endpoint: proxy.endpoint, regions: EXAMPLE_REGIONS });
    proxy.setRules([{ service: 'config', region: DENIED_REGION, fault: 'deny' }]);
    denied = await snapshotThrough({ endpoint: proxy.endpoint, regions: EXAMPLE_REGIONS });
  });
  afterAll(async () => {
    await proxy?.stop();
    await moto?.stop();
  });

  it('records only that service in that region as not collected', () => {
    const at = `/accounts/${EXAMPLE_ACCOUNT}/regions/${DENIED_REGION}/config`;
    const added = denied.snapshot.errors.filter((e) => !clean.snapshot.errors.some((c) => c.pointer === e.pointer && c.operation === e.operation));
    expect(added.map((e) => `${e.pointer} ${e.operation} ${e.code}`)).toEqual([
      `${at}/deliveryChannels DescribeDeliveryChannels AccessDeniedException`,
      `${at}/recorders DescribeConfigurationRecorders AccessDeniedException`,
      `${at}/rules DescribeConfigRules AccessDeniedException`,
    ]);
    // The rest of the document is as collected without the denial.
    const expected = comparable(clean.snapshot) as typeof clean.snapshot;
    expected.accounts[EXAMPLE_ACCOUNT]!.regions[DENIED_REGION]!.config = { arn: `arn:aws:config:${DENIED_REGION}:${EXAMPLE_ACCOUNT}:` };
    expected.errors = denied.snapshot.errors;
    expect(comparable(denied.snapshot)).toEqual(expected);
  });

  it('gives error for the rules that need Config there, and the same verdict as before for every other', async () => {
    const packs = await loadPacks([STANDARD_PACK]);
    const before = verdicts(await evaluate(clean.snapshot, packs));
    const after = verdicts(await evaluate(denied.snapshot, packs));
    const changed = [...after].filter(([key, status]) => before.get(key) !== status).map(([key, status]) => `${key} ${before.get(key)} -> ${status}`);
    const regionArn = `arn:aws:config:${DENIED_REGION}:${EXAMPLE_ACCOUNT}:`;
    expect(changed).toEqual([
      `config-delivery-channel ${regionArn} not-applicable -> error`,
      `config-recorder-all-regions ${regionArn} fail -> error`,
    ]);
    expect([...after.keys()]).toEqual([...before.keys()]);
  });
});
