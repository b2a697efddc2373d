import { Option, type Command } from 'commander';
import { compareStrings } from '../compare.ts';
import { loadPacks } from '../rules/loader.ts';
import { resolvePackDirs, STANDARD_PACK_DIR } from '../rules/pack-source.ts';
import type { Pack } from '../rules/types.ts';
import { addPackOption, commaList } from './options.ts';

interface ListFlags {
  pack?: string[];
  criteria?: string[];
  format: 'table' | 'json';
}

/** One line of the listing. */
interface Listed {
  id: string;
  criteria: string[];
  severity: string;
  title: string;
  pack: string;
}

export function register(rules: Command): void {
  const list = rules.command('list').description('List the rules of packs: id, criteria, severity and title, sorted by id.');
  addPackOption(list, ' (default: the standard pack rules/soc2-aws)')
    .option('--criteria <ids>', 'only rules giving evidence for one of these criteria (comma-separated: CC6.1,CC7.2)', commaList)
    .addOption(new Option('--format <format>', 'table for people, json for scripts').choices(['table', 'json']).default('table'))
    .action(async (flags: ListFlags) => {
      const packs = await loadPacks(flags.pack ? await resolvePackDirs(flags.pack) : [STANDARD_PACK_DIR]);
      const listed = listedRules(packs, flags.criteria);
      process.stdout.write(flags.format === 'json' ? `${JSON.stringify(listed, null, 2)}\n` : formatTable(listed, flags.criteria));
    });
}

/** The packs' rules, sorted by id (then pack), keeping those with one of `criteria` when given. */
export function listedRules(packs: readonly Pack[], criteria?: readonly string[]): Listed[] {
  return packs
    .flatMap((pack) => pack.rules.map((rule) => ({ id: rule.id, criteria: rule.criteria, severity: rule.severity, title: rule.title, pack: pack.name })))
    .filter((rule) => !criteria || rule.criteria.some((id) => criteria.includes(id)))
    .sort((a, b) => compareStrings(a.id, b.id) || compareStrings(a.pack, b.pack));
}

const HEADINGS = { id: 'ID', criteria: 'CRITERIA', severity: 'SEVERITY', title: 'TITLE' };

function formatTable(listed: Listed[], criteria?: readonly string[]): string {
  if (listed.length === 0) return criteria ? `No rule gives evidence for ${criteria.join(', ')}.\n` : 'No rules.\n';
  const rows = [HEADINGS, ...listed.map((rule) => ({ ...rule, criteria: rule.criteria.join(',') }))];
  const width = (key: 'id' | 'criteria' | 'severity') => Math.max(...rows.map((row) => row[key].length));
  const [id, crit, severity] = [width('id'), width('criteria'), width('severity')];
  const lines = rows.map((row) => `${row.id.padEnd(id)}  ${row.criteria.padEnd(crit)}  ${row.severity.padEnd(severity)}  ${row.title}`);
  return `${lines.join('\n')}\n`;
}
