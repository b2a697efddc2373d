import type { Problem, YamlSource } from '../yaml-source.ts';
import { located } from './checked-yaml.ts';
import type { ControlFields } from './framework.ts';
import { describeReference, matchingRules, type RuleInfo } from './rule-references.ts';

/**
 * Checks the controls' rule references against the rules of the packs loaded. An unknown rule id is an error
 * (a typo would silently drop evidence); a selector matching nothing is a warning (packs grow, and the report
 * fails the control closed until a rule matches). Controls whose `rules` the schema rejected are skipped.
 */
export function ruleReferenceProblems(controls: readonly ControlFields[], source: YamlSource, rules: readonly RuleInfo[]): Problem[] {
  return controls.flatMap(({ index: c, id, rules: references = [] }) =>
    references.flatMap((reference, r) => {
      if (matchingRules(reference, rules).length > 0) return [];
      const path = ['controls', c, 'rules', r];
      return typeof reference === 'string'
        ? [located(source, path, `control ${id}: unknown rule "${reference}" (not in the packs loaded)`)]
        : [located(source, path, `control ${id}: ${describeReference(reference)} matches no rule in the packs loaded`, 'warning')];
    }),
  );
}
