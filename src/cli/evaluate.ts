import { Option, type Command } from 'commander';
import { evaluate } from '../evaluate/evaluate.ts';
import type { ResultsDocument } from '../evaluate/results.ts';
import { formatResultsJson } from '../format/results-json.ts';
import { formatResultsTable } from '../format/results-table.ts';
import { writeJsonAtomic } from '../fs-atomic.ts';
import { applyExceptions, loadExceptions } from '../rules/exceptions.ts';
import { loadPacks } from '../rules/loader.ts';
import { resolvePackDirs } from '../rules/pack-source.ts';
import { readSnapshot } from '../snapshot/io.ts';
import { UserError } from '../user-error.ts';
import { formatProblem } from '../yaml-source.ts';
import { addPackOption, addParameterOptions, parameterOptions, type ParameterFlags } from './options.ts';

const FORMATS: Record<string, (results: ResultsDocument) => string> = {
  json: formatResultsJson,
  table: formatResultsTable,
};

interface EvaluateFlags extends ParameterFlags {
  pack?: string[];
  output?: string;
  exceptions?: string;
  format?: keyof typeof FORMATS;
}

export function register(program: Command): void {
  const command = program
    .command('evaluate')
    .description('Run rule packs over a snapshot: pass, fail, error, not-applicable or waived per resource, with evidence.')
    .argument('<snapshot>', 'snapshot written by soc2 snapshot (refused if its content does not match its hash)');
  addParameterOptions(addPackOption(command, ', at least one'))
    .option('--exceptions <file>', 'documented exceptions (YAML, see docs/exceptions.md): failures they cover become waived')
    .option('-o, --output <file>', 'write the results document (JSON) to this file, atomically')
    .addOption(new Option('--format <format>', 'what to print on stdout (default: json; table when -o is given)').choices(Object.keys(FORMATS)))
    .addHelpText(
      'after',
      '\nOutput: without -o, the results document (JSON) goes to stdout. With -o, it goes to the file and\n' +
        'stdout shows the table instead; --format overrides what stdout shows.\n' +
        'Exit codes: 0 nothing failed (pass, not-applicable, waived); 1 a result is fail or error (error\n' +
        'means the evidence is incomplete, so a CI gate must not pass on it); 2 bad input.\n',
    )
    .action(async (snapshotFile: string, flags: EvaluateFlags) => {
      if (!flags.pack?.length) throw new UserError('evaluate needs at least one --pack <dir>');
      const snapshot = await readSnapshot(snapshotFile);
      const packs = await loadPacks(await resolvePackDirs(flags.pack), await parameterOptions(flags));
      const exceptions = flags.exceptions ? await loadExceptions(flags.exceptions, packs.flatMap((p) => p.rules.map((r) => r.id))) : undefined;
      const evaluated = await evaluate(snapshot, packs);
      const { results, warnings } = exceptions ? applyExceptions(evaluated, exceptions) : { results: evaluated, warnings: [] };
      for (const warning of warnings) process.stderr.write(`${formatProblem(warning)}\n`);
      if (flags.output) await writeJsonAtomic(flags.output, results);
      const format = flags.format ?? (flags.output ? 'table' : 'json');
      process.stdout.write(FORMATS[format]!(results));
      if (results.summary.fail > 0 || results.summary.error > 0) process.exitCode = 1;
    });
}
