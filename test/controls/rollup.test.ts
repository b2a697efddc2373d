import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResultsDocument, ResultStatus, RuleResult } from '../../src/evaluate/results.ts';
import { loadCatalog, type Catalog } from '../../src/controls/catalog.ts';
import { loadFramework, type Control, type Framework } from '../../src/controls/framework.ts';
import { readResultsFile } from '../../src/controls/results-file.ts';
import { reportFails, rollUp } from '../../src/controls/rollup.ts';
import { formatReportJson } from '../../src/format/report-json.ts';
import { TOOL } from '../../src/version.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'controls');

function result(rule: string, status: ResultStatus, criteria: string[], resource: string | null = `arn:aws:iam::111122223333:user/${rule}`): RuleResult {
  return { rule, title: `${rule} title`, criteria, severity: 'high', tags: [], status, resource, pointer: null, evidence: [], checks: [] };
}

function results(list: RuleResult[]): ResultsDocument {
  return {
    schemaVersion: 1,
    tool: { name: 'soc2-evidence', version: '0.1.0' },
    snapshot: { sha256: 'f'.repeat(64), collectedAt: '2026-11-24T10:00:00.000Z' },
    packs: [{ name: 'soc2-aws', version: '1.0.0', sha256: 'a'.repeat(64), parameters: {} }],
    summary: { pass: 0, fail: 0, error: 0, 'not-applicable': 0, waived: 0 },
    results: list,
  };
}

function framework(controls: Partial<Control>[]): Framework {
  return {
    name: 'Test',
    version: '1',
    catalog: 'tsc-2017',
    controls: controls.map((control, i) => ({
      id: `C-${i + 1}`, title: 't', description: 'd', owner: 'o', criteria: ['CC6.1'], rules: [], manual: [], ...control,
    })),
  };
}

let tsc: Catalog;
let mini: Catalog;
beforeAll(async () => {
  tsc = await loadCatalog();
  mini = await loadCatalog(join(FIXTURES, 'mini-catalog.yaml'));
});

describe('roll-up of the mini fixture', () => {
  it('gives each criterion and control its status, every status once', async () => {
    const { framework: controls } = await loadFramework(join(FIXTURES, 'mini-framework.yaml'), mini);
    const report = rollUp(await readResultsFile(join(FIXTURES, 'results.json')), mini, controls);
    expect(report.criteria.map((c) => [c.id, c.status, c.rules, c.controls])).toEqual([
      ['CC6.1', 'fail', ['iam-console-user-mfa', 'iam-root-mfa'], ['AC-01', 'AC-02']],
      ['CC6.2', 'fail', ['iam-console-user-mfa'], ['AC-01']],
      ['CC7.2', 'error', ['cloudtrail-multi-region-logging'], ['LOG-01']],
      ['CC7.3', 'waived', ['cloudtrail-log-file-validation'], ['LOG-02']],
      ['CC8.1', 'not-applicable', ['config-recorder-all-regions'], ['CHG-01']],
      ['A1.2', 'manual', [], ['BCP-01']],
    ]);
    expect(report.controls.map((c) => [c.id, c.status, c.rules, c.unresolved])).toEqual([
      ['AC-01', 'fail', ['iam-console-user-mfa', 'iam-root-mfa'], []],
      ['AC-02', 'pass', ['iam-root-mfa'], []],
      ['BCP-01', 'manual', [], []],
      ['CHG-01', 'error', ['config-recorder-all-regions'], ['rule "change-review-enforced"']],
      ['LOG-01', 'error', ['cloudtrail-multi-region-logging'], []],
      ['LOG-02', 'waived', ['cloudtrail-log-file-validation'], []],
    ]);
    expect(report.coverage).toEqual({ criteria: 6, automated: 5, manualOnly: 1 });
    expect(report.summary.criteria).toEqual({ fail: 2, error: 1, waived: 1, pass: 0, 'not-applicable': 1, manual: 1 });
    expect(report.summary.controls).toEqual({ fail: 1, error: 2, waived: 1, pass: 1, 'not-applicable': 0, manual: 1 });
    expect(report.rulesOutsideCatalog).toEqual(['s3-bucket-encryption']);
    expect(report.snapshot.sha256).toBe(`5f0c${'0'.repeat(60)}`);
    expect(report.packs).toEqual([{ name: 'soc2-aws', version: '1.0.0', sha256: 'ab'.repeat(32) }]);
  });

  it('counts a waived failure as waived, quoting its exception, never as a pass', async () => {
    const report = rollUp(await readResultsFile(join(FIXTURES, 'results.json')), mini);
    const rule = report.rules.find((r) => r.rule === 'cloudtrail-log-file-validation')!;
    expect(rule.status).toBe('waived');
    expect(rule.counts).toEqual({ pass: 1, fail: 0, error: 0, 'not-applicable': 0, waived: 1 });
    expect(rule.findings).toEqual([
      {
        rule: 'cloudtrail-log-file-validation',
        status: 'waived',
        resource: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/sandbox',
        pointer: '/accounts/111122223333/regions/us-east-1/cloudtrail/trails/1',
        message: 'waived until 2027-01-31: sandbox trail, owner platform@example.com',
        exception: { reason: 'sandbox trail, no customer data', owner: 'platform@example.com', expires: '2027-01-31' },
      },
    ]);
  });
});

describe('status precedence: fail > error > waived > pass > not-applicable; nothing automated is manual', () => {
  const cases: [ResultStatus[], string][] = [
    [['pass', 'fail', 'error', 'waived', 'not-applicable'], 'fail'],
    [['pass', 'error', 'waived'], 'error'],
    [['pass', 'waived', 'not-applicable'], 'waived'],
    [['pass', 'not-applicable'], 'pass'],
    [['not-applicable', 'not-applicable'], 'not-applicable'],
    [[], 'manual'],
  ];
  it.each(cases)('%j gives %s, for the criterion, each rule and a control', (statuses, expected) => {
    // One rule per status, and the same statuses again within a single rule.
    const list = [
      ...statuses.map((status, i) => result(`rule-${i}`, status, ['CC6.1'])),
      ...statuses.map((status, i) => result('one-rule', status, ['CC6.2'], `arn:aws:iam::111122223333:user/u${i}`)),
    ];
    const report = rollUp(results(list), tsc, framework([{ rules: [{ criteria: ['CC6.1'] }] }]));
    expect(report.criteria.find((c) => c.id === 'CC6.1')!.status).toBe(expected);
    expect(report.criteria.find((c) => c.id === 'CC6.2')!.status).toBe(expected);
    expect(report.controls[0]!.status).toBe(statuses.length ? expected : 'error');
    expect(reportFails(report)).toBe(expected === 'fail' || expected === 'error' || statuses.length === 0);
  });
});

describe('rules outside the catalog', () => {
  it('still fail the report when they fail or error: a gate never passes on a failure it did not map', () => {
    for (const status of ['fail', 'error'] as const) {
      const report = rollUp(results([result('in-catalog', 'pass', ['CC6.1']), result('custom', status, ['CC9.9'])]), mini);
      expect(report.rulesOutsideCatalog).toEqual(['custom']);
      expect(report.criteria.every((c) => c.status === 'pass' || c.status === 'manual')).toBe(true);
      expect(reportFails(report)).toBe(true);
    }
    expect(reportFails(rollUp(results([result('custom', 'waived', ['CC9.9'])]), mini))).toBe(false);
  });
});

describe('controls', () => {
  it('fail closed when a rule they name is absent from the results, naming it', () => {
    const report = rollUp(
      results([result('iam-root-mfa', 'pass', ['CC6.1'])]),
      tsc,
      framework([{ rules: ['iam-root-mfa', 'iam-root-mfaa'] }, { rules: [{ tags: ['mfa'] }] }]),
    );
    expect(report.controls.map((c) => [c.id, c.status, c.rules, c.unresolved])).toEqual([
      ['C-1', 'error', ['iam-root-mfa'], ['rule "iam-root-mfaa"']],
      // These results record no tags: a tag selector matches nothing, which is an error, never a pass.
      ['C-2', 'error', [], ['selector { tags: [mfa] }']],
    ]);
    expect(reportFails(report)).toBe(true);
  });

  it('still fail when a rule fails and another is missing', () => {
    const report = rollUp(results([result('iam-root-mfa', 'fail', ['CC6.1'])]), tsc, framework([{ rules: ['iam-root-mfa', 'gone'] }]));
    expect(report.controls[0]).toMatchObject({ status: 'fail', unresolved: ['rule "gone"'] });
  });

  it('match tag selectors against tags the results record', () => {
    const tagged = { ...result('iam-root-mfa', 'pass', ['CC6.1']), tags: ['iam', 'mfa'] };
    const report = rollUp(results([tagged, result('other', 'fail', ['CC6.1'])]), tsc, framework([{ rules: [{ tags: ['mfa'] }] }]));
    expect(report.controls[0]).toMatchObject({ status: 'pass', rules: ['iam-root-mfa'], unresolved: [] });
  });

  it('with manual evidence only are manual, and list what is owed', () => {
    const manual = [{ evidence: 'Quarterly access review sign-off', frequency: 'quarterly' as const }];
    const report = rollUp(results([]), tsc, framework([{ manual }]));
    expect(report.controls[0]).toMatchObject({ status: 'manual', rules: [], manual });
    expect(reportFails(report)).toBe(false);
  });
});

describe('every criterion of the catalog', () => {
  it('appears, all 61, in catalog order, even with no results at all', () => {
    const report = rollUp(results([]), tsc);
    expect(report.criteria).toHaveLength(61);
    expect(report.criteria.map((c) => c.id)).toEqual(tsc.criteria.map((c) => c.id));
    expect(report.criteria.every((c) => c.status === 'manual')).toBe(true);
    expect(report.coverage).toEqual({ criteria: 61, automated: 0, manualOnly: 61 });
    expect(report.framework).toBeNull();
    expect(report.summary.controls).toBeNull();
  });

  it('with no rule is manual, while its neighbours are judged', () => {
    const report = rollUp(results([result('iam-root-mfa', 'pass', ['CC6.1'])]), tsc);
    expect(report.criteria.filter((c) => c.id.startsWith('CC6.')).map((c) => `${c.id} ${c.status}`)).toEqual([
      'CC6.1 pass', 'CC6.2 manual', 'CC6.3 manual', 'CC6.4 manual', 'CC6.5 manual', 'CC6.6 manual', 'CC6.7 manual', 'CC6.8 manual',
    ]);
    expect(report.coverage).toEqual({ criteria: 61, automated: 1, manualOnly: 60 });
  });
});

describe('determinism', () => {
  it('gives the same bytes whatever order the results come in', async () => {
    const document = await readResultsFile(join(FIXTURES, 'results.json'));
    const { framework: controls } = await loadFramework(join(FIXTURES, 'mini-framework.yaml'), mini);
    const reversed = { ...document, results: [...document.results].reverse() };
    const first = formatReportJson(rollUp(document, mini, controls));
    expect(formatReportJson(rollUp(reversed, mini, controls))).toBe(first);
    // The reviewed report, apart from the tool's version, which changes with every release.
    const expected = JSON.parse(await readFile(join(FIXTURES, 'expected-report.json'), 'utf8')) as object;
    expect(JSON.parse(first)).toEqual({ ...expected, tool: TOOL });
  });
});
