import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRuleTestRun } from '../../src/format/rule-tests-text.ts';
import { loadPacks } from '../../src/rules/loader.ts';
import { runRuleTests } from '../../src/rules/rule-tests.ts';
import { PROJECT_ROOT } from '../../src/version.ts';
import { runCli } from '../support/cli.ts';

const PACK = join(PROJECT_ROOT, 'rules', 'soc2-aws');

describe('the test cases of rules/soc2-aws', () => {
  it('all pass, and every rule has cases', async () => {
    const run = await runRuleTests([PACK]);
    const failed = run.outcomes.filter((outcome) => !outcome.passed);
    // On failure, the runner's own report says which case and why.
    expect(failed.length, formatRuleTestRun({ outcomes: failed, warnings: [] })).toBe(0);
    expect(run.warnings).toEqual([]);
  });

  it('give every rule a passing case, a failing case, and a case where its data is absent (error)', async () => {
    const [pack] = await loadPacks([PACK]);
    const run = await runRuleTests([PACK]);
    for (const rule of pack!.rules) {
      const expected = new Set<string>(run.outcomes.filter((o) => o.rule === rule.id).flatMap((o) => o.expectations.map((e) => e.expected)));
      const lacking = ['pass', 'fail', 'error'].filter((status) => !expected.has(status));
      expect(lacking, `${rule.id} has no case expecting ${lacking.join(', ')}`).toEqual([]);
    }
  });

  it('pass through the command: exit 0, one line per case, the summary last', async () => {
    const { code, stdout, stderr } = await runCli(['rules', 'test', PACK]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    const cases = lines.slice(0, -1);
    expect(cases.every((line) => line.startsWith('ok    '))).toBe(true);
    expect(lines.at(-1)).toBe(`${cases.length} passed, 0 failed`);
    expect(stderr).toBe('');
  });
});
