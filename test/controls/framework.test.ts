import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog } from '../../src/controls/catalog.ts';
import { loadFramework, readFramework } from '../../src/controls/framework.ts';
import { matchingRules } from '../../src/controls/rule-references.ts';
import { ruleReferenceProblems } from '../../src/controls/validate.ts';
import { loadPacks } from '../../src/rules/loader.ts';
import type { Rule } from '../../src/rules/types.ts';
import { PROJECT_ROOT } from '../../src/version.ts';
import { formatProblem, sortProblems } from '../../src/yaml-source.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'controls');
/** The standard pack's first rules; the pack grows, so the test names them rather than the pack's current list. */
const FIRST_RULES = [
  'iam-root-mfa', 'iam-console-user-mfa', 'iam-password-policy-strength', 'iam-access-key-rotation', 'iam-unused-credentials',
  'cloudtrail-multi-region-logging', 'cloudtrail-log-file-validation', 'cloudtrail-kms-encryption',
  'config-recorder-all-regions', 'config-delivery-channel',
];
const EXAMPLE = join(PROJECT_ROOT, 'controls', 'examples', 'example-corp.yaml');

let catalog: Catalog;
let standardRules: Rule[];
beforeAll(async () => {
  catalog = await loadCatalog();
  standardRules = (await loadPacks([join(PROJECT_ROOT, 'rules', 'soc2-aws')])).flatMap((pack) => pack.rules);
});

describe('the example framework', () => {
  it('loads, and has about 25 controls covering every common criterion CC1 to CC9', async () => {
    const { framework, warnings } = await loadFramework(EXAMPLE, catalog);
    expect(warnings).toEqual([]);
    expect(framework.name).toBe('Example Corp Security Controls');
    expect(framework.controls.length).toBeGreaterThanOrEqual(22);
    expect(framework.controls.length).toBeLessThanOrEqual(28);
    const addressed = new Set(framework.controls.flatMap((control) => control.criteria));
    const common = catalog.criteria.filter((criterion) => criterion.category.id === 'security').map((criterion) => criterion.id);
    expect(common.filter((id) => !addressed.has(id))).toEqual([]);
    // Most controls of a real program need a person's evidence.
    expect(framework.controls.filter((control) => control.manual.length > 0).length).toBeGreaterThan(framework.controls.length / 2);
  });

  it('refers only to rules of the standard pack, every selector matches one, and each first rule evidences a control', async () => {
    const { framework, controls, source } = await readFramework(EXAMPLE, catalog);
    expect(ruleReferenceProblems(controls, source, standardRules)).toEqual([]);
    const evidenced = new Set(framework!.controls.flatMap((control) => control.rules.flatMap((reference) => matchingRules(reference, standardRules))));
    expect(FIRST_RULES.filter((id) => !evidenced.has(id))).toEqual([]);
  });
});

describe('loading a framework', () => {
  it('reports unknown criteria, duplicate ids and controls without evidence at once, located', async () => {
    const file = join(FIXTURES, 'bad-framework.yaml');
    await expect(loadFramework(file, catalog)).rejects.toThrow(
      [
        `${file}:9:23: control AC-01: unknown criterion "CC6.9" (not in catalog tsc-2017)`,
        `${file}:11:9: control AC-01 has no evidence: give it rules, manual evidence, or both`,
        `${file}:11:9: duplicate control id "AC-01"`,
      ].join('\n'),
    );
  });

  it('reports every schema violation, located at the offending node', async () => {
    const file = join(FIXTURES, 'bad-schema-framework.yaml');
    await expect(loadFramework(file, catalog)).rejects.toThrow(
      [
        `${file}:2:10: version must be string`,
        `${file}:5:5: controls.0: missing required field "owner"`,
        `${file}:10:11: controls.0.rules.0: unknown field "criterias"`,
        `${file}:11:9: controls.0.rules.1 must NOT have fewer than 1 properties`,
        `${file}:13:40: controls.0.manual.0.frequency must be one of "per-event", "daily", "weekly", "monthly", "quarterly", "semiannual", "annual"`,
        `${file}:14:5: controls.0: unknown field "notes"`,
      ].join('\n'),
    );
  });

  it('still checks the parts the schema accepted: criteria, ids and evidence of each control whose id it accepted', async () => {
    const file = join(FIXTURES, 'mixed-problems-framework.yaml');
    const { framework, controls, problems } = await readFramework(file, catalog);
    expect(framework).toBeUndefined();
    // AC-01's manual evidence, AC-02's missing description, the duplicate's criteria and the last control's id are rejected.
    expect(controls.map(({ index, id, criteria, rules, manual }) => [index, id, criteria, rules?.length, manual?.length])).toEqual([
      [0, 'AC-01', ['CC6.1', 'CC6.9'], 2, undefined],
      [1, 'AC-02', ['CC6.2'], 1, 0],
      [2, 'AC-01', undefined, 0, 0],
    ]);
    expect(sortProblems(problems).map(formatProblem)).toEqual([
      `${file}:9:23: control AC-01: unknown criterion "CC6.9" (not in catalog tsc-2017)`,
      `${file}:12:40: controls.0.manual.0.frequency must be one of "per-event", "daily", "weekly", "monthly", "quarterly", "semiannual", "annual"`,
      `${file}:13:5: controls.1: missing required field "description"`,
      `${file}:18:9: control AC-01 has no evidence: give it rules, manual evidence, or both`,
      `${file}:18:9: duplicate control id "AC-01"`,
      `${file}:22:15: controls.2.criteria must be array`,
      `${file}:24:9: controls.3.id must match pattern "^[A-Za-z0-9][A-Za-z0-9._-]*$"`,
    ]);
  });

  it('says once that a framework maps onto another catalog, naming both', async () => {
    const file = join(FIXTURES, 'other-catalog-framework.yaml');
    await expect(loadFramework(file, catalog)).rejects.toThrow(
      `${file}:3:10: the framework maps onto catalog "iso-27001-2022", but the catalog loaded is "tsc-2017" (name its file with --catalog)`,
    );
  });

  it('loads a framework against any catalog it names', async () => {
    const mini = await loadCatalog(join(FIXTURES, 'mini-catalog.yaml'));
    const { framework } = await loadFramework(join(FIXTURES, 'mini-framework.yaml'), mini);
    expect(framework.catalog).toBe('mini');
    expect(framework.controls.map((control) => control.id)).toEqual(['LOG-02', 'AC-01', 'AC-02', 'LOG-01', 'CHG-01', 'BCP-01']);
    expect(framework.controls[5]).toEqual({
      id: 'BCP-01',
      title: 'Backups tested',
      description: 'A restore is tested every quarter.',
      owner: 'Platform',
      criteria: ['A1.2'],
      rules: [],
      manual: [{ evidence: 'Restore test record', frequency: 'quarterly' }],
    });
  });
});

describe('checking rule references against packs', () => {
  it('makes an unknown rule id an error and a selector matching nothing a warning', async () => {
    const file = join(FIXTURES, 'unknown-rules-framework.yaml');
    const { controls, source, problems } = await readFramework(file, catalog);
    expect(problems).toEqual([]);
    expect(ruleReferenceProblems(controls, source, standardRules).map(formatProblem)).toEqual([
      `${file}:12:9: control AC-01: unknown rule "iam-root-mfaa" (not in the packs loaded)`,
      `${file}:13:9: warning: control AC-01: selector { tags: [no-such-tag] } matches no rule in the packs loaded`,
    ]);
  });
});
