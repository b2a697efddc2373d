// A connection reset halfway through a response, a 500 from the service, a request that never gets an answer:
// each is retried within the attempts allowed; one that lasts longer is recorded in `errors` against the place
// its call would have filled, and only that place is missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ACCOUNT, seedExampleScenario } from '../../examples/scenario.ts';
import { startFaultProxy, type FaultProxy, type FaultRule } from '../support/fault-proxy.ts';
import { startMoto, TEST_CREDENTIALS, type Moto } from '../support/moto.ts';
import { comparable, fastAdaptiveRetries, snapshotThrough } from './fault-snapshot.ts';
import type { SnapshotRun } from '../../src/collect/snapshot.ts';

const REGION = 'us-east-1';
const ATTEMPTS = 3;
const AT = `/accounts/${EXAMPLE_ACCOUNT}/regions/${REGION}`;
const FAULTS: FaultRule[] = [
  { service: 'config', operation: 'DescribeConfigurationRecorders', fault: 'reset' },
  { service: 'kms', operation: 'ListKeys', fault: 'server-error' },
  { service: 'cloudtrail', operation: 'DescribeTrails', fault: 'timeout' },
];

describe('transient faults', () => {
  let moto: Moto;
  let proxy: FaultProxy;
  let clean: SnapshotRun;
  const snapshot = () =>
    snapshotThrough({
      endpoint: proxy.endpoint,
      regions: [REGION],
      aws: { maxAttempts: ATTEMPTS, retryStrategy: fastAdaptiveRetries(ATTEMPTS), requestTimeoutMs: 1000 },
    });

  beforeAll(async () => {
    moto = await startMoto();
    await seedExampleScenario({ endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });
    proxy = await startFaultProxy(moto.endpoint, 11);
    clean = await snapshot();
  });
  afterAll(async () => {
    await proxy?.stop();
    await moto?.stop();
  });

  it('are retried: faults that stop before the last attempt leave the document as it is without them', async () => {
    proxy.setRules(FAULTS.map((rule) => ({ ...rule, times: ATTEMPTS - 1 })));
    const recovered = await snapshot();
    expect(proxy.injected).toHaveLength(FAULTS.length * (ATTEMPTS - 1));
    expect(comparable(recovered.snapshot)).toEqual(comparable(clean.snapshot));
  });

  it('are recorded, at the place each call would have filled, once the attempts run out', async () => {
    proxy.injected.length = 0;
    proxy.setRules(FAULTS);
    const faulty = await snapshot();
    // Bounded: each faulty call was tried exactly ATTEMPTS times.
    expect([...proxy.injected].sort()).toEqual(
      ['reset config DescribeConfigurationRecorders', 'server-error kms ListKeys', 'timeout cloudtrail DescribeTrails'].flatMap((f) => Array(ATTEMPTS).fill(f)),
    );
    const added = faulty.snapshot.errors.filter((e) => !clean.snapshot.errors.some((c) => c.pointer === e.pointer && c.operation === e.operation));
    expect(added.map((e) => `${e.pointer} ${e.operation} ${e.code}`)).toEqual([
      `${AT}/cloudtrail/trails DescribeTrails TimeoutError`,
      `${AT}/config/recorders DescribeConfigurationRecorders NetworkError`,
      `${AT}/kms/keys ListKeys InternalFailure`,
    ]);
    const region = faulty.snapshot.accounts[EXAMPLE_ACCOUNT]!.regions[REGION]!;
    expect(region.cloudtrail).not.toHaveProperty('trails');
    expect(region.config).not.toHaveProperty('recorders');
    expect(region.kms).not.toHaveProperty('keys');
    // Everything else is as collected without faults.
    const cleanRegion = clean.snapshot.accounts[EXAMPLE_ACCOUNT]!.regions[REGION]!;
    expect(region.config.deliveryChannels).toEqual(cleanRegion.config.deliveryChannels);
    expect(region.ec2).toEqual(cleanRegion.ec2);
    expect(faulty.snapshot.accounts[EXAMPLE_ACCOUNT]!.iam).toEqual(clean.snapshot.accounts[EXAMPLE_ACCOUNT]!.iam);
  });
});
