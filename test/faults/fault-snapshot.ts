// Snapshots taken through the fault proxy: the same options for every fault test, so a faulty run can be compared
// byte for byte with a clean one.
import { AdaptiveRetryStrategy, DefaultRateLimiter } from '@smithy/core/retry';
import type { AwsOptions } from '../../src/aws/clients.ts';
import { takeSnapshot, type AccountSelection, type SnapshotRun } from '../../src/collect/snapshot.ts';
import type { Snapshot } from '../../src/snapshot/schema.ts';
import { TEST_CREDENTIALS } from '../support/moto.ts';

export const FIXED_NOW = new Date('2026-11-24T10:00:00.000Z');

export interface FaultSnapshotOptions {
  endpoint: string;
  regions: string[];
  aws?: Partial<AwsOptions>;
  accounts?: AccountSelection;
}

export function snapshotThrough(options: FaultSnapshotOptions): Promise<SnapshotRun> {
  return takeSnapshot({
    aws: {
      endpoint: options.endpoint,
      credentials: async () => TEST_CREDENTIALS,
      maxAttempts: 10,
      requestTimeoutMs: 5000,
      retryStrategy: fastAdaptiveRetries(10),
      ...options.aws,
    },
    homeRegion: 'us-east-1',
    regions: options.regions,
    concurrency: 8,
    accountConcurrency: 2,
    ...(options.accounts ? { accounts: options.accounts } : {}),
    now: () => FIXED_NOW,
  });
}

/**
 * The SDK's adaptive strategy (the same retry decisions, the same client-side rate limiter) with its waits cut
 * from seconds to milliseconds, so hundreds of faulted requests take seconds.
 */
export function fastAdaptiveRetries(maxAttempts: number): () => AdaptiveRetryStrategy {
  return () =>
    new AdaptiveRetryStrategy(maxAttempts, {
      rateLimiter: new DefaultRateLimiter({ minFillRate: 500, minCapacity: 50 }),
      backoff: { setDelayBase() {}, computeNextBackoffDelay: (retries: number) => 2 ** retries },
    });
}

/**
 * The document with what legitimately differs between two runs set aside: the manifest's hash, and the times moto
 * reads off its own clock (a trail's latest delivery is "now" in moto).
 */
export function comparable(snapshot: Snapshot): unknown {
  const copy = structuredClone(snapshot) as Snapshot;
  copy.manifest.sha256 = '(set aside)';
  for (const account of Object.values(copy.accounts)) {
    for (const region of Object.values(account.regions)) {
      for (const trail of region.cloudtrail.trails ?? []) if (trail.status) trail.status.latestDeliveryTime = '(moto clock)';
    }
  }
  return copy;
}
