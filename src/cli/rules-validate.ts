import type { Command } from 'commander';
import { loadCatalog } from '../controls/catalog.ts';
import { loadPacksWithProblems, problemLines } from '../rules/loader.ts';
import { resolvePackDirs } from '../rules/pack-source.ts';
import { formatProblem } from '../yaml-source.ts';
import { addParameterOptions, parameterOptions, type ParameterFlags } from './options.ts';
import { counted } from '../plural.ts';

interface ValidateFlags extends ParameterFlags {
  catalog?: string;
}

export function register(rules: Command): void {
  const validate = rules
    .command('validate')
    .description('Check rule packs without running them: every problem at once, as file:line:col: message.')
    .argument('<pack...>', 'rule pack folders, or installed npm packages carrying one')
    .option('--catalog <file>', 'criteria catalog the rules\' criteria must be in (default: controls/tsc-2017.yaml)');
  addParameterOptions(validate)
    .addHelpText(
      'after',
      '\nChecks: the JSON Schema (schemas/rule.schema.json, schemas/pack.schema.json), JSONPaths, facts,\n' +
        "operators and their values, parameters (with any overrides given), duplicate ids across the packs,\n" +
        'and criteria against the catalog. See docs/rules.md.\n' +
        'Exit codes: 0 valid (warnings on stderr); 2 problems, each on stdout as file:line:col: message.',
    )
    .action(async (specs: string[], flags: ValidateFlags) => {
      const dirs = await resolvePackDirs(specs);
      const catalog = await loadCatalog(flags.catalog);
      const criteria = catalog.criteria.map((criterion) => criterion.id);
      const result = await loadPacksWithProblems(dirs, { ...(await parameterOptions(flags)), criteria });
      const errors = result.overrideProblems.length + result.problems.filter((p) => p.severity === 'error').length;
      if (errors > 0) {
        // The problems are what was asked for: on stdout, one per line, for editors and CI annotations to read.
        process.stdout.write(problemLines(result).map((line) => `${line}\n`).join(''));
        const warnings = result.problems.length + result.overrideProblems.length - errors;
        process.stderr.write(`soc2: ${counted(errors, 'error')}, ${counted(warnings, 'warning')}\n`);
        process.exitCode = 2;
        return;
      }
      for (const warning of result.problems) process.stderr.write(`${formatProblem(warning)}\n`);
      const rulesCount = result.packs.reduce((sum, pack) => sum + pack.rules.length, 0);
      const packs = result.packs.map((pack) => `${pack.name} ${pack.version}`).join(', ');
      process.stdout.write(`OK: ${counted(rulesCount, 'rule')} in ${packs}; criteria checked against ${catalog.id}; ${counted(result.problems.length, 'warning')}\n`);
    });
}

