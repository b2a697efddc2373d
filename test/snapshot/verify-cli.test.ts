// `soc2 verify` run as a user runs it, on a document whose hash is right but which the collector could not have written.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotHash } from '../../src/snapshot/io.ts';
import type { Snapshot } from '../../src/snapshot/schema.ts';
import { runCli } from '../support/cli.ts';

describe('soc2 verify', () => {
  it('refuses a hash-consistent document without a recorded caller as malformed (exit 2), not with an internal error', async () => {
    const snapshot = {
      schemaVersion: 1,
      manifest: { tool: { name: 'soc2-evidence', version: '0.1.0' }, collectedAt: '2026-11-24T10:00:00.000Z', scope: { accounts: [], regions: [] }, sha256: '' },
      accounts: {},
      errors: [],
    } as unknown as Snapshot;
    snapshot.manifest.sha256 = snapshotHash(snapshot);
    const file = join(await mkdtemp(join(tmpdir(), 'soc2-verify-')), 'snapshot.json');
    await writeFile(file, JSON.stringify(snapshot));
    const run = await runCli(['verify', file]);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `soc2: ${file}: not a snapshot: manifest.caller is missing\n` });
  });
});
