import { InvalidArgumentError, type Command } from 'commander';
import type { LoadOptions } from '../rules/loader.ts';
import { readParameterFile } from '../rules/parameter-file.ts';

/** Parsers for flag values, shared by every command: a bad value is a usage error (exit 2), not a crash. */

export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('must be a positive integer');
  return number;
}

export function commaList(value: string): string[] {
  const items = value.split(',').map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('must be a comma-separated list');
  return items;
}

/** For repeatable flags: `--pack a --pack b`. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `--param name=value`, collected into one record; the value is JSON when it parses (`90`, `true`), else text. */
export function parameter(text: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const match = /^([^=]+)=(.*)$/s.exec(text);
  if (!match) throw new InvalidArgumentError('expected name=value');
  const [, name, raw] = match as unknown as [string, string, string];
  if (Object.hasOwn(previous, name)) throw new InvalidArgumentError(`parameter "${name}" is given twice`);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  return { ...previous, [name]: value };
}

/** `--pack`: every command that reads rule packs takes it the same way (see src/rules/pack-source.ts). */
export function addPackOption(command: Command, defaultNote = ''): Command {
  return command.option('--pack <dir|package>', `rule pack: a folder, or an installed npm package carrying one; repeatable${defaultNote}`, collect);
}

export interface ParameterFlags {
  param?: Record<string, unknown>;
  params?: string;
}

/** `--param` and `--params`: pack parameter overrides, for every command that loads packs to run or check them. */
export function addParameterOptions(command: Command): Command {
  return command
    .option('--param <name=value>', 'override a pack parameter; repeatable; the value is read as JSON when it parses, else as text', parameter)
    .option('--params <file>', 'YAML file of parameter overrides (name: value); a --param of the same name wins');
}

/** The overrides the flags ask for, for the loader: the file's, then `--param`'s on top. */
export async function parameterOptions(flags: ParameterFlags): Promise<LoadOptions> {
  const file = flags.params ? await readParameterFile(flags.params) : { params: {}, paramLocations: {} };
  const given = flags.param ?? {};
  const paramLocations = Object.fromEntries(Object.entries(file.paramLocations).filter(([name]) => !Object.hasOwn(given, name)));
  return { params: { ...file.params, ...given }, paramLocations };
}
