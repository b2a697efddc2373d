import { InvalidArgumentError } from 'commander';

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
