import type { Command } from 'commander';
import { loadCatalog } from '../controls/catalog.ts';
import { throwIfErrors } from '../controls/checked-yaml.ts';
import { readFramework } from '../controls/framework.ts';
import { ruleReferenceProblems } from '../controls/validate.ts';
import { loadPacks } from '../rules/loader.ts';
import { resolvePackDirs, STANDARD_PACK_DIR } from '../rules/pack-source.ts';
import { formatProblem, type Problem } from '../yaml-source.ts';
import { addPackOption } from './options.ts';

interface ValidateFlags {
  pack?: string[];
  catalog?: string;
}

export function register(program: Command): void {
  const controls = program.command('controls').description('Work with control frameworks (see docs/controls.md).');
  const validate = controls
    .command('validate')
    .description('Check a control framework against the criteria catalog and the rules of the packs.')
    .argument('<file>', 'the framework (YAML)');
  addPackOption(validate, ' (default: the standard pack rules/soc2-aws)')
    .option('--catalog <file>', 'criteria catalog (default: controls/tsc-2017.yaml)')
    .addHelpText(
      'after',
      '\nErrors: unknown criteria, unknown rule ids, duplicate control ids, controls with no evidence at all.\n' +
        'Warnings: selectors that match no rule.\nExit codes: 0 valid (warnings on stderr); 2 errors, each as file:line:col.',
    )
    .action(async (file: string, flags: ValidateFlags) => {
      const catalog = await loadCatalog(flags.catalog);
      const packs = await loadPacks(flags.pack ? await resolvePackDirs(flags.pack) : [STANDARD_PACK_DIR]);
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
