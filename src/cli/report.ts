import { Option, type Command } from 'commander';
import { loadCatalog } from '../controls/catalog.ts';
import { loadFramework } from '../controls/framework.ts';
import type { ReportDocument } from '../controls/report-document.ts';
import { readResultsFile } from '../controls/results-file.ts';
import { reportFails, rollUp } from '../controls/rollup.ts';
import { formatReportJson } from '../format/report-json.ts';
import { formatReportMarkdown } from '../format/report-markdown.ts';
import { formatReportTable } from '../format/report-table.ts';
import { writeTextAtomic } from '../fs-atomic.ts';
import { printWarnings } from './controls.ts';

const FORMATS: Record<string, (report: ReportDocument) => string> = {
  table: formatReportTable,
  markdown: formatReportMarkdown,
  json: formatReportJson,
};

interface ReportFlags {
  controls?: string;
  catalog?: string;
  format: keyof typeof FORMATS;
  output?: string;
}

export function register(program: Command): void {
  program
    .command('report')
    .description('Roll evaluation results up by criterion and, with --controls, by your own control framework.')
    .argument('<results>', 'results document written by soc2 evaluate')
    .option('--controls <file>', 'your control framework (YAML, see docs/controls.md)')
    .option('--catalog <file>', 'criteria catalog (default: controls/tsc-2017.yaml)')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(FORMATS)).default('table'))
    .option('-o, --output <file>', 'write the report to this file (atomically) instead of stdout')
    .addHelpText(
      'after',
      '\nExit codes: 0 nothing failed (pass, waived, not-applicable and manual do not fail);\n' +
        '1 a rule, criterion or control failed or could not be judged (error); 2 bad input.',
    )
    .action(async (resultsFile: string, flags: ReportFlags) => {
      const catalog = await loadCatalog(flags.catalog);
      const loaded = flags.controls ? await loadFramework(flags.controls, catalog) : undefined;
      printWarnings(loaded?.warnings ?? []);
      const report = rollUp(await readResultsFile(resultsFile), catalog, loaded?.framework);
      const text = FORMATS[flags.format]!(report);
      if (flags.output) await writeTextAtomic(flags.output, text);
      else process.stdout.write(text);
      if (reportFails(report)) process.exitCode = 1;
    });
}
