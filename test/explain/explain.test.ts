import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainResult } from '../../src/format/explain-text.ts';
import { runCli } from '../support/cli.ts';

// results.json: `soc2 evaluate` of test/fixtures/snapshots/small.json with rules/soc2-aws and
// test/fixtures/exceptions/valid.yaml (which waives bob's unused credentials).
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'explain');
const RESULTS = join(FIXTURES, 'results.json');
const SNAPSHOT = 'b84c2b42ffa5ab3b028320dfe8d38821b283a1690619f43e5e97aa8610c9f097, collected 2026-11-24T10:00:00.000Z';

const soc2 = (...args: string[]) => runCli(args);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'soc2-explain-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('soc2 explain', () => {
  it("prints the rule once, then each result: checks with the value read, its pointer and verdict, evidence, collection errors", async () => {
    const run = await soc2('explain', RESULTS, '--rule', 'cloudtrail-kms-encryption');
    expect(run).toEqual({
      code: 0,
      stderr: '',
      stdout: `rule        cloudtrail-kms-encryption
title       Trails encrypt their log files with a KMS key
criteria    CC6.1
severity    medium
snapshot    ${SNAPSHOT}

resource    arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail
pointer     /accounts/111122223333/regions/us-east-1/cloudtrail/trails/0
status      fail
checks
  conditions.all[0]  false
    test  resource $.kmsKeyId notEqual null
    read  null at /accounts/111122223333/regions/us-east-1/cloudtrail/trails/0/kmsKeyId
evidence
  /accounts/111122223333/regions/us-east-1/cloudtrail/trails/0/kmsKeyId  null
  /accounts/111122223333/regions/us-east-1/cloudtrail/trails/0/name  "org-trail"
  /accounts/111122223333/regions/us-east-1/cloudtrail/trails/0/s3BucketName  "audit-logs"

resource    (none)
pointer     /accounts/111122223333/regions/eu-west-1/cloudtrail/trails
status      error
message     selection incomplete: not collected: /accounts/111122223333/regions/eu-west-1/cloudtrail/trails (cloudtrail:DescribeTrails AccessDeniedException)
collection errors
  cloudtrail:DescribeTrails AccessDeniedException at /accounts/111122223333/regions/eu-west-1/cloudtrail/trails
    "User is not authorized to perform cloudtrail:DescribeTrails"
`,
    });
  });

  it('narrows to one resource with --resource, and quotes the exception that waived it', async () => {
    const run = await soc2('explain', RESULTS, '--rule', 'iam-unused-credentials', '--resource', 'arn:aws:iam::111122223333:user/bob');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(await readFile(join(FIXTURES, 'expected-waived.txt'), 'utf8'));
  });

  it('names a result without an ARN by its pointer', async () => {
    const pointer = '/accounts/111122223333/regions/eu-west-1/cloudtrail/trails';
    const run = await soc2('explain', RESULTS, '--rule', 'cloudtrail-log-file-validation', '--resource', pointer);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(5, 9)).toEqual(['', 'resource    (none)', `pointer     ${pointer}`, 'status      error']);
    expect(run.stdout).not.toContain('trail/org-trail');
  });

  it('shows a count with its nested conditions, each labelled under params.where', async () => {
    const run = await soc2('explain', RESULTS, '--rule', 'iam-root-mfa');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      [
        'checks',
        '  conditions.all[0]  true',
        '    test  resource $.iam.accountSummary.AccountMFAEnabled equal 1',
        '    read  1 at /accounts/111122223333/iam/accountSummary/AccountMFAEnabled',
        '  conditions.all[1]  true',
        '    test  count equal 0',
        '    read  0 at /accounts/111122223333/iam/credentialReport',
        '  conditions.all[1].params.where.all[0]  true',
        '    test  item $.isRoot equal true',
        '    read  true at /accounts/111122223333/iam/credentialReport/0/isRoot',
      ].join('\n'),
    );
  });

  it('refuses an unknown rule id, listing the closest ones (exit 2)', async () => {
    expect(await soc2('explain', RESULTS, '--rule', 'iam-root-mfaa')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `soc2: ${RESULTS}: no results for rule "iam-root-mfaa"; the closest rule ids in these results: ` +
        'iam-root-mfa, iam-console-user-mfa, iam-unused-credentials, iam-access-key-rotation, config-delivery-channel\n',
    });
  });

  it('refuses a resource the rule did not judge, listing the closest ones (exit 2)', async () => {
    expect(await soc2('explain', RESULTS, '--rule', 'iam-console-user-mfa', '--resource', 'arn:aws:iam::111122223333:user/bobby')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `soc2: ${RESULTS}: rule iam-console-user-mfa has no result for resource "arn:aws:iam::111122223333:user/bobby"; ` +
        'the closest resources it judged: arn:aws:iam::111122223333:user/bob, arn:aws:iam::111122223333:user/alice, ' +
        'arn:aws:iam::111122223333:user/carol, arn:aws:iam::111122223333:root\n',
    });
  });

  it('needs --rule, and refuses a results document whose checks are damaged (exit 2)', async () => {
    expect((await soc2('explain', RESULTS)).code).toBe(2);
    const doc = JSON.parse(await readFile(RESULTS, 'utf8')) as { results: { rule: string; checks: unknown }[] };
    doc.results.find((r) => r.rule === 'iam-root-mfa')!.checks = [{ condition: 'conditions.all[0]' }];
    const damaged = join(dir, 'damaged.json');
    await writeFile(damaged, JSON.stringify(doc));
    expect(await soc2('explain', damaged, '--rule', 'iam-root-mfa')).toEqual({
      code: 2,
      stdout: '',
      stderr: `soc2: ${damaged}: not a results document of soc2 evaluate: result of iam-root-mfa: /checks/0 must have required property 'fact'\n`,
    });
  });
});

describe('a check over data that was not collected', () => {
  it('has no verdict: it is what made the result an error', () => {
    const lines = explainResult({
      rule: 'iam-password-policy-strength', title: 't', criteria: ['CC6.1'], severity: 'medium', tags: [], status: 'error',
      resource: 'arn:aws:iam::111122223333:root', pointer: '/accounts/111122223333',
      message: 'data not collected at /accounts/111122223333/iam/passwordPolicy',
      evidence: [{ pointer: '/accounts/111122223333/iam/passwordPolicy' }],
      checks: [
        { condition: 'conditions.all[0]', fact: 'resource', path: '$.iam.passwordPolicy', operator: 'notEqual', expected: null, pointer: '/accounts/111122223333/iam/passwordPolicy', result: true },
        { condition: 'conditions.all[1]', fact: 'resource', path: '$.arn', operator: 'equal', expected: 'x', pointer: '/accounts/111122223333/arn', actual: 'arn:aws:iam::111122223333:root', result: false },
      ],
    });
    expect(lines).toContain('  conditions.all[0]  not judged: the data is absent');
    expect(lines).toContain('    read  (absent) at /accounts/111122223333/iam/passwordPolicy');
    expect(lines).toContain('  conditions.all[1]  false');
  });
});
