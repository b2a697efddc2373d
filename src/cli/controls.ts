import type { Command } from 'commander';
import { loadCatalog } from '../controls/catalog.ts';
import { readFramework } from '../controls/framework.ts';
import { ruleReferenceProblems } from '../controls/validate.ts';
import { loadPacks } from '../rules/loader.ts';
import { resolvePackDirs, STANDARD_PACK_DIR } from '../rules/pack-source.ts';
import { formatProblem, sortProblems, type Problem } from '../yaml-source.ts';
import { addPackOption } from './options.ts';
import { counted } from '../plural.ts';

interface ValidateFlags {
  pack?: string[];
  catalog?: string;
}

export function register(program: Command): void {
  const controls = program.command('controls').description('Work with control frameworks (see docs/controls.md).');
  const validate = controls
    .command('validate')
    .description('Check a control framework against the criteria catalog and the rules of the packs: every problem at once.')
    .argument('<file>', 'the framework (YAML)');
  addPackOption(validate, ' (default: the standard pack rules/soc2-aws)')
    .option('--catalog <file>', 'criteria catalog (default: controls/tsc-2017.yaml)')
    .addHelpText(
      'after',
      '\nErrors: schema violations, unknown criteria, unknown rule ids, duplicate control ids, controls with no\n' +
        'evidence at all. Warnings: selectors that match no rule.\n' +
        'Exit codes: 0 valid (warnings on stderr); 2 problems, each on stdout as file:line:col: message.',
    )
    .action(async (file: string, flags: ValidateFlags) => {
      const catalog = await loadCatalog(flags.catalog);
      const packs = await loadPacks(flags.pack ? await resolvePackDirs(flags.pack) : [STANDARD_PACK_DIR]);
      const rules = packs.flatMap((pack) => pack.rules);
      const read = await readFramework(file, catalog);
      const problems = sortProblems([...read.problems, ...ruleReferenceProblems(read.controls, read.source, rules)]);
      const errors = problems.filter((problem) => problem.severity === 'error').length;
      if (errors > 0) {
        // The problems are what was asked for: on stdout, one per line, for editors and CI annotations to read.
        process.stdout.write(problems.map((problem) => `${formatProblem(problem)}\n`).join(''));
        process.stderr.write(`soc2: ${counted(errors, 'error')}, ${counted(problems.length - errors, 'warning')}\n`);
        process.exitCode = 2;
        return;
      }
      printWarnings(problems);
      const { framework } = read;
      const addressed = new Set(framework!.controls.flatMap((control) => control.criteria));
      process.stdout.write(
        `OK: ${counted(framework!.controls.length, 'control')} in ${file} address ${addressed.size} of ${catalog.criteria.length} criteria of ${catalog.id}; ` +
          `checked against ${counted(rules.length, 'rule')} (${packs.map((pack) => `${pack.name} ${pack.version}`).join(', ')}); ` +
          `${counted(problems.length, 'warning')}\n`,
      );
    });
}

/** Warnings go to stderr, one located line each; they never change the exit code. */
export function printWarnings(warnings: readonly Problem[]): void {
  for (const warning of warnings) process.stderr.write(`${formatProblem(warning)}\n`);
}

