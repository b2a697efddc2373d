import { createHash } from 'node:crypto';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonPathProblem } from '../../src/evaluate/jsonpath.ts';
import { loadPacks, loadPacksWithProblems } from '../../src/rules/loader.ts';
import { UserError } from '../../src/user-error.ts';
import { temporaryDir } from './support.ts';

const FIXTURES = 'test/fixtures/packs';
const SCRIPT_FILTER = "$..[?(@.constructor.constructor('return process')().exit())]";

async function loadError(dirs: string[], params?: Record<string, unknown>): Promise<UserError> {
  const error = await loadPacks(dirs, { params }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}


describe('loadPacks with valid packs', () => {
  it('loads packs sorted by name and rules sorted by id, with parameter defaults substituted', async () => {
    const packs = await loadPacks([`${FIXTURES}/valid`, `${FIXTURES}/second`]);
    expect(packs.map((p) => p.name)).toEqual(['another-pack', 'valid-pack']);
    const valid = packs[1]!;
    expect(valid).toMatchObject({ version: '1.2.0', description: 'A small pack that loads cleanly.', dir: `${FIXTURES}/valid` });
    expect(valid.parameters).toEqual({ allowedRegions: ['us-east-1', 'eu-west-1'], maxKeyAgeDays: 90 });
    // README.md and the hidden .github folder are not rules; the subfolder iam/ is read.
    expect(valid.rules.map((r) => [r.id, r.file])).toEqual([
      ['config-recorder-regions', `${FIXTURES}/valid/config-regions.yml`],
      ['iam-access-key-age', `${FIXTURES}/valid/iam/access-key-age.yaml`],
      ['iam-console-user-mfa', `${FIXTURES}/valid/iam/console-mfa.yaml`],
    ]);
    const [regions, keyAge, mfa] = valid.rules;
    expect(regions!.conditions).toEqual({
      all: [
        { fact: 'region', operator: 'in', value: ['us-east-1', 'eu-west-1'] },
        // An object with more than `param` is a literal value, not a reference.
        { fact: 'resource', path: '$.config', operator: 'notEqual', value: { param: 'x', literal: true } },
      ],
    });
    expect(keyAge!.conditions).toEqual({
      not: { fact: 'resource', path: '$.accessKey1LastRotated', operator: 'olderThanDays', value: 90 },
    });
    expect(keyAge!.where).toEqual({ all: [{ fact: 'resource', path: '$.accessKey1Active', operator: 'equal', value: true }] });
    expect(mfa).toEqual({
      id: 'iam-console-user-mfa',
      title: 'IAM users with a console password have MFA enabled',
      criteria: ['CC6.1', 'CC6.2'],
      severity: 'high',
      select: '$.accounts.*.iam.credentialReport[*]',
      conditions: {
        any: [
          { fact: 'resource', path: '$.mfaActive', operator: 'equal', value: true },
          {
            all: [
              { fact: 'resource', path: '$.passwordEnabled', operator: 'equal', value: false },
              { fact: 'count', params: { fact: 'snapshot', path: '$.accounts.*' }, operator: 'greaterThan', value: 0 },
            ],
          },
        ],
      },
      evidence: [],
      rationale: 'Passwords alone are phished.',
      remediation: 'Enable MFA.',
      references: ['CIS AWS Foundations 1.10'],
      tags: ['iam'],
      file: `${FIXTURES}/valid/iam/console-mfa.yaml`,
      pack: 'valid-pack',
    });
    expect('where' in mfa!).toBe(false);
  });

  it('applies parameter overrides to the packs that declare them', async () => {
    const packs = await loadPacks([`${FIXTURES}/valid`], { params: { maxKeyAgeDays: 45 } });
    expect(packs[0]!.parameters).toEqual({ allowedRegions: ['us-east-1', 'eu-west-1'], maxKeyAgeDays: 45 });
    const keyAge = packs[0]!.rules.find((r) => r.id === 'iam-access-key-age')!;
    expect(keyAge.conditions).toEqual({
      not: { fact: 'resource', path: '$.accessKey1LastRotated', operator: 'olderThanDays', value: 45 },
    });
  });

  it('loads the standard soc2-aws pack', async () => {
    const [pack] = await loadPacks(['rules/soc2-aws']);
    expect(pack!.name).toBe('soc2-aws');
    expect(pack!.rules.length).toBeGreaterThan(0);
  });
});

describe('loadPacks with broken packs', () => {
  it('reports every problem of every pack at once, located', async () => {
    // The evaluator's JSONPath check words the refusal; the loader places it.
    expect(jsonPathProblem(SCRIPT_FILTER)).toMatch(/filter or script/);
    const error = await loadError([`${FIXTURES}/broken`, `${FIXTURES}/broken-other`]);
    expect(error.exitCode).toBe(2);
    const b = `${FIXTURES}/broken`;
    expect(error.message.split('\n')).toEqual([
      `${FIXTURES}/broken-other/shared-id.yaml:1:5: duplicate rule id "shared-id": also defined at ${b}/shared-id.yaml:1:5`,
      `${b}/bad-severity.yaml:4:11: severity must be one of "critical", "high", "medium", "low", "informational"`,
      `${b}/billion-laughs.yaml:1:1: cannot be read: Excessive alias count indicates a resource exhaustion attack`,
      `${b}/filter-evidence.yaml:13:5: evidence.1: ${jsonPathProblem(SCRIPT_FILTER)}`,
      `${b}/filter-select.yaml:5:9: select: ${jsonPathProblem(SCRIPT_FILTER)}`,
      `${b}/malformed-yaml.yaml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      `${b}/missing-title.yaml:1:1: missing required field "title"`,
      `${b}/not-a-mapping.yaml:1:1: expected one rule (a mapping with id, title, criteria, ...), found a list`,
      `${b}/relative-path.yaml:8:31: conditions.all.0.path: ${jsonPathProblem('mfaActive')}`,
      `${b}/shared-id.yaml:1:5: duplicate rule id "shared-id": also defined at ${FIXTURES}/broken-other/shared-id.yaml:1:5`,
      `${b}/unknown-fact.yaml:8:15: unknown fact "resources" (known: account, count, identityPolicies, item, region, resource, snapshot)`,
      `${b}/unknown-field.yaml:11:1: unknown field "owner"`,
      `${b}/unknown-operator.yaml:8:46: unknown operator "equals" (known: cidrOverlaps, contains, containsAll, containsAny, doesNotContain, equal, greaterThan, greaterThanInclusive, in, isEmpty, isPublicCidr, lessThan, lessThanInclusive, matchesRegex, notEmpty, notEqual, notIn, olderThanDays, policyAllows, policyAllowsAny, withinDays)`,
      `${b}/unknown-param.yaml:8:69: unknown parameter "maxKeyAge" (pack broken-pack declares: maxKeyAgeDays)`,
    ]);
  });

  it('reports a missing pack.yaml, a folder that does not exist and a pack without rules', async () => {
    const empty = await temporaryDir();
    await writeFile(join(empty, 'pack.yaml'), 'name: empty\nversion: "1.0.0"\ndescription: No rules.\n');
    const error = await loadError([`${FIXTURES}/no-manifest`, `${FIXTURES}/absent`, empty]);
    expect(error.message.split('\n')).toEqual([
      `${empty}:1:1: the rule pack has no rule files (*.yaml, *.yml)`,
      `${FIXTURES}/absent:1:1: not a folder: a rule pack is a folder with a pack.yaml and rule files`,
      `${FIXTURES}/no-manifest/pack.yaml:1:1: missing: every rule pack needs a pack.yaml (name, version, description, parameters)`,
    ]);
  });

  it('reports every schema problem of one file, nested conditions included', async () => {
    const dir = await temporaryDir();
    await writeFile(join(dir, 'pack.yaml'), 'name: p\nversion: "1.0"\ndescription: d\n');
    await writeFile(
      join(dir, 'rule.yaml'),
      [
        'id: Not_Kebab',
        'title: t',
        'criteria: [CC6.1, CC99]',
        'severity: high',
        'select: $.accounts.*',
        'conditions:',
        '  any:',
        '    - not: { fact: resource, operator: equal, value: 1, priority: 2 }',
        '    - { fact: resource, operator: equal }',
        'rationale: r',
        'remediation: x',
      ].join('\n'),
    );
    const error = await loadError([dir]);
    expect(error.message.split('\n')).toEqual([
      `${dir}/pack.yaml:2:10: version must match pattern "${'^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$'}"`,
      `${dir}/rule.yaml:1:5: id must match pattern "^[a-z0-9]+(-[a-z0-9]+)*$"`,
      `${dir}/rule.yaml:3:19: criteria.1 must match pattern "^(CC[1-9]\\.[0-9]+|A1\\.[1-3]|C1\\.[1-2]|PI1\\.[1-5]|P[1-8]\\.[0-9]+)$"`,
      `${dir}/rule.yaml:8:57: conditions.any.0.not: unknown field "priority"`,
      `${dir}/rule.yaml:9:7: conditions.any.1: missing required field "value"`,
    ]);
  });

  it('refuses overrides that no pack declares or that change a parameter type', async () => {
    const error = await loadError([`${FIXTURES}/valid`, `${FIXTURES}/second`], { maxKeyAgeDays: '45', maxKeyAge: 45 });
    expect(error.message.split('\n')).toEqual([
      'parameter override "maxKeyAge": no rule pack declares this parameter (declared: allowedRegions, maxKeyAgeDays)',
      `${FIXTURES}/valid/pack.yaml:6:18: parameter "maxKeyAgeDays" is overridden with "45" (a string), but its default 90 is a number`,
    ]);
  });

  it('reports both places of a duplicate pack name', async () => {
    const root = await temporaryDir();
    await cp(`${FIXTURES}/second`, join(root, 'a'), { recursive: true });
    await cp(`${FIXTURES}/second`, join(root, 'b'), { recursive: true });
    const { packs, problems } = await loadPacksWithProblems([join(root, 'b'), join(root, 'a')]);
    expect(packs.map((p) => p.dir)).toEqual([join(root, 'b'), join(root, 'a')]);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`)).toEqual([
      `${root}/a/pack.yaml:1:7: duplicate rule pack name "another-pack": also defined at ${root}/b/pack.yaml:1:7`,
      `${root}/a/root-mfa.yaml:1:5: duplicate rule id "iam-root-mfa": also defined at ${root}/b/root-mfa.yaml:1:5`,
      `${root}/b/pack.yaml:1:7: duplicate rule pack name "another-pack": also defined at ${root}/a/pack.yaml:1:7`,
      `${root}/b/root-mfa.yaml:1:5: duplicate rule id "iam-root-mfa": also defined at ${root}/a/root-mfa.yaml:1:5`,
    ]);
  });
});

describe('pack sha256', () => {
  /** The documented recipe: SHA-256 of `sha256sum`-style lines, sorted by relative path. */
  async function expectedSha256(dir: string, files: string[]): Promise<string> {
    const hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
    const lines = await Promise.all(files.map(async (file) => `${hex(await readFile(join(dir, file)))}  ${file}\n`));
    return hex(lines.join(''));
  }

  it('names exactly the files loaded, wherever the pack lives', async () => {
    const root = await temporaryDir();
    const copy = join(root, 'elsewhere');
    await cp(`${FIXTURES}/valid`, copy, { recursive: true });
    const [original] = await loadPacks([`${FIXTURES}/valid`]);
    const [copied] = await loadPacks([copy]);
    const files = ['config-regions.yml', 'iam/access-key-age.yaml', 'iam/console-mfa.yaml', 'pack.yaml'];
    expect(original!.sha256).toBe(await expectedSha256(`${FIXTURES}/valid`, files));
    expect(copied!.sha256).toBe(original!.sha256);

    // Files that are not loaded do not count; a changed rule does.
    await writeFile(join(copy, 'NOTES.md'), 'unrelated');
    expect((await loadPacks([copy]))[0]!.sha256).toBe(original!.sha256);
    await writeFile(join(copy, 'iam/console-mfa.yaml'), `${await readFile(join(copy, 'iam/console-mfa.yaml'), 'utf8')}# edited\n`);
    expect((await loadPacks([copy]))[0]!.sha256).not.toBe(original!.sha256);
  });
});

describe('conditions nested in a count quantifier', () => {
  async function packWithNestedRule(nested: string): Promise<string> {
    const dir = await temporaryDir();
    await writeFile(join(dir, 'pack.yaml'), 'name: nested\nversion: 1.0.0\ndescription: d\nparameters:\n  maxAge: 30\n');
    await writeFile(
      join(dir, 'rule.yaml'),
      [
        'id: nested-rule',
        'title: t',
        'criteria: [CC7.2]',
        'severity: low',
        'select: $.accounts.*',
        'conditions:',
        '  all:',
        '    - fact: count',
        '      params:',
        '        fact: resource',
        '        path: $.regions.*.cloudtrail.trails[*]',
        '        where:',
        '          all:',
        `            - ${nested}`,
        '      operator: greaterThanInclusive',
        '      value: 1',
        'rationale: r',
        'remediation: m',
        '',
      ].join('\n'),
    );
    return dir;
  }

  it('substitutes parameters inside the quantifier', async () => {
    const dir = await packWithNestedRule('{ fact: item, path: $.status.startLoggingTime, operator: withinDays, value: { param: maxAge } }');
    const [pack] = await loadPacks([dir], { params: { maxAge: 7 } });
    const count = (pack!.rules[0]!.conditions as unknown as { all: { params: { where: { all: unknown[] } } }[] }).all[0]!;
    expect(count.params.where.all[0]).toEqual({ fact: 'item', path: '$.status.startLoggingTime', operator: 'withinDays', value: 7 });
  });

  it('reports unknown operators and parameters inside the quantifier where they are', async () => {
    const dir = await packWithNestedRule('{ fact: item, path: $.x, operator: isShiny, value: { param: nope } }');
    const message = (await loadError([dir])).message;
    expect(message).toContain(`${dir}/rule.yaml:14:50: unknown operator "isShiny"`);
    expect(message).toContain(`${dir}/rule.yaml:14:75: unknown parameter "nope"`);
  });
});
