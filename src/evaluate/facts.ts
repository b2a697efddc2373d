import type { AttachedPolicy, InlinePolicy, Snapshot } from '../snapshot/schema.ts';
import { pointerOf, pointerSegments } from '../pointer.ts';
import { missing, query, read, type Match } from './jsonpath.ts';
import { gapPointers } from './collection-errors.ts';

/**
 * The facts a condition may name. `resource` is the selected value; `account` and `region` the account and region
 * objects that contain it (when it is inside one); `snapshot` the whole document; `item` the element a `count`
 * is looking at (nested counts rebind it); `count` the quantifier, computed by the evaluator; and the derived
 * facts of `DERIVED_FACTS`, which follow ARNs and names from the resource to related data.
 */
export const PLACE_FACTS = ['resource', 'account', 'region', 'snapshot', 'item'] as const;
export type PlaceFact = (typeof PLACE_FACTS)[number];

/** Each place fact's value and pointer, for one evaluation. A fact that does not apply is left out. */
export type Bindings = Partial<Record<PlaceFact, Match>>;

/** What a derived fact found: places in the snapshot, in a stable order, and the places it needed that are absent. */
export interface Derived {
  places: Match[];
  absent: string[];
}

/**
 * Facts computed from the resource by joins through the snapshot, so that rules do not each re-walk it. The value
 * is the list of the places' values; every pointer a condition reads in it leads to the place in the snapshot.
 * A derived fact that does not apply to the resource throws: the result is `error`, saying why.
 */
const DERIVED_FACTS: Record<string, (bindings: Bindings) => Derived> = {
  /**
   * The policy documents that apply to an IAM user, group or role: its inline policies, its attached managed
   * policies (the default version's document, found by ARN in `iam.policies`), and for a user the same for every
   * group it belongs to (found by name in `iam.groups`). The resource is the identity itself or any record
   * carrying its ARN, such as a credential report row. Permissions boundaries, SCPs and resource policies are
   * not applied. Use it with `policyAllows`, or `count` over `$[*].Statement[*]`.
   */
  identityPolicies,
};

export const DERIVED_FACT_NAMES: readonly string[] = Object.keys(DERIVED_FACTS);
export const FACT_NAMES: readonly string[] = [...PLACE_FACTS, 'count', ...DERIVED_FACT_NAMES];
/** The facts a `count` can count in (`params.fact`). */
export const COUNTABLE_FACTS: readonly string[] = [...PLACE_FACTS, ...DERIVED_FACT_NAMES];

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

/** What a condition read in a fact; `pointer` is null for the whole of a derived fact (its places are many). */
export interface FactReading {
  value: unknown;
  pointer: string | null;
  evidence: { pointer: string; value?: unknown }[];
  absent: string[];
}

/** A fact's value, read the way the evaluator reads it: with pointers into the snapshot. */
export interface FactValue {
  value: unknown;
  /**
   * Reads `path` in the value (the whole value without a path); the `incomplete` places (`incompletePlaces`) that
   * could hold matches of the path are absent, as for `items`: a `..` or `*` only matches what was collected.
   */
  read(path: string | undefined, incomplete: readonly string[]): FactReading;
  /** The matches of `path` (for `count`), and the places that could hold more but are absent or not collected. */
  items(path: string, incomplete: readonly string[]): { pointer: string | null; matches: Match[]; absent: string[] };
}

/** Fact `name` for these bindings; throws when the resource does not have it. */
export function factValue(name: string, bindings: Bindings): FactValue {
  if (Object.hasOwn(DERIVED_FACTS, name)) return derivedValue(derive(name, bindings));
  const bound = (PLACE_FACTS as readonly string[]).includes(name) ? bindings[name as PlaceFact] : undefined;
  if (!bound) throw new Error(`the conditions read fact "${name}", which this resource does not have`);
  return {
    value: bound.value,
    read: (path, incomplete) => {
      if (path === undefined) return { value: bound.value, pointer: bound.pointer, evidence: [bound], absent: [] };
      const reading = read(bound.value, bound.pointer, path);
      return { ...reading, absent: [...new Set([...reading.absent, ...gapPointers(incomplete, bound.pointer, path)])] };
    },
    items: (path, incomplete) => ({
      pointer: read(bound.value, bound.pointer, path).pointer,
      matches: query(bound.value, bound.pointer, path),
      absent: [...missing(bound.value, bound.pointer, path), ...gapPointers(incomplete, bound.pointer, path)],
    }),
  };
}

/** Derived facts are computed once per resource, however many conditions and counted items read them. */
const derivedByResource = new WeakMap<Match, Map<string, Derived>>();

function derive(name: string, bindings: Bindings): Derived {
  const resource = bindings.resource!;
  let derived = derivedByResource.get(resource);
  if (!derived) derivedByResource.set(resource, (derived = new Map()));
  let result = derived.get(name);
  if (!result) derived.set(name, (result = DERIVED_FACTS[name]!(bindings)));
  return result;
}

/**
 * A derived fact read as the list of its places' values: a path is evaluated over that list, and each pointer
 * `/i/rest` it yields is the i-th place's pointer followed by `/rest`.
 */
function derivedValue({ places, absent }: Derived): FactValue {
  const list = places.map((place) => place.value);
  const rebase = (pointer: string): string | null => {
    if (pointer === '') return null;
    const [index, ...rest] = pointerSegments(pointer);
    const place = places[Number(index)];
    if (!place) throw new Error(`the derived fact has no element ${index}: it has ${places.length}`);
    return place.pointer + pointerOf(rest);
  };
  const rebased = (pointers: string[]) => pointers.map((p) => rebase(p)!);
  return {
    value: list,
    read: (path) => {
      if (path === undefined) return { value: list, pointer: null, evidence: places, absent };
      const reading = read(list, '', path);
      // The list itself (path `$`) is quoted as its places.
      const evidence = reading.evidence.flatMap((e) => (e.pointer === '' ? places : [{ ...e, pointer: rebase(e.pointer)! }]));
      return { value: reading.value, pointer: rebase(reading.pointer), evidence, absent: [...absent, ...rebased(reading.absent)] };
    },
    items: (path) => ({
      pointer: rebase(read(list, '', path).pointer),
      matches: query(list, '', path).map((m) => ({ pointer: rebase(m.pointer)!, value: m.value })),
      absent: [...absent, ...rebased(missing(list, '', path))],
    }),
  };
}

// ------------------------------------------------------------------------------------------ identityPolicies

/** The parts of an IAM user, group or role that say which policies apply to it. */
interface Identity {
  arn: string;
  groupName?: string;
  inlinePolicies: InlinePolicy[];
  attachedManagedPolicies: AttachedPolicy[];
  /** A user's groups, by name. */
  groups?: string[];
}

const IDENTITY_LISTS = { user: 'users', group: 'groups', role: 'roles' } as const;

function identityPolicies(bindings: Bindings): Derived {
  const arn = (bindings.resource!.value as { arn?: unknown } | null)?.arn;
  const kind = typeof arn === 'string' ? /^arn:[^:]+:iam::\d{12}:(user|group|role)\//.exec(arn)?.[1] : undefined;
  if (kind === undefined || !bindings.account) {
    throw new Error(`identityPolicies applies to IAM users, groups and roles (or records carrying their ARN); this resource's ARN is ${JSON.stringify(arn ?? null)}`);
  }
  const iam = new IamIndex(bindings.account);
  const self = iam.find<Identity>(IDENTITY_LISTS[kind as keyof typeof IDENTITY_LISTS], (identity) => identity.arn === arn, `IAM ${kind} ${arn}`);
  if (!self) return iam.found;
  iam.addPolicies(self);
  // Only users belong to groups: a group or role has no `groups` list.
  for (const name of kind === 'user' ? iam.listOf(self, 'groups') : []) {
    const group = iam.find<Identity>('groups', (g) => g.groupName === name, `group ${name} of ${arn}`);
    if (group) iam.addPolicies(group);
  }
  return iam.found;
}

/** Lookups in one account's IAM data, collecting the documents found and the places that are absent. */
class IamIndex {
  readonly found: Derived = { places: [], absent: [] };
  private readonly account: Match;

  constructor(account: Match) {
    this.account = account;
  }

  /** The first item of `iam[list]` that `match`es; undefined (recorded as absent) when the list was not collected. */
  find<T>(list: string, match: (item: T) => boolean, what: string): { pointer: string; value: T } | undefined {
    const listPointer = `${this.account.pointer}/iam/${list}`;
    const iam = (this.account.value as { iam?: Record<string, unknown> }).iam;
    const items = iam?.[list] as T[] | undefined;
    if (items === undefined) {
      this.found.absent.push(iam === undefined ? `${this.account.pointer}/iam` : listPointer);
      return undefined;
    }
    const index = items.findIndex(match);
    if (index === -1) throw new Error(`identityPolicies: ${what} is not in the snapshot (${listPointer})`);
    return { pointer: `${listPointer}/${index}`, value: items[index]! };
  }

  /** A list of the identity's own; empty (recorded as absent) when it is not in the snapshot. */
  listOf<K extends 'groups' | 'inlinePolicies' | 'attachedManagedPolicies'>(identity: { pointer: string; value: Identity }, field: K): NonNullable<Identity[K]> {
    const list = identity.value[field];
    if (list === undefined) this.found.absent.push(`${identity.pointer}/${field}`);
    return list ?? ([] as NonNullable<Identity[K]>);
  }

  addPolicies(identity: { pointer: string; value: Identity }): void {
    const { pointer } = identity;
    this.listOf(identity, 'inlinePolicies').forEach((policy, i) => this.addDocument(`${pointer}/inlinePolicies/${i}/document`, policy.document));
    this.listOf(identity, 'attachedManagedPolicies').forEach(({ policyArn }, i) => {
      const what = `managed policy ${policyArn} (attached at ${pointer}/attachedManagedPolicies/${i})`;
      const policy = this.find<{ arn: string; document?: unknown }>('policies', (p) => p.arn === policyArn, what);
      if (policy) this.addDocument(`${policy.pointer}/document`, policy.value.document);
    });
  }

  /** A policy document that could not be parsed is absent: a Deny in it could change the answer. */
  private addDocument(pointer: string, document: unknown): void {
    if (document === undefined) this.found.absent.push(pointer);
    else this.found.places.push({ pointer, value: document });
  }
}
