import type { Command } from 'commander';
import { formatRuleTestRun } from '../format/rule-tests-text.ts';
import { resolvePackDirs } from '../rules/pack-source.ts';
import { runRuleTests } from '../rules/rule-tests.ts';
import { formatProblem } from '../yaml-source.ts';

export function register(rules: Command): void {
  rules
    .command('test')
    .description("Run each rule's test cases (<rule>.test.yaml beside it): snapshot fragments and the status expected per resource.")
    .argument('<pack...>', 'rule packs: folders, or installed npm packages carrying one')
    .addHelpText(
      'after',
      '\nEach failing case is printed with the rule, the case, expected and actual per resource, and the evidence.\n' +
        'See docs/rule-tests.md. Exit codes: 0 every case passed; 1 a case failed; 2 bad input (a broken pack or\n' +
        'test file: every error as file:line:col).',
    )
    .action(async (packs: string[]) => {
      const run = await runRuleTests(await resolvePackDirs(packs));
      for (const warning of run.warnings) process.stderr.write(`${formatProblem(warning)}\n`);
      process.stdout.write(formatRuleTestRun(run));
      if (run.outcomes.some((outcome) => !outcome.passed)) process.exitCode = 1;
    });
}
