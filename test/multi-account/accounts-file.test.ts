// `--accounts FILE`: c7n-org's accounts file, checked with located messages, resolved against the caller, and
// collected with each account's own regions, tags and role.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withinDocumentLimit } from '../../src/cli/snapshot.ts';
import { DEFAULT_ROLE_NAME, readAccountsFile } from '../../src/collect/accounts.ts';
import type { Snapshot } from '../../src/snapshot/schema.ts';
import { UserError } from '../../src/user-error.ts';
import { DEFAULT_ACCOUNT, startMoto, type Moto } from '../support/moto.ts';
import { soc2 } from './run-cli.ts';

const CALLER = { account: DEFAULT_ACCOUNT, arn: `arn:aws:iam::${DEFAULT_ACCOUNT}:user/auditor`, userId: 'AIDA' };
let dir: string;

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function refusal(path: string): Promise<string> {
  const error = await readAccountsFile(path).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return (error as UserError).message;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'soc2-accounts-'));
});

describe('reading an accounts file', () => {
  it('resolves each entry against the caller: its own account without a role, others through the default role', async () => {
    const path = await file('ok.yaml', [
      'accounts:',
      `  - account_id: "${DEFAULT_ACCOUNT}"`,
      '    name: security',
      '  - account_id: "012345678901"',
      '    regions: [eu-west-1]',
      '    tags: ["env:prod", "team:pay:ments", critical]',
      '  - account_id: "444455556666"',
      '    role: arn:aws:iam::444455556666:role/Auditor',
      '    external_id: c7n-shared-secret',
      '',
    ].join('\n'));
    const targets = (await readAccountsFile(path))(CALLER, 'Reader');
    expect(targets).toEqual([
      { accountId: DEFAULT_ACCOUNT, name: 'security', role: null, tags: {} },
      { accountId: '012345678901', name: null, role: { roleArn: 'arn:aws:iam::012345678901:role/Reader' }, regions: ['eu-west-1'], tags: { env: 'prod', team: 'pay:ments', critical: '' } },
      { accountId: '444455556666', name: null, role: { roleArn: 'arn:aws:iam::444455556666:role/Auditor', externalId: 'c7n-shared-secret' }, tags: {} },
    ]);
    expect(DEFAULT_ROLE_NAME).toBe('Soc2EvidenceCollector');
  });

  it('refuses a file that breaks the schema, each problem at its line and column', async () => {
    const path = await file('bad.yaml', [
      'accounts:',
      '  - account_id: 12345',
      '    profile: prod',
      '  - account_id: "111122223333"',
      '    regions: [mars-1]',
      '',
    ].join('\n'));
    expect(await refusal(path)).toBe([
      `${path}:2:17: accounts.0.account_id must be string`,
      `${path}:3:5: accounts.0: unknown field "profile"`,
      `${path}:5:15: accounts.1.regions.0 must match pattern "^[a-z]{2}(-[a-z]+)+-[0-9]+$"`,
    ].join('\n'));
  });

  it('refuses duplicates, a role in another account, and an external id without its role', async () => {
    const path = await file('inconsistent.json', JSON.stringify({
      accounts: [
        { account_id: '111122223333' },
        { account_id: '111122223333', role: 'arn:aws:iam::999999999999:role/Reader' },
        { account_id: '222233334444', external_id: 'secret' },
      ],
    }, null, 2));
    expect(await refusal(path)).toBe([
      `${path}:7:21: account 111122223333 is listed twice (first at accounts.0)`,
      `${path}:8:15: the role is in account 999999999999, not in 111122223333`,
      `${path}:12:22: external_id needs the role it is for: add role`,
    ].join('\n'));
  });

  it('says so when the file cannot be read', async () => {
    expect(await refusal(join(dir, 'missing.yaml'))).toBe(`${join(dir, 'missing.yaml')}: cannot be read: ENOENT`);
  });
});

describe('soc2 snapshot --accounts', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto?.stop());

  it('collects each listed account with its own regions, and records its role and tags in the manifest', async () => {
    const accounts = await file('two.json', JSON.stringify({
      accounts: [
        { account_id: DEFAULT_ACCOUNT, name: 'security', regions: ['us-east-1'] },
        { account_id: '444455556666', name: 'prod', role: 'arn:aws:iam::444455556666:role/Auditor', regions: ['eu-west-1'], tags: ['env:prod'] },
      ],
    }));
    const output = join(dir, 'two-accounts.json');
    const outcome = await soc2(['snapshot', '--accounts', accounts, '--endpoint-url', moto.endpoint, '--max-attempts', '2', '-o', output]);
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toMatch(/^wrote \S+: 2 accounts, 2 regions, /);
    const snapshot = JSON.parse(await readFile(output, 'utf8')) as Snapshot;
    expect(snapshot.manifest.scope).toEqual({ accounts: [DEFAULT_ACCOUNT, '444455556666'], regions: ['eu-west-1', 'us-east-1'] });
    expect(snapshot.manifest.accounts).toEqual({
      [DEFAULT_ACCOUNT]: { name: 'security', role: null, regions: ['us-east-1'], tags: {}, status: 'collected' },
      '444455556666': { name: 'prod', role: 'arn:aws:iam::444455556666:role/Auditor', regions: ['eu-west-1'], tags: { env: 'prod' }, status: 'collected' },
    });
    expect(Object.keys(snapshot.accounts['444455556666']!.regions)).toEqual(['eu-west-1']);
    expect(snapshot.accounts['444455556666']!.arn).toBe('arn:aws:iam::444455556666:root');
  });

  it('refuses --org with --accounts, and --org outside an Organization, as bad input', async () => {
    const accounts = await file('one.yaml', `accounts:\n  - account_id: "${DEFAULT_ACCOUNT}"\n`);
    const both = await soc2(['snapshot', '--org', '--accounts', accounts, '--endpoint-url', moto.endpoint]);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('soc2: --org and --accounts cannot be used together: choose one way to name the accounts\n');
    const outside = await soc2(['snapshot', '--org', '--endpoint-url', moto.endpoint, '--regions', 'us-east-1', '--max-attempts', '2', '-o', join(dir, 'never.json')]);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toBe(`soc2: --org: account ${DEFAULT_ACCOUNT} does not belong to an AWS Organization.\n`);
  });
});

describe('a document too large to write', () => {
  it('is refused with advice on splitting the run, not a crash', async () => {
    const tooLong = () => Promise.reject(new RangeError('Invalid string length'));
    const error = await withinDocumentLimit(tooLong).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain('one --accounts file per group');
    const other = new RangeError('Maximum call stack size exceeded');
    await expect(withinDocumentLimit(() => Promise.reject(other))).rejects.toBe(other);
  });
});
