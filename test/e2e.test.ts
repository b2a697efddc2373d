// The whole pipeline as a user runs it: seed moto through the real AWS APIs, `soc2 snapshot`, `soc2 verify`,
// `soc2 evaluate` with the standard pack, and the exact verdicts.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsDocument } from '../src/evaluate/results.ts';
import type { Snapshot } from '../src/snapshot/schema.ts';
import { EXAMPLE_ACCOUNT, seedExampleScenario } from '../examples/scenario.ts';
import { startMoto, TEST_CREDENTIALS, type Moto } from './support/moto.ts';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', 'cli.ts');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function soc2(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('snapshot, verify and evaluate the example scenario end to end', () => {
  let moto: Moto;
  let dir: string;
  let snapshotFile: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    moto = await startMoto();
    await seedExampleScenario({ endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });
    dir = await mkdtemp(join(tmpdir(), 'soc2-e2e-'));
    snapshotFile = join(dir, 'snapshot.json');
    env = {
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      AWS_REGION: 'us-east-1',
    };
  });
  afterAll(async () => moto?.stop());

  it('snapshots the account and says what it could not collect', async () => {
    const outcome = await soc2(
      ['snapshot', '--endpoint-url', moto.endpoint, '--regions', 'us-east-1,eu-west-1', '--max-attempts', '2', '-o', snapshotFile],
      env,
    );
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toMatch(new RegExp(`^wrote ${snapshotFile}: account ${EXAMPLE_ACCOUNT}, 2 regions, \\d+ API requests, sha256 [0-9a-f]{64}\\n`));
    const snapshot = JSON.parse(await readFile(snapshotFile, 'utf8')) as Snapshot;
    expect(snapshot.manifest.caller.account).toBe(EXAMPLE_ACCOUNT);
    expect(snapshot.manifest.scope).toEqual({ accounts: [EXAMPLE_ACCOUNT], regions: ['eu-west-1', 'us-east-1'] });
    // Everything moto could not answer is recorded, with the place it would have filled.
    const recorded = snapshot.errors.map((e) => `${e.code} ${e.pointer}`);
    expect(outcome.stderr).toContain(`${snapshot.errors.length} collection errors recorded in the snapshot's "errors"`);
    expect(recorded).toContain(`Unsupported /accounts/${EXAMPLE_ACCOUNT}/regions/us-east-1/accessAnalyzer/analyzers`);

    // The endpoint from AWS_ENDPOINT_URL, as the SDK and the AWS CLI honour it.
    const strict = await soc2(['snapshot', '--regions', 'us-east-1', '--max-attempts', '2', '--strict', '-o', join(dir, 'strict.json')], {
      ...env,
      AWS_ENDPOINT_URL: moto.endpoint,
    });
    expect(strict.code).toBe(3);
    expect(strict.stderr).toContain(`wrote ${join(dir, 'strict.json')}: account ${EXAMPLE_ACCOUNT}, 1 regions`);
  });

  it('verifies the snapshot, and refuses it once a byte of evidence changes', async () => {
    expect((await soc2(['verify', snapshotFile])).code).toBe(0);
    const tampered = join(dir, 'tampered.json');
    await writeFile(tampered, (await readFile(snapshotFile, 'utf8')).replace('"logFileValidationEnabled": false', '"logFileValidationEnabled": true'));
    const verify = await soc2(['verify', tampered]);
    expect(verify.code).toBe(2);
    expect(verify.stderr).toContain("the snapshot's content does not match its manifest");
    const evaluate = await soc2(['evaluate', tampered, '--pack', 'rules/soc2-aws']);
    expect(evaluate.code).toBe(2);
    expect(evaluate.stdout).toBe('');
  });

  it('evaluates the standard pack with exactly the expected verdicts, byte-identical on every run', async () => {
    const resultsFile = join(dir, 'results.json');
    const outcome = await soc2(['evaluate', snapshotFile, '--pack', 'rules/soc2-aws', '-o', resultsFile]);
    expect(outcome.code).toBe(1);
    const results = JSON.parse(await readFile(resultsFile, 'utf8')) as ResultsDocument;
    const account = EXAMPLE_ACCOUNT;
    expect(results.results.map((r) => `${r.rule} ${r.resource} ${r.status}`)).toEqual([
      `cloudtrail-kms-encryption arn:aws:cloudtrail:eu-west-1:${account}:trail/eu-data-events pass`,
      `cloudtrail-kms-encryption arn:aws:cloudtrail:us-east-1:${account}:trail/org-audit fail`,
      `cloudtrail-log-file-validation arn:aws:cloudtrail:eu-west-1:${account}:trail/eu-data-events fail`,
      `cloudtrail-log-file-validation arn:aws:cloudtrail:us-east-1:${account}:trail/org-audit pass`,
      `cloudtrail-multi-region-logging arn:aws:iam::${account}:root pass`,
      `config-delivery-channel arn:aws:config:eu-west-1:${account}: not-applicable`,
      `config-delivery-channel arn:aws:config:us-east-1:${account}: pass`,
      `config-recorder-all-regions arn:aws:config:eu-west-1:${account}: fail`,
      `config-recorder-all-regions arn:aws:config:us-east-1:${account}: pass`,
      `iam-access-key-rotation arn:aws:iam::${account}:user/alice not-applicable`,
      `iam-access-key-rotation arn:aws:iam::${account}:user/bob not-applicable`,
      `iam-access-key-rotation arn:aws:iam::${account}:user/service/ci-deploy pass`,
      `iam-console-user-mfa arn:aws:iam::${account}:user/alice pass`,
      `iam-console-user-mfa arn:aws:iam::${account}:user/bob fail`,
      `iam-console-user-mfa arn:aws:iam::${account}:user/service/ci-deploy not-applicable`,
      `iam-password-policy-strength arn:aws:iam::${account}:root fail`,
      `iam-root-mfa arn:aws:iam::${account}:root fail`,
      `iam-unused-credentials arn:aws:iam::${account}:user/alice pass`,
      `iam-unused-credentials arn:aws:iam::${account}:user/bob pass`,
      `iam-unused-credentials arn:aws:iam::${account}:user/service/ci-deploy pass`,
    ]);
    expect(results.summary).toMatchObject({ pass: 10, fail: 6, error: 0, 'not-applicable': 4 });
    expect(results.snapshot.sha256).toBe((JSON.parse(await readFile(snapshotFile, 'utf8')) as Snapshot).manifest.sha256);

    // Evidence names where each verdict came from: bob's missing MFA, by pointer and value.
    const bob = results.results.find((r) => r.rule === 'iam-console-user-mfa' && r.resource?.endsWith('user/bob'))!;
    const snapshot = JSON.parse(await readFile(snapshotFile, 'utf8')) as Snapshot;
    const bobRow = snapshot.accounts[account]!.iam.credentialReport!.findIndex((row) => row.user === 'bob');
    expect(bob.evidence).toContainEqual({ pointer: `/accounts/${account}/iam/credentialReport/${bobRow}/mfaActive`, value: false });

    const again = join(dir, 'results-again.json');
    await soc2(['evaluate', snapshotFile, '--pack', 'rules/soc2-aws', '-o', again]);
    expect(await readFile(again, 'utf8')).toBe(await readFile(resultsFile, 'utf8'));
  });
});
