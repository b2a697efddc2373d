import type { CollectionError, Snapshot } from '../snapshot/schema.ts';
import { pointerOf } from '../pointer.ts';
import { couldHoldMatches } from './jsonpath.ts';

/** The snapshot's collection errors at any of `pointers` or above one: why that data is absent. In snapshot order. */
export function errorsExplaining(errors: CollectionError[], pointers: string[]): CollectionError[] {
  return errors.filter((e) => pointers.some((p) => p === e.pointer || p.startsWith(`${e.pointer}/`)));
}

/**
 * The places the snapshot says are incomplete: each collection error's, then each account in the manifest's scope
 * with no entry under `accounts` and each region the manifest lists for an account with no entry under its
 * `regions`. The collector records an error for those too; a document without it still fails closed.
 */
export function incompletePlaces({ errors, manifest, accounts }: Snapshot): string[] {
  const unlisted = manifest.scope.accounts.flatMap((id) => {
    if (!Object.hasOwn(accounts, id)) return [pointerOf(['accounts', id])];
    const regions = accounts[id]!.regions ?? {};
    return (manifest.accounts?.[id]?.regions ?? []).filter((region) => !Object.hasOwn(regions, region)).map((region) => pointerOf(['accounts', id, 'regions', region]));
  });
  return [...new Set([...errors.map((e) => e.pointer), ...unlisted])];
}

/**
 * Of the `incomplete` places (see `incompletePlaces`), those that may have hidden matches of `path` (evaluated at
 * `basePointer`): a region whose trails could not be listed would otherwise silently drop out of a selection or a count.
 */
export function gapPointers(incomplete: readonly string[], basePointer: string, path: string): string[] {
  return incomplete.filter((pointer) => couldHoldMatches(pointer, basePointer, path));
}

/** One sentence on data a rule needed and did not get, naming the places and the failed calls. */
export function absentDataMessage(absent: string[], explaining: CollectionError[]): string {
  const places = absent.length > 3 ? `${absent.slice(0, 3).join(', ')} and ${absent.length - 3} more` : absent.join(', ');
  if (explaining.length === 0) return `missing from the snapshot, and no collection error explains it: ${places}`;
  const calls = [...new Set(explaining.map((e) => `${e.service}:${e.operation} ${e.code}`))].join('; ');
  return `not collected: ${places} (${calls})`;
}
