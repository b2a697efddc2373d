import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/controls/catalog.ts';
import { loadFramework } from '../../src/controls/framework.ts';
import { readResultsFile } from '../../src/controls/results-file.ts';
import { rollUp } from '../../src/controls/rollup.ts';
import { formatReportMarkdown } from '../../src/format/report-markdown.ts';
import { formatReportTable } from '../../src/format/report-table.ts';
import { PROJECT_ROOT } from '../../src/version.ts';
import { runCli } from '../support/cli.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'controls');
const RESULTS = join(FIXTURES, 'results.json');
const MINI = ['--catalog', join(FIXTURES, 'mini-catalog.yaml'), '--controls', join(FIXTURES, 'mini-framework.yaml')];

const soc2 = (...args: string[]) => runCli(args);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'soc2-report-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('report formats', () => {
  it('print exactly the reviewed table and Markdown for the mini fixture', async () => {
    const catalog = await loadCatalog(join(FIXTURES, 'mini-catalog.yaml'));
    const { framework } = await loadFramework(join(FIXTURES, 'mini-framework.yaml'), catalog);
    const report = rollUp(await readResultsFile(RESULTS), catalog, framework);
    expect(formatReportTable(report)).toBe(await readFile(join(FIXTURES, 'expected-report.txt'), 'utf8'));
    expect(formatReportMarkdown(report)).toBe(await readFile(join(FIXTURES, 'expected-report.md'), 'utf8'));
  });

  it('keep a pipe or a line break in a title from breaking a Markdown table', async () => {
    const catalog = await loadCatalog(join(FIXTURES, 'mini-catalog.yaml'));
    catalog.criteria[0]!.title = 'Access | logical\nsecurity';
    const markdown = formatReportMarkdown(rollUp(await readResultsFile(RESULTS), catalog));
    expect(markdown).toContain('| CC6.1 | **fail** | Access \\| logical security | iam-console-user-mfa, iam-root-mfa |\n');
  });
});

describe('soc2 report', () => {
  it('exits 1 when a criterion or control fails, and writes the report atomically with -o', async () => {
    const output = join(dir, 'status.md');
    const run = await soc2('report', RESULTS, ...MINI, '--format', 'markdown', '-o', output);
    expect(run).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(await readFile(output, 'utf8')).toBe(await readFile(join(FIXTURES, 'expected-report.md'), 'utf8'));
    expect(await readdir(dir)).toEqual(['status.md']);
  });

  it('exits 0 when nothing fails: pass, waived, not-applicable and manual', async () => {
    const document = JSON.parse(await readFile(RESULTS, 'utf8')) as { results: { status: string }[] };
    const passing = { ...document, results: document.results.filter((r) => r.status !== 'fail' && r.status !== 'error') };
    const file = join(dir, 'passing.json');
    await writeFile(file, JSON.stringify(passing));
    const run = await soc2('report', file, '--format', 'json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { criteria: { id: string; status: string }[]; summary: { criteria: Record<string, number> } };
    expect(report.criteria).toHaveLength(61);
    // CC6.1, CC6.2, C1.1 pass; CC7.3 waived; CC7.1, CC8.1 not-applicable; CC7.2 lost its only rule: manual.
    expect(report.summary.criteria).toEqual({ fail: 0, error: 0, waived: 1, pass: 3, 'not-applicable': 2, manual: 55 });
  });

  it('rolls the example framework up over the standard catalog, every criterion present', async () => {
    const run = await soc2('report', RESULTS, '--controls', join(PROJECT_ROOT, 'controls', 'examples', 'example-corp.yaml'));
    expect(run.code).toBe(1);
    const rows = run.stdout.split('\n').filter((line) => /^(CC|A|C|PI|P)\d\.\d+ /.test(line));
    expect(rows).toHaveLength(61);
    expect(run.stdout).toContain('Coverage  7 of 61 criteria have automated evidence; manual evidence only: 54.\n');
    // The example's controls name rules these results do not hold: they fail closed, by name.
    expect(run.stdout).toMatch(/^AC-03 +rule "iam-password-policy-strength" matches nothing in the results$/m);
  });

  it('exits 2 with a clear message for input that is not a results document', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ schemaVersion: 1, snapshot: { sha256: 'x', collectedAt: 'y' }, packs: [], results: [{ rule: 'r' }] }));
    expect(await soc2('report', bad)).toEqual({
      code: 2,
      stdout: '',
      stderr: `soc2: ${bad}: not a results document of soc2 evaluate: /results/0 must have required property 'title'\n`,
    });
    expect((await soc2('report', join(FIXTURES, 'mini-catalog.yaml'))).stderr).toMatch(/^soc2: .*mini-catalog\.yaml: not JSON: /);
    expect((await soc2('report', RESULTS, '--format', 'pdf')).code).toBe(2);
  });

  it('exits 2 listing every problem of a broken framework', async () => {
    const file = join(FIXTURES, 'bad-framework.yaml');
    expect(await soc2('report', RESULTS, '--controls', file)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `soc2: ${file}:9:23: control AC-01: unknown criterion "CC6.9" (not in catalog tsc-2017)\n` +
        `${file}:11:9: control AC-01 has no evidence: give it rules, manual evidence, or both\n` +
        `${file}:11:9: duplicate control id "AC-01"\n`,
    });
  });

  it('refuses a framework with schema violations, listing its other problems with them', async () => {
    const file = join(FIXTURES, 'mixed-problems-framework.yaml');
    expect(await soc2('report', RESULTS, '--controls', file)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `soc2: ${file}:9:23: control AC-01: unknown criterion "CC6.9" (not in catalog tsc-2017)\n` +
        `${file}:12:40: controls.0.manual.0.frequency must be one of "per-event", "daily", "weekly", "monthly", "quarterly", "semiannual", "annual"\n` +
        `${file}:13:5: controls.1: missing required field "description"\n` +
        `${file}:18:9: control AC-01 has no evidence: give it rules, manual evidence, or both\n` +
        `${file}:18:9: duplicate control id "AC-01"\n` +
        `${file}:22:15: controls.2.criteria must be array\n` +
        `${file}:24:9: controls.3.id must match pattern "^[A-Za-z0-9][A-Za-z0-9._-]*$"\n`,
    });
  });
});

describe('soc2 controls validate', () => {
  it('accepts the example framework against the standard pack', async () => {
    const file = join(PROJECT_ROOT, 'controls', 'examples', 'example-corp.yaml');
    const run = await soc2('controls', 'validate', file);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      new RegExp(`^OK: 26 controls in ${file.replace(/[.]/g, '\\.')} address 33 of 61 criteria of tsc-2017; checked against \\d+ rules \\(soc2-aws [\\d.]+\\); 0 warnings\n$`),
    );
  });

  it('exits 2 on an unknown rule, printing the selector warning with it on stdout', async () => {
    const file = join(FIXTURES, 'unknown-rules-framework.yaml');
    expect(await soc2('controls', 'validate', file, '--pack', join(PROJECT_ROOT, 'rules', 'soc2-aws'))).toEqual({
      code: 2,
      stdout:
        `${file}:12:9: control AC-01: unknown rule "iam-root-mfaa" (not in the packs loaded)\n` +
        `${file}:13:9: warning: control AC-01: selector { tags: [no-such-tag] } matches no rule in the packs loaded\n`,
      stderr: 'soc2: 1 error, 1 warning\n',
    });
  });

  it('prints schema violations and every other problem of the well-formed parts in one run, sorted', async () => {
    const file = join(FIXTURES, 'mixed-problems-framework.yaml');
    expect(await soc2('controls', 'validate', file)).toEqual({
      code: 2,
      stdout:
        `${file}:9:23: control AC-01: unknown criterion "CC6.9" (not in catalog tsc-2017)\n` +
        `${file}:10:35: control AC-01: unknown rule "iam-root-mfaa" (not in the packs loaded)\n` +
        `${file}:12:40: controls.0.manual.0.frequency must be one of "per-event", "daily", "weekly", "monthly", "quarterly", "semiannual", "annual"\n` +
        `${file}:13:5: controls.1: missing required field "description"\n` +
        `${file}:17:13: warning: control AC-02: selector { tags: [no-such-tag] } matches no rule in the packs loaded\n` +
        `${file}:18:9: control AC-01 has no evidence: give it rules, manual evidence, or both\n` +
        `${file}:18:9: duplicate control id "AC-01"\n` +
        `${file}:22:15: controls.2.criteria must be array\n` +
        `${file}:24:9: controls.3.id must match pattern "^[A-Za-z0-9][A-Za-z0-9._-]*$"\n`,
      stderr: 'soc2: 8 errors, 1 warning\n',
    });
  });

  it('prints warnings alone on stderr without failing', async () => {
    const file = join(dir, 'warning.yaml');
    const text = await readFile(join(FIXTURES, 'unknown-rules-framework.yaml'), 'utf8');
    await writeFile(file, text.replace('      - iam-root-mfaa\n', ''));
    const run = await soc2('controls', 'validate', file);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`${file}:12:9: warning: control AC-01: selector { tags: [no-such-tag] } matches no rule in the packs loaded\n`);
    expect(run.stdout).toMatch(/^OK: 1 control in .*; 1 warning\n$/);
  });
});
