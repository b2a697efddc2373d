import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import { loadPacks } from '../../src/rules/loader.ts';
import { stableStringify } from '../../src/snapshot/canonical.ts';
import { snapshotHash } from '../../src/snapshot/io.ts';
import type { Snapshot } from '../../src/snapshot/schema.ts';
import { fixture } from './support.ts';
import { runCli } from '../support/cli.ts';

const PACK = `name: cli-test
version: 1.0.0
description: Rules for the evaluate command's tests.
parameters:
  minimumUsers: 1
`;

const USERS_RULE = `id: iam-has-users
title: The account has at least some IAM users
criteria: [CC6.1]
severity: low
select: $.accounts.*
conditions:
  all:
    - { fact: resource, path: $.iam.accountSummary.Users, operator: greaterThanInclusive, value: { param: minimumUsers } }
evidence: [$.accountId]
rationale: A test.
remediation: None.
`;

const soc2 = (...args: string[]) => runCli(args);

describe('soc2 evaluate', () => {
  let dir: string;
  let snapshotFile: string;
  let packDir: string;
  let snapshot: Snapshot;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'soc2-evaluate-'));
    snapshot = fixture();
    snapshot.manifest.sha256 = snapshotHash(snapshot);
    snapshotFile = join(dir, 'snapshot.json');
    await writeFile(snapshotFile, JSON.stringify(snapshot));
    packDir = join(dir, 'pack');
    await mkdir(packDir);
    await writeFile(join(packDir, 'pack.yaml'), PACK);
    await writeFile(join(packDir, 'iam-has-users.yaml'), USERS_RULE);
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('prints the results document and exits 0 when nothing fails', async () => {
    const run = await soc2('evaluate', snapshotFile, '--pack', packDir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(stableStringify(await evaluate(snapshot, await loadPacks([packDir]))));
    expect(JSON.parse(run.stdout).summary).toEqual({ pass: 1, fail: 0, error: 0, 'not-applicable': 0, waived: 0 });
  });

  it('applies --param, writes the document with -o, shows the table, and exits 1 on a failure', async () => {
    const output = join(dir, 'results.json');
    const run = await soc2('evaluate', snapshotFile, '--pack', packDir, '--param', 'minimumUsers=3', '-o', output);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('pass 0   fail 1   error 0');
    expect(run.stdout).toContain('  FAIL   low           iam-has-users\n');
    const written = JSON.parse(await readFile(output, 'utf8'));
    expect(written.packs[0].parameters).toEqual({ minimumUsers: 3 });
    expect(written.results[0]).toMatchObject({ status: 'fail', checks: [{ expected: 3, actual: 2 }] });
  });

  it('refuses a snapshot whose content does not match its hash, with exit 2', async () => {
    const tampered = join(dir, 'tampered.json');
    await writeFile(tampered, JSON.stringify({ ...snapshot, errors: [] }));
    const run = await soc2('evaluate', tampered, '--pack', packDir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("the snapshot's content does not match its manifest");
  });

  it('refuses bad flags with exit 2', async () => {
    expect(await soc2('evaluate', snapshotFile)).toMatchObject({ code: 2, stderr: 'soc2: evaluate needs at least one --pack <dir>\n' });
    expect((await soc2('evaluate', snapshotFile, '--pack', packDir, '--param', 'minimumUsers')).code).toBe(2);
    expect((await soc2('evaluate', snapshotFile, '--pack', packDir, '--format', 'xml')).code).toBe(2);
  });
});
