// `node bench/document-size.ts [accounts] [KiB per account]`: what one snapshot document of a large estate costs.
// Builds a synthetic snapshot (the example account, its IAM roles multiplied up to the size asked) for that many
// accounts, then hashes and writes it as `soc2 snapshot` does, printing time, size and peak memory.
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJsonAtomic } from '../src/fs-atomic.ts';
import { snapshotHash } from '../src/snapshot/io.ts';
import type { AccountSnapshot, Snapshot } from '../src/snapshot/schema.ts';

const accounts = Number(process.argv[2] ?? 100);
const kibPerAccount = Number(process.argv[3] ?? 1024);

let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const sampler = setInterval(sample, 20);

const example = JSON.parse(await readFile(join(import.meta.dirname, '..', 'examples', 'snapshot.json'), 'utf8')) as Snapshot;
const template = Object.values(example.accounts)[0]!;
const role = template.iam.roles![0]!;
const roleBytes = JSON.stringify(role).length;
const rolesPerAccount = Math.max(1, Math.round((kibPerAccount * 1024 - JSON.stringify(template).length) / roleBytes));

function account(id: string): AccountSnapshot {
  const copy = structuredClone(template);
  copy.accountId = id;
  copy.arn = `arn:aws:iam::${id}:root`;
  copy.iam.roles = Array.from({ length: rolesPerAccount }, (_, i) => ({ ...structuredClone(role), arn: `arn:aws:iam::${id}:role/r${i}`, roleName: `r${i}` }));
  return copy;
}

const started = performance.now();
const ids = Array.from({ length: accounts }, (_, i) => String(100000000000 + i));
const snapshot: Snapshot = {
  ...example,
  manifest: { ...example.manifest, scope: { ...example.manifest.scope, accounts: ids } },
  accounts: Object.fromEntries(ids.map((id) => [id, account(id)])),
};
const built = performance.now();
snapshot.manifest.sha256 = snapshotHash(snapshot);
const hashed = performance.now();
const file = join(tmpdir(), `soc2-document-size-${process.pid}.json`);
await writeJsonAtomic(file, snapshot);
const written = performance.now();
sample();
clearInterval(sampler);
const { size } = await import('node:fs/promises').then((fs) => fs.stat(file));
await rm(file);
console.log(
  `${accounts} accounts x ${kibPerAccount} KiB: file ${(size / 2 ** 20).toFixed(0)} MiB; ` +
    `build ${((built - started) / 1000).toFixed(1)} s, hash ${((hashed - built) / 1000).toFixed(1)} s, write ${((written - hashed) / 1000).toFixed(1)} s; ` +
    `peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`,
);
