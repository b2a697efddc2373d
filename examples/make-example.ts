// Regenerates examples/snapshot.json: seeds the example scenario into a private moto server and snapshots it.
// Run with `npm run example`. No AWS account is involved; nothing leaves 127.0.0.1.
import { join } from 'node:path';
import { takeSnapshot } from '../src/collect/snapshot.ts';
import { writeJsonAtomic } from '../src/fs-atomic.ts';
import { startMoto, TEST_CREDENTIALS } from '../test/support/moto.ts';
import { EXAMPLE_REGIONS, seedExampleScenario } from './scenario.ts';

const moto = await startMoto();
try {
  await seedExampleScenario({ endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });
  const { snapshot } = await takeSnapshot({
    aws: { endpoint: moto.endpoint, credentials: async () => TEST_CREDENTIALS, maxAttempts: 2, requestTimeoutMs: 10_000 },
    homeRegion: 'us-east-1',
    regions: EXAMPLE_REGIONS,
    concurrency: 8,
  });
  const file = join(import.meta.dirname, 'snapshot.json');
  await writeJsonAtomic(file, snapshot);
  console.error(`wrote ${file} (sha256 ${snapshot.manifest.sha256}, ${snapshot.errors.length} collection errors)`);
} finally {
  await moto.stop();
}
