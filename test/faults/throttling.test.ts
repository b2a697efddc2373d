// Throttling: 30% of requests answered with a throttling error (HTTP 400) or HTTP 429. The SDK's adaptive retries
// absorb them: the snapshot completes and is byte-identical to a run without faults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_REGIONS, seedExampleScenario } from '../../examples/scenario.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { startMoto, TEST_CREDENTIALS, type Moto } from '../support/moto.ts';
import { comparable, fastAdaptiveRetries, snapshotThrough } from './fault-snapshot.ts';

describe('a snapshot under throttling', () => {
  let moto: Moto;
  let proxy: FaultProxy;

  beforeAll(async () => {
    moto = await startMoto();
    await seedExampleScenario({ endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });
    proxy = await startFaultProxy(moto.endpoint, 7);
  });
  afterAll(async () => {
    await proxy?.stop();
    await moto?.stop();
  });

  it('completes, identical to a run without faults', async () => {
    const clean = await snapshotThrough({ endpoint: proxy.endpoint, regions: EXAMPLE_REGIONS });
    const cleanRequests = proxy.requests;
    expect(proxy.injected).toEqual([]);

    proxy.setRules([
      { fault: 'throttle', rate: 0.15 },
      { fault: 'too-many-requests', rate: 0.15 / 0.85 },
    ]);
    const throttled = await snapshotThrough({ endpoint: proxy.endpoint, regions: EXAMPLE_REGIONS });

    const faultedRequests = proxy.requests - cleanRequests;
    const share = proxy.injected.length / faultedRequests;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.4);
    expect(new Set(proxy.injected.map((fault) => fault.split(' ')[0]))).toEqual(new Set(['throttle', 'too-many-requests']));
    // Every throttled request was retried until it succeeded: nothing more is missing than without faults.
    expect(throttled.snapshot.errors).toEqual(clean.snapshot.errors);
    expect(comparable(throttled.snapshot)).toEqual(comparable(clean.snapshot));
  });

  it('records what throttling kept out when retries are not allowed, so the comparison above can fail', async () => {
    proxy.setRules([{ fault: 'throttle', rate: 0.3 }]);
    const once = await snapshotThrough({ endpoint: proxy.endpoint, regions: EXAMPLE_REGIONS, aws: { retryStrategy: fastAdaptiveRetries(1) } });
    const throttledCodes = new Set(['ThrottlingException', 'Throttling', 'RequestLimitExceeded', 'SlowDown']);
    expect(once.snapshot.errors.filter((e) => throttledCodes.has(e.code)).length).toBeGreaterThan(5);
  });
});
