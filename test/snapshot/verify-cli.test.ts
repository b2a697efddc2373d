// `soc2 verify` run as a user runs it, on intact snapshots that lack what the collector always records.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotHash } from '../../src/snapshot/io.ts';
import type { Snapshot } from '../../src/snapshot/schema.ts';
import { runCli } from '../support/cli.ts';

describe('soc2 verify', () => {
  it('reports an intact snapshot without a recorded caller, rather than failing with an internal error', async () => {
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
    expect(run).toEqual({ code: 0, stdout: `${file}: OK, sha256 ${snapshot.manifest.sha256}, collected 2026-11-24T10:00:00.000Z by (no caller recorded)\n`, stderr: '' });
  });
});
