import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../src/rules/loader.ts';
import { snapshotHash } from '../../src/snapshot/io.ts';
import { fixture } from '../evaluate/support.ts';
import { PACK_YAML, projectWithPackages, ruleYaml, soc2, temporaryDir, writeFiles } from './support.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

/** The standard pack's rule ids, sorted: the pack grows, and these tests should not need editing when it does. */
async function standardRuleIds(): Promise<string[]> {
  const [pack] = await loadPacks([join(ROOT, 'rules/soc2-aws')]);
  return pack!.rules.map((rule) => rule.id);
}

describe('soc2 rules validate', () => {
  it('says OK in one line for valid packs, found as folders or packages', async () => {
    const project = await projectWithPackages();
    const result = await soc2(project, 'rules', 'validate', join(ROOT, 'rules/soc2-aws'), '@acme/soc2-extra');
    const rules = (await standardRuleIds()).length + 1;
    expect(result).toEqual({ code: 0, stdout: `OK: ${rules} rules in acme-extra 2.1.0, soc2-aws 1.0.0; criteria checked against tsc-2017; 0 warnings\n`, stderr: '' });
  });

  it('prints every problem of every pack as file:line:col: message and exits 2', async () => {
    const dir = await temporaryDir();
    await writeFiles(dir, {
      'a/pack.yaml': PACK_YAML,
      'a/one.yaml': ruleYaml('shared').replace('[CC6.1]', '[CC6.1, CC6.9]'),
      'a/two.yaml': ruleYaml('two', '  all:\n    - { fact: resource, path: $.x, operator: matchesRegex, value: "a(" }'),
      'b/pack.yaml': PACK_YAML.replace('name: p', 'name: q'),
      'b/one.yaml': ruleYaml('shared', '  all:\n    - { fact: resource, path: $.x, operator: "someFact:equal", value: 1 }'),
    });
    const result = await soc2(dir, 'rules', 'validate', 'a', 'b', '--param', 'nope=1');
    expect(result.code).toBe(2);
    expect(result.stdout.split('\n')).toEqual([
      'parameter override "nope": no rule pack declares this parameter (no pack declares any parameter)',
      'a/one.yaml:1:5: duplicate rule id "shared": also defined at b/one.yaml:1:5',
      'a/one.yaml:3:19: unknown criterion "CC6.9" (not in the criteria catalog)',
      'a/two.yaml:8:67: matchesRegex pattern "a(" is not a valid RE2 pattern: error parsing regexp: missing closing ): `a(`',
      'b/one.yaml:1:5: duplicate rule id "shared": also defined at a/one.yaml:1:5',
      'b/one.yaml:8:46: operator decorator "someFact:" is not supported: count the matching items with the `count` fact, or use containsAny',
      '',
    ]);
    expect(result.stderr).toBe('soc2: 6 errors, 0 warnings\n');
  });

  it('checks criteria against the catalog given, and reads --params', async () => {
    const dir = await temporaryDir();
    await writeFiles(dir, {
      'p/pack.yaml': `${PACK_YAML}parameters:\n  days: 90\n`,
      'p/r.yaml': ruleYaml('r', '  all:\n    - { fact: resource, path: $.x, operator: withinDays, value: { param: days } }'),
      'params.yaml': 'days: -5\n',
    });
    const catalog = join(ROOT, 'test/fixtures/controls/mini-catalog.yaml');
    const result = await soc2(dir, 'rules', 'validate', 'p', '--catalog', catalog, '--params', 'params.yaml');
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^p\/r\.yaml:\d+:\d+: parameter "days": withinDays needs a number of days as its value, got -5\n/);
  });
});

describe('soc2 rules list', () => {
  it('lists the standard pack by default, sorted by id, as a table', async () => {
    const result = await soc2(ROOT, 'rules', 'list');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +CRITERIA +SEVERITY +TITLE$/);
    expect(lines.find((line) => line.startsWith('cloudtrail-kms-encryption '))).toBe(
      'cloudtrail-kms-encryption        CC6.1        medium    Trails encrypt their log files with a KMS key',
    );
    const ids = lines.slice(1).map((line) => line.split(' ')[0]!);
    expect(ids).toEqual(await standardRuleIds());
  });

  it('filters by criteria and prints JSON, from packages too', async () => {
    const project = await projectWithPackages();
    const result = await soc2(project, 'rules', 'list', '--pack', '@acme/soc2-extra', '--pack', 'plain-pack', '--criteria', 'CC6.3,CC9.9', '--format', 'json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { id: 'iam-user-no-admin', criteria: ['CC6.1', 'CC6.3'], severity: 'high', title: 'No IAM user is granted every action, directly or through a group', pack: 'acme-extra' },
    ]);
    const none = await soc2(project, 'rules', 'list', '--pack', 'plain-pack', '--criteria', 'A1.2');
    expect(none).toEqual({ code: 0, stdout: 'No rule gives evidence for A1.2.\n', stderr: '' });
  });

  it('refuses a pack that resolves to nothing', async () => {
    const project = await projectWithPackages();
    const result = await soc2(project, 'rules', 'list', '--pack', 'not-installed');
    expect(result).toMatchObject({ code: 2, stderr: `soc2: pack not-installed: not a folder, and no npm package of that name is installed (looked up from ${project})\n` });
  });
});

describe('soc2 evaluate with a package pack and --params', () => {
  it('runs the package rules with the overrides of the file', async () => {
    const project = await projectWithPackages();
    const snapshot = fixture();
    const iam = snapshot.accounts['111122223333']!.iam;
    iam.users![1]!.inlinePolicies = [{ policyName: 'all', document: { Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] }] } }];
    snapshot.manifest.sha256 = snapshotHash(snapshot);
    await writeFile(join(project, 'snapshot.json'), JSON.stringify(snapshot));
    await writeFile(join(project, 'params.yaml'), 'adminAction: "s3:*"\n');
    const result = await soc2(project, 'evaluate', 'snapshot.json', '--pack', '@acme/soc2-extra', '--params', 'params.yaml');
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout) as { packs: unknown[]; results: { resource: string; status: string }[] };
    expect(doc.packs).toEqual([expect.objectContaining({ name: 'acme-extra', version: '2.1.0', parameters: { adminAction: 's3:*' } })]);
    expect(doc.results.map((r) => [r.resource, r.status])).toEqual([
      ['arn:aws:iam::111122223333:user/alice', 'pass'],
      ['arn:aws:iam::111122223333:user/bob', 'fail'],
    ]);
  });
});
