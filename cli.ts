#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { UserError } from './src/user-error.ts';
import { TOOL } from './src/version.ts';
import { register as registerSnapshot } from './src/cli/snapshot.ts';
import { register as registerVerify } from './src/cli/verify.ts';
import { register as registerEvaluate } from './src/cli/evaluate.ts';
import { register as registerControls } from './src/cli/controls.ts';
import { register as registerReport } from './src/cli/report.ts';
import { register as registerRules } from './src/cli/rules.ts';
import { register as registerExplain } from './src/cli/explain.ts';

/**
 * Exit codes, for CI pipelines to gate on:
 * 0 nothing failed; 1 a rule failed; 2 bad input (flags, rule files, a corrupt snapshot);
 * 3 collection errors under --strict; 70 an internal error (a bug: please report it).
 */
const program = new Command('soc2')
  .description('Turns the state of AWS accounts into audit-grade SOC 2 evidence.')
  .version(TOOL.version)
  .exitOverride()
  .showHelpAfterError('(run with --help for usage)')
  .addHelpText(
    'after',
    `
The pipeline:
  soc2 snapshot --regions us-east-1,eu-west-1 -o snapshot.json
  soc2 evaluate snapshot.json --pack rules/soc2-aws -o results.json
  soc2 report results.json --controls controls/examples/example-corp.yaml --format markdown

Exit codes: 0 nothing failed; 1 something failed or could not be evaluated; 2 bad input;
3 snapshot --strict with collection errors; 70 internal error.`,
  );

registerSnapshot(program);
registerVerify(program);
registerEvaluate(program);
registerControls(program);
registerReport(program);
registerRules(program);
registerExplain(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    const ok = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
    process.exitCode = ok ? 0 : 2;
  } else if (error instanceof UserError) {
    process.stderr.write(`soc2: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`soc2: internal error (please report it): ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 70;
  }
}
