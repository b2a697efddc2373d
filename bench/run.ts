// `npm run bench`: the "done when" scenario, timed. Seeds an Organization of three accounts over two
// regions into a private moto server, snapshots it as `soc2 snapshot --org` would, and prints the API requests by
// service and the wall time. Nothing leaves 127.0.0.1.
import { DEFAULT_AWS_OPTIONS } from '../src/aws/clients.ts';
import { organizationTargets } from '../src/collect/organization-accounts.ts';
import { takeSnapshot } from '../src/collect/snapshot.ts';
import { compareStrings } from '../src/compare.ts';
import { MEMBER_ROLE, ORGANIZATION_REGIONS, seedOrganization } from '../test/multi-account/organization-scenario.ts';
import { startMoto, TEST_CREDENTIALS } from '../test/support/moto.ts';

const moto = await startMoto();
try {
  await seedOrganization(moto.endpoint);
  const started = performance.now();
  const { snapshot, calls } = await takeSnapshot({
    // moto answers unimplemented operations with 500: two attempts, as the tests use, keep those from dominating.
    aws: { ...DEFAULT_AWS_OPTIONS, endpoint: moto.endpoint, credentials: async () => TEST_CREDENTIALS, maxAttempts: 2 },
    homeRegion: 'us-east-1',
    regions: ORGANIZATION_REGIONS,
    concurrency: 8,
    accountConcurrency: 4,
    accounts: (caller, organization) => organizationTargets(organization, caller, MEMBER_ROLE),
  });
  const seconds = (performance.now() - started) / 1000;

  const byService = new Map<string, number>();
  for (const [call, count] of calls) {
    const service = call.split(':')[0]!;
    byService.set(service, (byService.get(service) ?? 0) + count);
  }
  const total = [...byService.values()].reduce((a, b) => a + b, 0);
  const width = Math.max(...[...byService.keys()].map((s) => s.length));
  console.log(`accounts ${snapshot.manifest.scope.accounts.length}, regions ${snapshot.manifest.scope.regions.length}`);
  for (const [service, count] of [...byService].sort(([a], [b]) => compareStrings(a, b))) {
    console.log(`${service.padEnd(width)}  ${String(count).padStart(5)}`);
  }
  console.log(`${'total'.padEnd(width)}  ${String(total).padStart(5)} API requests (retries not counted)`);
  console.log(`wall time ${seconds.toFixed(2)} s; ${snapshot.errors.length} collection errors (operations moto does not implement)`);
  console.log(`document ${(JSON.stringify(snapshot).length / 1024).toFixed(0)} KiB; heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
} finally {
  await moto.stop();
}
