import { compareStrings } from './compare.ts';

/** For "unknown name" messages: the distinct `names` nearest to `wanted` by edit distance (ties by name). */
export function closestNames(wanted: string, names: readonly string[], limit = 5): string[] {
  return [...new Set(names)]
    .map((name) => ({ name, distance: editDistance(wanted, name) }))
    .sort((a, b) => a.distance - b.distance || compareStrings(a.name, b.name))
    .slice(0, limit)
    .map(({ name }) => name);
}

/** Levenshtein distance: insertions, deletions and substitutions, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
