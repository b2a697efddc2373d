// The whole pipeline as a user runs it: seed moto through the real AWS APIs, `soc2 snapshot`, `soc2 verify`,
// `soc2 evaluate` with the standard pack, and the exact verdicts.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePointer } from '../src/pointer.ts';
import type { ResultsDocument } from '../src/evaluate/results.ts';
import type { Snapshot } from '../src/snapshot/schema.ts';
import { EXAMPLE_ACCOUNT, seedExampleScenario } from '../examples/scenario.ts';
import { runCli, type CliRun } from './support/cli.ts';
import { startMoto, TEST_CREDENTIALS, type Moto } from './support/moto.ts';

function soc2(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(args, { env });
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
    expect(strict.stderr).toContain(`wrote ${join(dir, 'strict.json')}: account ${EXAMPLE_ACCOUNT}, 1 region,`);
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
    const snapshot = JSON.parse(await readFile(snapshotFile, 'utf8')) as Snapshot;
    const account = EXAMPLE_ACCOUNT;
    const named = namedByScenario(snapshot);
    // Sorted here: the evaluator sorts by ARN, and moto makes up the ids in some of them on every run.
    expect(results.results.map((r) => `${r.rule} ${named(r.resource)} ${r.status}`).sort()).toEqual([
      `account-security-contact arn:aws:iam::${account}:root pass`,
      `cloudtrail-kms-encryption arn:aws:cloudtrail:eu-west-1:${account}:trail/eu-data-events pass`,
      `cloudtrail-kms-encryption arn:aws:cloudtrail:us-east-1:${account}:trail/org-audit fail`,
      `cloudtrail-log-file-validation arn:aws:cloudtrail:eu-west-1:${account}:trail/eu-data-events fail`,
      `cloudtrail-log-file-validation arn:aws:cloudtrail:us-east-1:${account}:trail/org-audit pass`,
      `cloudtrail-multi-region-logging arn:aws:iam::${account}:root pass`,
      `cloudwatch-log-retention arn:aws:logs:us-east-1:${account}:log-group:/aws/lambda/orders-api fail`,
      `cloudwatch-log-retention arn:aws:logs:us-east-1:${account}:log-group:/vpc/flow-logs pass`,
      `config-delivery-channel arn:aws:config:eu-west-1:${account}: not-applicable`,
      `config-delivery-channel arn:aws:config:us-east-1:${account}: pass`,
      `config-recorder-all-regions arn:aws:config:eu-west-1:${account}: fail`,
      `config-recorder-all-regions arn:aws:config:us-east-1:${account}: pass`,
      `ec2-ebs-default-encryption arn:aws:ec2:eu-west-1:${account}: fail`,
      `ec2-ebs-default-encryption arn:aws:ec2:us-east-1:${account}: pass`,
      `ec2-no-public-admin-ports arn:aws:ec2:eu-west-1:${account}:security-group/(default) pass`,
      `ec2-no-public-admin-ports arn:aws:ec2:eu-west-1:${account}:security-group/(remote-desktop) fail`,
      `ec2-no-public-admin-ports arn:aws:ec2:us-east-1:${account}:security-group/(bastion) fail`,
      `ec2-no-public-admin-ports arn:aws:ec2:us-east-1:${account}:security-group/(default) pass`,
      `ec2-no-public-admin-ports arn:aws:ec2:us-east-1:${account}:security-group/(web) pass`,
      `guardduty-enabled arn:aws:guardduty:eu-west-1:${account}: fail`,
      `guardduty-enabled arn:aws:guardduty:us-east-1:${account}: pass`,
      `iam-access-key-rotation arn:aws:iam::${account}:user/alice not-applicable`,
      `iam-access-key-rotation arn:aws:iam::${account}:user/bob not-applicable`,
      `iam-access-key-rotation arn:aws:iam::${account}:user/service/ci-deploy pass`,
      `iam-console-user-mfa arn:aws:iam::${account}:user/alice pass`,
      `iam-console-user-mfa arn:aws:iam::${account}:user/bob fail`,
      `iam-console-user-mfa arn:aws:iam::${account}:user/service/ci-deploy not-applicable`,
      `iam-no-full-admin-policies arn:aws:iam::${account}:policy/break-glass-admin fail`,
      `iam-no-full-admin-policies arn:aws:iam::${account}:policy/deploy-artifacts pass`,
      `iam-password-policy-strength arn:aws:iam::${account}:root fail`,
      `iam-root-mfa arn:aws:iam::${account}:root fail`,
      `iam-unused-credentials arn:aws:iam::${account}:user/alice pass`,
      `iam-unused-credentials arn:aws:iam::${account}:user/bob pass`,
      `iam-unused-credentials arn:aws:iam::${account}:user/service/ci-deploy pass`,
      `kms-key-rotation arn:aws:kms:eu-west-1:${account}:key/(trail logs) fail`,
      `kms-key-rotation arn:aws:kms:us-east-1:${account}:key/(customer data) pass`,
      `kms-key-rotation arn:aws:kms:us-east-1:${account}:key/(release signing) not-applicable`,
      `s3-account-public-access-block arn:aws:iam::${account}:root fail`,
      `vpc-flow-logs arn:aws:ec2:eu-west-1:${account}:vpc/(default) fail`,
      `vpc-flow-logs arn:aws:ec2:us-east-1:${account}:vpc/(default) pass`,
    ]);
    expect(results.summary).toMatchObject({ pass: 20, fail: 15, error: 0, 'not-applicable': 5 });
    expect(results.snapshot.sha256).toBe(snapshot.manifest.sha256);

    // Evidence names where each verdict came from: bob's missing MFA, by pointer and value.
    const bob = results.results.find((r) => r.rule === 'iam-console-user-mfa' && r.resource?.endsWith('user/bob'))!;
    const bobRow = snapshot.accounts[account]!.iam.credentialReport!.findIndex((row) => row.user === 'bob');
    expect(bob.evidence).toContainEqual({ pointer: `/accounts/${account}/iam/credentialReport/${bobRow}/mfaActive`, value: false });
    // ... and the bastion's rule that lets the world reach SSH.
    const bastion = results.results.find((r) => r.rule === 'ec2-no-public-admin-ports' && named(r.resource)?.endsWith('(bastion)'))!;
    const groups = snapshot.accounts[account]!.regions['us-east-1']!.ec2.securityGroups!;
    const rule = `/accounts/${account}/regions/us-east-1/ec2/securityGroups/${groups.findIndex((g) => g.groupName === 'bastion')}/ingress/0`;
    expect(bastion.evidence).toContainEqual({ pointer: `${rule}/cidrIpv4`, value: '0.0.0.0/0' });
    expect(bastion.evidence).toContainEqual({ pointer: `${rule}/fromPort`, value: 22 });
    // Every pointer resolves, in the snapshot the results name, to exactly the value the evidence quotes.
    const quoted = results.results.flatMap((r) => r.evidence);
    expect(quoted.length).toBeGreaterThan(100);
    expect(quoted.filter((e) => !isDeepStrictEqual(resolvePointer(snapshot, e.pointer), e.value))).toEqual([]);

    const again = join(dir, 'results-again.json');
    await soc2(['evaluate', snapshotFile, '--pack', 'rules/soc2-aws', '-o', again]);
    expect(await readFile(again, 'utf8')).toBe(await readFile(resultsFile, 'utf8'));
  });
});

/** Names resources whose ARNs hold an id moto made up by what the scenario called them: `security-group/(bastion)`. */
function namedByScenario(snapshot: Snapshot): (arn: string | null) => string | null {
  const names = new Map<string, string>();
  for (const region of Object.values(snapshot.accounts[EXAMPLE_ACCOUNT]!.regions)) {
    for (const key of region.kms.keys ?? []) names.set(key.arn, key.arn.replace(key.keyId, `(${key.description})`));
    for (const group of region.ec2.securityGroups ?? []) names.set(group.arn, group.arn.replace(group.groupId, `(${group.groupName})`));
    for (const vpc of region.ec2.vpcs ?? []) names.set(vpc.arn, vpc.arn.replace(vpc.vpcId, vpc.isDefault ? '(default)' : vpc.vpcId));
  }
  return (arn) => (arn === null ? null : (names.get(arn) ?? arn));
}
