import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULT_STATUSES, type QuotedException, type ResultsDocument, type ResultStatus, type RuleResult } from '../../src/evaluate/results.ts';
import { globMatches } from '../../src/glob.ts';
import { applyExceptions, loadExceptions, type ExceptionsFile } from '../../src/rules/exceptions.ts';
import { UserError } from '../../src/user-error.ts';
import { PROJECT_ROOT } from '../../src/version.ts';
import { formatProblem } from '../../src/yaml-source.ts';
import { snapshotHash } from '../../src/snapshot/io.ts';
import { fixture } from '../evaluate/support.ts';
import { runCli } from '../support/cli.ts';

// Relative paths, as a user types them: messages name files as given.
const FIXTURES = 'test/fixtures/exceptions';
const STANDARD_10 = `${FIXTURES}/standard-10`;
const SOC2_AWS_IDS = [
  'cloudtrail-kms-encryption', 'cloudtrail-log-file-validation', 'cloudtrail-multi-region-logging', 'config-delivery-channel',
  'config-recorder-all-regions', 'iam-access-key-rotation', 'iam-console-user-mfa', 'iam-password-policy-strength', 'iam-root-mfa',
  'iam-unused-credentials',
];

const soc2 = (...args: string[]) => runCli(args, { cwd: PROJECT_ROOT });

async function loadError(file: string): Promise<string> {
  const error = await loadExceptions(file, SOC2_AWS_IDS).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return (error as UserError).message;
}

describe('ARN globs', () => {
  it.each([
    ['arn:aws:iam::111122223333:user/*', 'arn:aws:iam::111122223333:user/team/alice', true],
    ['arn:aws:iam::*:root', 'arn:aws:iam::111122223333:root', true],
    ['*', 'arn:aws:s3:::bucket', true],
    ['arn:aws:iam::111122223333:user/b?b', 'arn:aws:iam::111122223333:user/bob', true],
    ['arn:aws:iam::111122223333:user/b?b', 'arn:aws:iam::111122223333:user/bb', false],
    ['arn:aws:iam::111122223333:user/bob', 'arn:aws:iam::111122223333:user/bobby', false],
    ['arn:aws:iam::111122223333:user/*bob', 'arn:aws:iam::111122223333:user/bob', true],
    ['arn:aws:s3:::logs.example.com', 'arn:aws:s3:::logsXexample.com', false],
    ['arn:aws:s3:::a+(b)[c]', 'arn:aws:s3:::a+(b)[c]', true],
    ['', '', true],
    ['', 'x', false],
  ])('%j matches %j: %s', (pattern, text, matches) => {
    expect(globMatches(pattern, text)).toBe(matches);
  });

  it('take linear time on patterns that make a backtracking RegExp blow up', () => {
    const started = performance.now();
    expect(globMatches(`${'*a'.repeat(30)}b`, 'a'.repeat(20_000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('loadExceptions', () => {
  it('reads every exception with where it is written', async () => {
    const { exceptions, warnings } = await loadExceptions(`${FIXTURES}/valid.yaml`, SOC2_AWS_IDS);
    expect(warnings).toEqual([]);
    expect(exceptions.map((e) => [e.quote.rule, e.line, e.col])).toEqual([
      ['iam-unused-credentials', 3, 5],
      ['iam-console-user-mfa', 9, 5],
      ['iam-root-mfa', 15, 5],
      ['cloudtrail-multi-region-logging', 21, 5],
      ['cloudtrail-kms-encryption', 27, 5],
    ]);
    expect(exceptions[0]!.quote).toEqual({
      rule: 'iam-unused-credentials',
      resource: 'arn:aws:iam::111122223333:user/b*',
      reason: 'Break-glass users are kept for incidents; their use is alerted on.',
      owner: 'platform@example.com',
      approvedBy: 'ciso@example.com',
      expires: '2026-11-24',
    });
  });

  it('refuses missing reason, owner, approver or expiry, an empty reason, a date in another format, unknown fields', async () => {
    const file = `${FIXTURES}/broken-schema.yaml`;
    expect(await loadError(file)).toBe(
      [
        `${file}:2:5: exceptions.0: missing required field "reason"`,
        `${file}:7:5: exceptions.1: missing required field "approvedBy"`,
        `${file}:7:5: exceptions.1: missing required field "expires"`,
        `${file}:7:5: exceptions.1: missing required field "owner"`,
        `${file}:12:13: exceptions.2.reason must NOT have fewer than 1 characters`,
        `${file}:15:14: exceptions.2.expires must match pattern "^\\d{4}-\\d{2}-\\d{2}$"`,
        `${file}:16:5: exceptions.2: unknown field "ticket"`,
      ].join('\n'),
    );
  });

  it('refuses an unknown rule id (naming the closest ones) and a date the calendar lacks', async () => {
    const file = `${FIXTURES}/broken-refs.yaml`;
    expect(await loadError(file)).toBe(
      [
        `${file}:2:11: exceptions.0.rule: unknown rule "iam-root-mfaa" (closest rule ids in the packs: iam-root-mfa, iam-console-user-mfa, ` +
          'iam-unused-credentials, iam-access-key-rotation, config-delivery-channel)',
        `${file}:7:14: exceptions.0.expires: 2027-02-30 is not a date in the calendar`,
      ].join('\n'),
    );
  });
});

describe('applyExceptions', () => {
  const ALICE = 'arn:aws:iam::111122223333:user/alice';
  const BOB = 'arn:aws:iam::111122223333:user/bob';

  function result(rule: string, status: ResultStatus, resource: string | null): RuleResult {
    return { rule, title: `${rule} title`, criteria: ['CC6.1'], severity: 'high', tags: [], status, resource, pointer: null, evidence: [], checks: [] };
  }

  function results(list: RuleResult[], collectedAt = '2026-11-24T10:00:00.000Z'): ResultsDocument {
    const summary = Object.fromEntries(RESULT_STATUSES.map((s) => [s, list.filter((r) => r.status === s).length])) as ResultsDocument['summary'];
    return { schemaVersion: 1, tool: { name: 'soc2-evidence', version: '0.1.0' }, snapshot: { sha256: 'f'.repeat(64), collectedAt }, packs: [], summary, results: list };
  }

  function exceptions(...quotes: Partial<QuotedException>[]): ExceptionsFile {
    return {
      warnings: [],
      exceptions: quotes.map((quote, i) => ({
        quote: { rule: 'mfa', resource: '*', reason: 'accepted', owner: 'owner@example.com', approvedBy: 'ciso@example.com', expires: '2027-01-31', ...quote },
        file: 'exceptions.yaml',
        line: 2 + i * 6,
        col: 5,
      })),
    };
  }

  it('waives a matching failure, quoting the exception, and keeps the summary right', () => {
    const doc = results([result('mfa', 'fail', ALICE), result('mfa', 'fail', BOB), result('other', 'fail', BOB)]);
    const file = exceptions({ resource: 'arn:aws:iam::111122223333:user/a*' });
    const { results: waived, warnings } = applyExceptions(doc, file);
    expect(waived.results.map((r) => r.status)).toEqual(['waived', 'fail', 'fail']);
    expect(waived.results[0]).toMatchObject({
      exception: file.exceptions[0]!.quote,
      message: 'waived until 2027-01-31 by an exception of owner@example.com, approved by ciso@example.com: accepted',
    });
    expect(waived.summary).toEqual({ pass: 0, fail: 2, error: 0, 'not-applicable': 0, waived: 1 });
    expect(waived.exceptions).toEqual({ applied: [{ exception: file.exceptions[0]!.quote, resources: [ALICE] }], expired: [], unused: [] });
    expect(warnings).toEqual([]);
  });

  it('never changes pass, error or not-applicable, and reports an exception that waived nothing', () => {
    const doc = results([result('mfa', 'pass', ALICE), result('mfa', 'error', BOB), result('mfa', 'not-applicable', 'arn:aws:iam::111122223333:root')]);
    const { results: after, warnings } = applyExceptions(doc, exceptions({}, { rule: 'other' }));
    expect(after.results).toEqual(doc.results);
    expect(after.summary).toEqual(doc.summary);
    expect(after.exceptions!.unused.map((e) => e.rule)).toEqual(['mfa', 'other']);
    expect(warnings.map(formatProblem)).toEqual([
      'exceptions.yaml:2:5: warning: exception for mfa on * waived no failure: it matches 3 results and none failed; 1 is an error, ' +
        'and an error is never waived: collect the missing data',
      'exceptions.yaml:8:5: warning: exception for other on * waived no failure: it matches no result; check its rule and resource ' +
        'pattern, or remove it if the resource is gone',
    ]);
  });

  it('judges expiry at the snapshot\'s collectedAt: the expiry date is the last day it applies', () => {
    const file = exceptions({ expires: '2026-11-24' });
    const onTheDay = applyExceptions(results([result('mfa', 'fail', ALICE)], '2026-11-24T23:59:59.999Z'), file);
    expect(onTheDay.results.results[0]!.status).toBe('waived');
    const dayAfter = applyExceptions(results([result('mfa', 'fail', ALICE)], '2026-11-25T00:00:00.000Z'), file);
    expect(dayAfter.results.results[0]!.status).toBe('fail');
    expect(dayAfter.results.summary.fail).toBe(1);
    expect(dayAfter.results.exceptions).toEqual({ applied: [], expired: [{ exception: file.exceptions[0]!.quote, resources: [ALICE] }], unused: [] });
    expect(dayAfter.warnings.map(formatProblem)).toEqual([
      'exceptions.yaml:2:5: warning: exception for mfa on * expired on 2026-11-24, before the snapshot was collected ' +
        '(2026-11-25T00:00:00.000Z): not applied to 1 failure',
    ]);
  });

  it('lets the first exception in force waive a failure, after an expired one', () => {
    const file = exceptions({ expires: '2020-01-01' }, { reason: 'second' }, { reason: 'third' });
    const { results: after } = applyExceptions(results([result('mfa', 'fail', ALICE)]), file);
    expect(after.results[0]!.exception!.reason).toBe('second');
    expect(after.exceptions!.applied.map((a) => a.exception.reason)).toEqual(['second']);
    expect(after.exceptions!.expired.map((a) => a.exception.expires)).toEqual(['2020-01-01']);
    expect(after.exceptions!.unused.map((e) => e.reason)).toEqual(['third']);
  });

  it('leaves its input alone', () => {
    const doc = results([result('mfa', 'fail', ALICE)]);
    const before = structuredClone(doc);
    applyExceptions(doc, exceptions({}));
    expect(doc).toEqual(before);
  });
});

describe('soc2 evaluate --exceptions', () => {
  let dir: string;
  let snapshotFile: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'soc2-exceptions-'));
    const snapshot = fixture();
    snapshot.manifest.sha256 = snapshotHash(snapshot);
    snapshotFile = join(dir, 'snapshot.json');
    await writeFile(snapshotFile, JSON.stringify(snapshot));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('records what each exception did in the results, and warns on stderr', async () => {
    const output = join(dir, 'results.json');
    const run = await soc2('evaluate', snapshotFile, '--pack', STANDARD_10, '--exceptions', `${FIXTURES}/valid.yaml`, '-o', output);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')).toEqual([
      `${FIXTURES}/valid.yaml:9:5: warning: exception for iam-console-user-mfa on arn:aws:iam::111122223333:user/bob expired on 2026-11-23, ` +
        'before the snapshot was collected (2026-11-24T10:00:00.000Z): not applied to 1 failure',
      `${FIXTURES}/valid.yaml:15:5: warning: exception for iam-root-mfa on arn:aws:iam::111122223333:root waived no failure: ` +
        'it matches 1 result and none failed: remove it',
      `${FIXTURES}/valid.yaml:21:5: warning: exception for cloudtrail-multi-region-logging on arn:aws:iam::*:root waived no failure: ` +
        'it matches 1 result and none failed; 1 is an error, and an error is never waived: collect the missing data',
      `${FIXTURES}/valid.yaml:27:5: warning: exception for cloudtrail-kms-encryption on arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trial ` +
        'waived no failure: it matches no result; check its rule and resource pattern, or remove it if the resource is gone',
      '',
    ]);
    const doc = JSON.parse(await readFile(output, 'utf8')) as ResultsDocument;
    expect(doc.summary).toEqual({ pass: 4, fail: 6, error: 3, 'not-applicable': 9, waived: 1 });
    expect(doc.results.filter((r) => r.status === 'waived').map((r) => [r.rule, r.resource])).toEqual([
      ['iam-unused-credentials', 'arn:aws:iam::111122223333:user/bob'],
    ]);
    expect(doc.exceptions!.applied).toEqual([{ exception: expect.objectContaining({ resource: 'arn:aws:iam::111122223333:user/b*' }), resources: ['arn:aws:iam::111122223333:user/bob'] }]);
    expect(doc.exceptions!.expired.map((e) => e.resources)).toEqual([['arn:aws:iam::111122223333:user/bob']]);
    expect(doc.exceptions!.unused.map((e) => e.rule)).toEqual(['iam-root-mfa', 'cloudtrail-multi-region-logging', 'cloudtrail-kms-encryption']);
  });

  it('exits 0 when every failure is waived', async () => {
    const file = join(dir, 'users.yaml');
    await writeFile(
      file,
      'exceptions:\n  - { rule: has-users, resource: "arn:aws:iam::111122223333:root", reason: a test, owner: me, approvedBy: you, expires: 2030-01-01 }\n',
    );
    const run = await soc2('evaluate', snapshotFile, '--pack', 'test/fixtures/rule-tests/failing', '--param', 'minimumUsers=1000', '--exceptions', file);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as ResultsDocument).summary).toEqual({ pass: 0, fail: 0, error: 0, 'not-applicable': 0, waived: 1 });
  });

  it('refuses a broken exceptions file before evaluating (exit 2)', async () => {
    const run = await soc2('evaluate', snapshotFile, '--pack', STANDARD_10, '--exceptions', `${FIXTURES}/broken-refs.yaml`);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`soc2: ${await loadError(`${FIXTURES}/broken-refs.yaml`)}\n`);
  });
});
