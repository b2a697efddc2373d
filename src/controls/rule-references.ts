/** How a control names the rules that evidence it: by id, or by a selector over the rules' metadata. */

export interface RuleSelector {
  /** Rules that declare any of these criteria. */
  criteria?: string[];
  /** Rules that carry any of these tags. */
  tags?: string[];
}

export type RuleReference = string | RuleSelector;

/** What a reference is matched against: a loaded rule, or a rule as recorded in a results document. */
export interface RuleInfo {
  id: string;
  criteria: readonly string[];
  tags: readonly string[];
}

/** Ids of the rules a reference names, sorted; empty when it names none of them. */
export function matchingRules(reference: RuleReference, rules: readonly RuleInfo[]): string[] {
  const matches = rules.filter((rule) =>
    typeof reference === 'string'
      ? rule.id === reference
      : anyOf(reference.criteria, rule.criteria) && anyOf(reference.tags, rule.tags),
  );
  return [...new Set(matches.map((rule) => rule.id))].sort();
}

/** An absent list does not constrain; a present one needs at least one value in common. */
function anyOf(wanted: readonly string[] | undefined, have: readonly string[]): boolean {
  return wanted === undefined || wanted.some((value) => have.includes(value));
}

/** `rule "iam-root-mfa"`, or `selector { criteria: [CC7.2], tags: [logging] }`. */
export function describeReference(reference: RuleReference): string {
  if (typeof reference === 'string') return `rule "${reference}"`;
  const parts = (['criteria', 'tags'] as const)
    .filter((key) => reference[key] !== undefined)
    .map((key) => `${key}: [${reference[key]!.join(', ')}]`);
  return `selector { ${parts.join(', ')} }`;
}
