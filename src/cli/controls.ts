import { join } from 'node:path';
import type { Command } from 'commander';
import { loadCatalog } from '../controls/catalog.ts';
import { throwIfErrors } from '../controls/checked-yaml.ts';
import { readFramework } from '../controls/framework.ts';
import { ruleReferenceProblems } from '../controls/validate.ts';
import { loadPacks } from '../rules/loader.ts';
import { PROJECT_ROOT } from '../version.ts';
import { formatProblem, type Problem } from '../yaml-source.ts';
import { collect } from './options.ts';

const DEFAULT_PACK_DIR = join(PROJECT_ROOT, 'rules', 'soc2-aws');

interface ValidateFlags {
  pack?: string[];
  catalog?: string;
}

export function register(program: Command): void {
  const controls = program.command('controls').description('Work with control frameworks (see docs/controls.md).');
  controls
    .command('validate')
    .description('Check a control framework against the criteria catalog and the rules of the packs.')
    .argument('<file>', 'the framework (YAML)')
    .option('--pack <dir>', 'rule pack whose rules the framework refers to; repeatable (default: the standard pack rules/soc2-aws)', collect)
    .option('--catalog <file>', 'criteria catalog (default: controls/tsc-2017.yaml)')
    .addHelpText(
      'after',
      '\nErrors: unknown criteria, unknown rule ids, duplicate control ids, controls with no evidence at all.\n' +
        'Warnings: selectors that match no rule.\nExit codes: 0 valid (warnings on stderr); 2 errors, each as file:line:col.',
    )
    .action(async (file: string, flags: ValidateFlags) => {
      const catalog = await loadCatalog(flags.catalog);
      const packs = await loadPacks(flags.pack ?? [DEFAULT_PACK_DIR]);
      const rules = packs.flatMap((pack) => pack.rules);
      const { framework, source, problems } = await readFramework(file, catalog);
      const warnings = throwIfErrors(framework ? [...problems, ...ruleReferenceProblems(framework, source, rules)] : problems);
      printWarnings(warnings);
      const addressed = new Set(framework!.controls.flatMap((control) => control.criteria));
      process.stdout.write(
        `${file}: ${framework!.controls.length} controls address ${addressed.size} of ${catalog.criteria.length} criteria of ${catalog.id}; ` +
          `checked against ${rules.length} rules (${packs.map((pack) => `${pack.name} ${pack.version}`).join(', ')}); ` +
          `${warnings.length} warning${warnings.length === 1 ? '' : 's'}\n`,
      );
    });
}

/** Warnings go to stderr, one located line each; they never change the exit code. */
export function printWarnings(warnings: readonly Problem[]): void {
  for (const warning of warnings) process.stderr.write(`${formatProblem(warning)}\n`);
}
