import { mkdtemp, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPacks } from '../../src/rules/loader.ts';
import { DEFAULT_COLLECTED_AT, readRuleTestFile } from '../../src/rules/rule-test-file.ts';
import { snapshotHash } from '../../src/snapshot/io.ts';
import { PROJECT_ROOT } from '../../src/version.ts';
import { runCli } from '../support/cli.ts';

// Relative paths, as a user types them: the output names files as given.
const FIXTURES = 'test/fixtures/rule-tests';

const soc2 = (...args: string[]) => runCli(args, { cwd: PROJECT_ROOT });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'soc2-rule-tests-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('soc2 rules test', () => {
  it('reports each failing case with expected and actual per resource, the checks and the evidence; exit 1', async () => {
    expect(await soc2('rules', 'test', `${FIXTURES}/failing`)).toEqual({
      code: 1,
      stderr: '',
      stdout: `ok    has-users: an account with users passes
FAIL  has-users: a wrong expectation
  at ${FIXTURES}/failing/has-users.test.yaml:11:5
  arn:aws:iam::111122223333:root: expected pass, got fail
    resource    arn:aws:iam::111122223333:root
    pointer     /accounts/111122223333
    status      fail
    checks
      conditions.all[0]  false
        test  resource $.iam.accountSummary.Users greaterThanInclusive 1
        read  0 at /accounts/111122223333/iam/accountSummary/Users
    evidence
      /accounts/111122223333/accountId  "111122223333"
      /accounts/111122223333/iam/accountSummary/Users  0
FAIL  has-users: a resource the rule never judges, and a wrong count
  at ${FIXTURES}/failing/has-users.test.yaml:18:5
  arn:aws:iam::444455556666:root: expected pass, got no result
    the rule gave: arn:aws:iam::111122223333:root
  count: expected 2 results, got 1
    arn:aws:iam::111122223333:root: pass
ok    has-users: parameters can be overridden
2 passed, 2 failed
`,
    });
  });

  it('refuses malformed test files, every problem located as file:line:col; exit 2', async () => {
    const malformed = `${FIXTURES}/malformed`;
    expect(await soc2('rules', 'test', malformed)).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        `soc2: ${malformed}/broken-yaml.test.yaml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]`,
        `${malformed}/has-users.test.yaml:1:7: this file tests rule "has-user", but the rule beside it (has-users.yaml) is "has-users"`,
        `${malformed}/has-users.test.yaml:4:13: cases.0.params: parameter override "minimumUser": no rule pack declares this parameter (declared: minimumUsers)`,
        `${malformed}/has-users.test.yaml:7:11: cases.1.name: another case is already named "same name"`,
        `${malformed}/has-users.test.yaml:8:13: cases.1.params: ${malformed}/pack.yaml:5:17: parameter "minimumUsers" is overridden with "two" (a string), but its default 1 is a number`,
        `${malformed}/orphan.test.yaml:1:7: no rule beside this test file: expected a rule file orphan.yaml (or .yml) in ${malformed}`,
        `${malformed}/schema.test.yaml:4:18: cases.0.collectedAt must match pattern "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$"`,
        `${malformed}/schema.test.yaml:6:19: cases.0.snapshot.accounts: unknown field "12345678901"`,
        `${malformed}/schema.test.yaml:7:7: cases.0.snapshot: unknown field "manifest"`,
        `${malformed}/schema.test.yaml:9:39: cases.0.expect.arn:aws:iam::111122223333:root must be one of "pass", "fail", "error", "not-applicable"`,
        `${malformed}/schema.test.yaml:10:7: cases.0.expect: unknown field "alice"`,
        `${malformed}/schema.test.yaml:11:12: cases.0.count must be >= 1`,
        `${malformed}/schema.test.yaml:12:5: cases.1: missing required field "expect"`,
        `${malformed}/schema.test.yaml:12:5: cases.1: missing required field "name"`,
        '',
      ].join('\n'),
    });
  });

  it('warns about rules without test cases, without failing', async () => {
    await cp(`${FIXTURES}/failing/pack.yaml`, join(dir, 'pack.yaml'));
    await cp(`${FIXTURES}/failing/has-users.yaml`, join(dir, 'has-users.yaml'));
    expect(await soc2('rules', 'test', dir)).toEqual({
      code: 0,
      stdout: '0 passed, 0 failed\n',
      stderr: `${dir}/has-users.yaml:1:1: warning: rule has-users has no test cases: add ${dir}/has-users.test.yaml\n`,
    });
  });

  it('refuses a broken pack before running anything', async () => {
    const run = await soc2('rules', 'test', `${FIXTURES}/no-such-pack`);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `soc2: ${FIXTURES}/no-such-pack:1:1: not a folder: a rule pack is a folder with a pack.yaml and rule files\n`,
    });
  });
});

describe('a case snapshot', () => {
  it('is the fragment in a whole snapshot: manifest with scope and a valid hash, account ids and ARNs filled in', async () => {
    const [pack] = await loadPacks([`${FIXTURES}/failing`]);
    const file = join(dir, 'has-users.test.yaml');
    await writeFile(
      file,
      `rule: has-users
cases:
  - name: two accounts
    snapshot:
      accounts:
        "444455556666": { regions: { eu-west-1: {} } }
        "111122223333": { arn: custom, regions: { us-east-1: {}, eu-west-1: {} } }
    expect: { "arn:aws:iam::444455556666:root": error }
`,
    );
    // The runner finds a test file's rule beside it; here the file sits elsewhere, so point the pack's rule at it.
    const moved = { ...pack!, rules: pack!.rules.map((rule) => ({ ...rule, file: join(dir, 'has-users.yaml') })) };
    const { cases, problems } = await readRuleTestFile(moved, file);
    expect(problems).toEqual([]);
    const snapshot = cases![0]!.snapshot;
    expect(snapshot.manifest.collectedAt).toBe(DEFAULT_COLLECTED_AT);
    expect(snapshot.manifest.scope).toEqual({ accounts: ['111122223333', '444455556666'], regions: ['eu-west-1', 'us-east-1'] });
    expect(snapshot.manifest.sha256).toBe(snapshotHash(snapshot));
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.accounts['444455556666']).toEqual({ accountId: '444455556666', arn: 'arn:aws:iam::444455556666:root', regions: { 'eu-west-1': {} } });
    expect(snapshot.accounts['111122223333']!.arn).toBe('custom');
  });
});
