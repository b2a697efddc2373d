import { sortByKey } from './context.ts';

/** AWS's tag lists (`[{ Key, Value }]`) as the snapshot's tag maps, keys in sorted order. */
export function tagMap(list: { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  return Object.fromEntries(sortByKey(list ?? [], (tag) => tag.Key ?? '').map((tag) => [tag.Key ?? '', tag.Value ?? '']));
}
