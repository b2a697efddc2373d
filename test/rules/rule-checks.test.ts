import { describe, expect, it } from 'vitest';
import { guardPackSource } from '../../src/rules/pack-files.ts';
import { checkRuleSource, type RuleContext } from '../../src/rules/rule-file.ts';
import { formatProblem, parseYaml } from '../../src/yaml-source.ts';
import { ruleYaml } from './support.ts';

const CONTEXT: RuleContext = { pack: 'p', parameters: { pattern: '(unclosed', days: 30 } };

function check(conditions: string, context: RuleContext = CONTEXT) {
  return checkRuleSource(guardPackSource(parseYaml('rule.yaml', ruleYaml('r', conditions))), context);
}
const problems = (conditions: string, context?: RuleContext) => check(conditions, context).problems.map(formatProblem);

describe('operator values checked when the pack loads', () => {
  it('locates a bad literal at the value, and a bad parameter at its reference', () => {
    expect(
      problems(
        [
          '  all:',
          '    - { fact: resource, path: $.name, operator: matchesRegex, value: "(a" }',
          '    - { fact: resource, path: $.name, operator: matchesRegex, value: { param: pattern } }',
          '    - { fact: resource, path: $.cidr, operator: cidrOverlaps, value: [10.0.0.0/8, nope] }',
          '    - { fact: resource, path: $.doc, operator: policyAllowsAny, value: [] }',
          '    - { fact: resource, path: $.at, operator: withinDays, value: { param: days } }',
        ].join('\n'),
      ),
    ).toEqual([
      'rule.yaml:8:70: matchesRegex pattern "(a" is not a valid RE2 pattern: error parsing regexp: missing closing ): `(a`',
      'rule.yaml:9:79: parameter "pattern": matchesRegex pattern "(unclosed" is not a valid RE2 pattern: error parsing regexp: missing closing ): `(unclosed`',
      'rule.yaml:10:70: cidrOverlaps: "nope" is not a CIDR (a.b.c.d/n or an IPv6 prefix)',
      'rule.yaml:11:72: policyAllowsAny needs a non-empty list of an action ("s3:GetObject") or { action, resource } as its value, got []',
    ]);
  });

  it('checks values inside a count quantifier too', () => {
    const nested = [
      '  all:',
      '    - fact: count',
      '      params:',
      '        fact: resource',
      '        path: $.ingress[*]',
      '        where: { all: [{ fact: item, path: $.cidrIpv4, operator: isPublicCidr, value: yes please }] }',
      '      operator: equal',
      '      value: 0',
    ].join('\n');
    expect(problems(nested)).toEqual(['rule.yaml:12:87: isPublicCidr needs true or false as its value, got "yes please"']);
  });

  it('loads a rule using the project operators', () => {
    const loaded = check(
      [
        '  all:',
        '    - { fact: resource, path: $.name, operator: matchesRegex, value: "(?i)^prod-" }',
        '    - { fact: resource, path: $.cidr, operator: isPublicCidr, value: false }',
        '    - { fact: identityPolicies, operator: policyAllows, value: { action: "s3:GetObject", resource: "arn:aws:s3:::b/*" } }',
      ].join('\n'),
    );
    expect(loaded.problems).toEqual([]);
    expect(loaded.rule?.conditions).toEqual({
      all: [
        { fact: 'resource', path: '$.name', operator: 'matchesRegex', value: '(?i)^prod-' },
        { fact: 'resource', path: '$.cidr', operator: 'isPublicCidr', value: false },
        { fact: 'identityPolicies', operator: 'policyAllows', value: { action: 's3:GetObject', resource: 'arn:aws:s3:::b/*' } },
      ],
    });
  });
});

describe('facts, decorators and quantifiers', () => {
  it('refuses operator decorators with what to write instead', () => {
    expect(problems('  all:\n    - { fact: resource, path: $.x, operator: "not:equal", value: 1 }')).toEqual([
      'rule.yaml:8:46: operator decorator "not:" is not supported: put the comparison in a `not` group',
    ]);
  });

  it('checks a value that names another fact like the comparison itself', () => {
    expect(
      problems(
        [
          '  all:',
          '    - { fact: resource, path: $.a, operator: equal, value: { fact: resources, path: $.b } }',
          '    - { fact: resource, path: $.a, operator: equal, value: { fact: resource, path: "$..[?(@.x)]" } }',
          '    - { fact: resource, path: $.a, operator: equal, value: { fact: resource, paths: $.b } }',
        ].join('\n'),
      ),
    ).toEqual([
      'rule.yaml:8:68: unknown fact "resources" (known: account, count, identityPolicies, item, region, resource, snapshot)',
      expect.stringMatching(/^rule\.yaml:9:84: conditions\.all\.1\.value\.path: JSONPath "\$\.\.\[\?\(@\.x\)\]" contains a filter or script expression/),
      'rule.yaml:10:60: a value with "fact" is another fact\'s value, which takes only fact, path and params; found paths',
    ]);
  });

  it('requires params for count, a countable fact in them, and no params elsewhere', () => {
    expect(
      problems(
        [
          '  all:',
          '    - { fact: count, operator: equal, value: 0 }',
          '    - { fact: count, params: { fact: count, path: $.x }, operator: equal, value: 0 }',
          '    - { fact: resource, params: { fact: item, path: $.x }, operator: equal, value: 0 }',
        ].join('\n'),
      ),
    ).toEqual([
      'rule.yaml:8:7: the count fact needs params: { fact, path, where }',
      'rule.yaml:9:38: count cannot count in "count" (it counts in: account, identityPolicies, item, region, resource, snapshot)',
      'rule.yaml:10:33: only the count fact takes params; "resource" does not',
    ]);
  });
});

describe('criteria against a catalog', () => {
  it('are errors when the catalog does not have them, located at each', () => {
    const context: RuleContext = { ...CONTEXT, criteria: new Set(['CC6.1']) };
    const text = ruleYaml('r').replace('criteria: [CC6.1]', 'criteria: [CC6.1, CC6.9, CC9.9]');
    const loaded = checkRuleSource(parseYaml('rule.yaml', text), context);
    expect(loaded.problems.map(formatProblem)).toEqual([
      'rule.yaml:3:19: unknown criterion "CC6.9" (not in the criteria catalog)',
      'rule.yaml:3:26: unknown criterion "CC9.9" (not in the criteria catalog)',
    ]);
    expect(checkRuleSource(parseYaml('rule.yaml', text), CONTEXT).problems).toEqual([]);
  });
});

describe('YAML syntax errors', () => {
  it('are reported once, at the first: the parser reads every later token as unexpected', () => {
    // In a flow mapping, [ and ] end a plain value: the path must be quoted.
    const { problems: found } = check('  all:\n    - { fact: resource, path: $.recorders[*].name, operator: equal, value: 1 }');
    expect(found.map(formatProblem)).toEqual(['rule.yaml:8:42: Unexpected flow-seq-start at node end']);
  });
});
