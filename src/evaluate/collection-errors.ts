import type { CollectionError } from '../snapshot/schema.ts';
import { couldHoldMatches } from './jsonpath.ts';

/** The snapshot's collection errors at any of `pointers` or above one: why that data is absent. In snapshot order. */
export function errorsExplaining(errors: CollectionError[], pointers: string[]): CollectionError[] {
  return errors.filter((e) => pointers.some((p) => p === e.pointer || p.startsWith(`${e.pointer}/`)));
}

/**
 * Pointers of collection errors that may have hidden matches of `path` (evaluated at `basePointer`): a region
 * whose trails could not be listed would otherwise silently drop out of a selection or a count.
 */
export function gapPointers(errors: CollectionError[], basePointer: string, path: string): string[] {
  return errors.filter((e) => couldHoldMatches(e.pointer, basePointer, path)).map((e) => e.pointer);
}

/** One sentence on data a rule needed and did not get, naming the places and the failed calls. */
export function absentDataMessage(absent: string[], explaining: CollectionError[]): string {
  const places = absent.length > 3 ? `${absent.slice(0, 3).join(', ')} and ${absent.length - 3} more` : absent.join(', ');
  if (explaining.length === 0) return `missing from the snapshot, and no collection error explains it: ${places}`;
  const calls = [...new Set(explaining.map((e) => `${e.service}:${e.operation} ${e.code}`))].join('; ');
  return `not collected: ${places} (${calls})`;
}
