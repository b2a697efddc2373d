import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJsonAtomic } from '../../src/fs-atomic.ts';
import { readSnapshot, snapshotHash } from '../../src/snapshot/io.ts';
import type { Snapshot } from '../../src/snapshot/schema.ts';
import { UserError } from '../../src/user-error.ts';

function minimalSnapshot(): Snapshot {
  const snapshot: Snapshot = {
    schemaVersion: 1,
    manifest: {
      tool: { name: 'soc2-evidence', version: '0.1.0' },
      collectedAt: '2026-11-24T10:00:00.000Z',
      caller: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/auditor', userId: 'AIDA' },
      scope: { accounts: ['123456789012'], regions: ['us-east-1'] },
      sha256: '',
    },
    accounts: {},
    errors: [],
  };
  snapshot.manifest.sha256 = snapshotHash(snapshot);
  return snapshot;
}

async function written(content: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'soc2-io-')), 'snapshot.json');
  await writeFile(file, content);
  return file;
}

async function refusal(file: string): Promise<string> {
  const error = await readSnapshot(file).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return (error as UserError).message;
}

describe('snapshot files', () => {
  it('reads back what was written, whatever the key order or whitespace', async () => {
    const snapshot = minimalSnapshot();
    const file = join(await mkdtemp(join(tmpdir(), 'soc2-io-')), 'snapshot.json');
    await writeJsonAtomic(file, snapshot);
    expect(await readSnapshot(file)).toEqual(snapshot);
    const reordered = await written(JSON.stringify({ errors: [], accounts: {}, manifest: snapshot.manifest, schemaVersion: 1 }));
    expect((await readSnapshot(reordered)).manifest.sha256).toBe(snapshot.manifest.sha256);
  });

  it('hashes the canonical form, so the hash is that of RFC 8785 JSON without manifest.sha256', () => {
    const snapshot = minimalSnapshot();
    expect(snapshot.manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshotHash({ ...snapshot, manifest: { ...snapshot.manifest, sha256: 'anything' } })).toBe(snapshot.manifest.sha256);
    expect(snapshotHash({ ...snapshot, errors: [{ account: '1', region: 'global', service: 'iam', operation: 'X', code: 'C', message: 'm', pointer: '/x' }] })).not.toBe(snapshot.manifest.sha256);
  });

  it('refuses a snapshot changed after it was written', async () => {
    const snapshot = minimalSnapshot();
    const tampered = { ...snapshot, manifest: { ...snapshot.manifest, collectedAt: '2027-01-01T00:00:00.000Z' } };
    const message = await refusal(await written(JSON.stringify(tampered)));
    expect(message).toContain(`manifest.sha256 is ${snapshot.manifest.sha256}, the content hashes to `);
    expect(message).toContain('The file was changed after it was written');
  });

  it('refuses files that are not snapshots, saying why', async () => {
    expect(await refusal(await written('{"schemaVersion": 1, '))).toMatch(/not a snapshot: the file is not valid JSON/);
    expect(await refusal(await written('[]'))).toMatch(/not a snapshot: the top level is not an object$/);
    expect(await refusal(await written('{"schemaVersion": 2}'))).toMatch(/schemaVersion is 2; this version of the tool reads 1$/);
    const noHash = { ...minimalSnapshot(), manifest: { ...minimalSnapshot().manifest, sha256: 'abc' } };
    expect(await refusal(await written(JSON.stringify(noHash)))).toMatch(/manifest.sha256 is missing or not a SHA-256$/);
    expect(await refusal('/nonexistent/snapshot.json')).toMatch(/cannot read the snapshot: ENOENT/);
  });

  it('writes what it hashed: a `__proto__` key (a legal AWS tag key), -0, large numbers and non-ASCII text read back verified', async () => {
    const snapshot = minimalSnapshot();
    const tags = Object.fromEntries([['__proto__', 'shadow'], ['env', 'prod']]);
    const odd = { tags, zero: -0, large: 1e21, beyond: 2 ** 60, text: 'café \u2028 \u{1F600}' };
    const withOdd = { ...snapshot, accounts: { '123456789012': odd } } as unknown as Snapshot;
    withOdd.manifest = { ...snapshot.manifest, sha256: snapshotHash(withOdd) };
    const file = join(await mkdtemp(join(tmpdir(), 'soc2-io-')), 'snapshot.json');
    await writeJsonAtomic(file, withOdd);
    const read = await readSnapshot(file);
    expect(read.manifest.sha256).toBe(withOdd.manifest.sha256);
    expect(Object.entries((read.accounts['123456789012'] as unknown as typeof odd).tags)).toEqual([['__proto__', 'shadow'], ['env', 'prod']]);
  });

  it('refuses a file whose text has a lone surrogate (no RFC 8785 form) as not a snapshot, not a crash', async () => {
    const snapshot = minimalSnapshot();
    const text = JSON.stringify({ ...snapshot, errors: [] }).replace('"errors":[]', '"errors":[],"x":"\\ud800"');
    expect(await refusal(await written(text))).toMatch(/not a snapshot: .*lone surrogate/i);
  });

  it('writes atomically: the file has the exact canonical bytes and no temp file is left', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'soc2-io-'));
    await writeJsonAtomic(join(dir, 'a.json'), { b: 1, a: { d: [2, 1], c: null } });
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('{\n  "a": {\n    "c": null,\n    "d": [\n      2,\n      1\n    ]\n  },\n  "b": 1\n}\n');
    expect(await readdir(dir)).toEqual(['a.json']);
  });
});

describe('writing where the user asked', () => {
  it('says which file could not be written and why, as a user error', async () => {
    const error = await writeJsonAtomic('/nonexistent-folder/results.json', {}).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('/nonexistent-folder/results.json: cannot write the file: its folder does not exist');
  });
});

describe('the envelope evaluation relies on', () => {
  async function refusalOf(change: (snapshot: Snapshot) => void): Promise<string> {
    const snapshot = minimalSnapshot();
    change(snapshot);
    snapshot.manifest.sha256 = snapshotHash(snapshot);
    return refusal(await written(JSON.stringify(snapshot)));
  }

  it('refuses a local or malformed collection time, on which every age-based verdict depends', async () => {
    expect(await refusalOf((s) => (s.manifest.collectedAt = '2026-11-24 10:00'))).toMatch(/manifest.collectedAt is not an ISO-8601 UTC timestamp/);
    expect(await refusalOf((s) => (s.manifest.collectedAt = '2026-11-24T10:00:00+02:00'))).toMatch(/not an ISO-8601 UTC timestamp/);
  });

  it('refuses a snapshot that covers no account, or whose parts are not what they claim', async () => {
    expect(await refusalOf((s) => (s.manifest.scope.accounts = []))).toMatch(/manifest.scope.accounts is empty: the snapshot covers no account$/);
    expect(await refusalOf((s) => delete (s.manifest as Partial<Snapshot['manifest']>).caller)).toMatch(/manifest.caller is missing$/);
    expect(await refusalOf((s) => ((s.accounts as Record<string, unknown>)['123456789012'] = null))).toMatch(/accounts.123456789012 is not an object$/);
    expect(await refusalOf((s) => ((s.errors as unknown[]) = [{ pointer: 3 }]))).toMatch(/errors\[0\] is not a collection error/);
  });
});
