import type { Snapshot } from '../snapshot/schema.ts';
import { pointerOf, pointerSegments } from '../pointer.ts';
import type { Match } from './jsonpath.ts';

/**
 * The facts a condition may name. `resource` is the selected value; `account` and `region` the account and region
 * objects that contain it (when it is inside one); `snapshot` the whole document; `item` the element a `count`
 * is looking at (nested counts rebind it); `count` the quantifier, computed by the evaluator.
 */
export const FACT_NAMES: readonly string[] = ['resource', 'account', 'region', 'snapshot', 'item', 'count'];

/** The facts that name a place in the snapshot: every fact but `count`. */
export const PLACE_FACTS = ['resource', 'account', 'region', 'snapshot', 'item'] as const;
export type PlaceFact = (typeof PLACE_FACTS)[number];

/** Each place fact's value and pointer, for one evaluation. A fact that does not apply is left out. */
export type Bindings = Partial<Record<PlaceFact, Match>>;

/** The facts for a selected resource: itself, the snapshot, and the account and region it lives in. */
export function resourceBindings(snapshot: Snapshot, resource: Match): Bindings {
  const [top, accountId, regionsKey, region] = pointerSegments(resource.pointer);
  const bindings: Bindings = { resource, snapshot: { pointer: '', value: snapshot } };
  const account = top === 'accounts' && accountId !== undefined ? snapshot.accounts[accountId] : undefined;
  if (account) {
    bindings.account = { pointer: pointerOf(['accounts', accountId!]), value: account };
    const regional = regionsKey === 'regions' && region !== undefined ? account.regions?.[region] : undefined;
    if (regional) bindings.region = { pointer: pointerOf(['accounts', accountId!, 'regions', region!]), value: regional };
  }
  return bindings;
}
