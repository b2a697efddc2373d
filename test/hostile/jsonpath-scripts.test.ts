import { afterEach, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import { jsonPathProblem } from '../../src/evaluate/jsonpath.ts';
import { guardPackSource } from '../../src/rules/pack-files.ts';
import { checkRuleSource } from '../../src/rules/rule-file.ts';
import { parseYaml } from '../../src/yaml-source.ts';
import { fixture, pack, rule } from '../evaluate/support.ts';

declare global {
  var __soc2Pwned: unknown;
}

/** Each payload would set globalThis.__soc2Pwned if jsonpath-plus ever ran it. */
const PAYLOADS = {
  // CVE-2024-21534: a filter reaching the Function constructor through @.constructor.
  'CVE-2024-21534': "$..[?(@.constructor.constructor('globalThis.__soc2Pwned = 1')())]",
  // CVE-2025-1302: the bypass of 10.x's "safe" evaluator, through string-indexed constructor lookups.
  'CVE-2025-1302': "$[?(p=\"globalThis.__soc2Pwned = 1\";a=''[['constructor']][['constructor']](p);a())]",
  // A script expression (no filter), which jsonpath-plus also evaluates.
  'script expression': "$[(@.constructor.constructor('globalThis.__soc2Pwned = 1')())]",
};

afterEach(() => {
  expect(globalThis.__soc2Pwned).toBeUndefined();
});

/** A rule file with the payload in `select`, a path, `evidence`, a count's path and a fact-valued comparison's path. */
function ruleWithPayload(payload: string): string {
  const quoted = JSON.stringify(payload);
  return [
    'id: hostile',
    'title: t',
    'criteria: [CC6.1]',
    'severity: low',
    `select: ${quoted}`,
    'conditions:',
    '  all:',
    `    - { fact: resource, path: ${quoted}, operator: equal, value: 1 }`,
    `    - { fact: count, params: { fact: resource, path: ${quoted} }, operator: equal, value: 0 }`,
    `    - { fact: resource, path: $.a, operator: equal, value: { fact: resource, path: ${quoted} } }`,
    `evidence: [${quoted}]`,
    'rationale: r',
    'remediation: m',
  ].join('\n');
}

describe('JSONPath filter and script payloads', () => {
  it.each(Object.entries(PAYLOADS))('%s is refused where rules may write a JSONPath, located', (_name, payload) => {
    const { rule: loaded, problems } = checkRuleSource(guardPackSource(parseYaml('hostile.yaml', ruleWithPayload(payload))), { pack: 'p', parameters: {} });
    expect(loaded).toBeUndefined();
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message.slice(0, p.message.indexOf(': '))}`)).toEqual([
      '5:9 select',
      '11:12 evidence.0',
      '8:31 conditions.all.0.path',
      '9:54 conditions.all.1.params.path',
      '10:84 conditions.all.2.value.path',
    ]);
    for (const problem of problems) expect(problem.message.endsWith(jsonPathProblem(payload)!)).toBe(true);
    expect(jsonPathProblem(payload)).toMatch(/contains a filter or script expression/);
  });

  it.each(Object.entries(PAYLOADS))('%s in a rule that bypassed the loader ends in error results, nothing run', async (_name, payload) => {
    const rules = [
      rule({ id: 'in-select', select: payload, conditions: { all: [{ fact: 'resource', operator: 'equal', value: 1 }] } }),
      rule({ id: 'in-path', select: '$.accounts.*', conditions: { all: [{ fact: 'resource', path: payload, operator: 'equal', value: 1 }] } }),
      rule({ id: 'in-evidence', select: '$.accounts.*', evidence: [payload], conditions: { all: [{ fact: 'resource', path: '$.accountId', operator: 'notEqual', value: null }] } }),
      rule({
        id: 'in-count',
        select: '$.accounts.*',
        conditions: { all: [{ fact: 'count', params: { fact: 'resource', path: payload }, operator: 'equal', value: 0 }] },
      }),
    ];
    const { results } = await evaluate(fixture(), [pack(...rules)]);
    expect(results.map((r) => [r.rule, r.status, r.message?.replace(/JSONPath .* contains/, 'JSONPath … contains').split(' (')[0]])).toEqual([
      ['in-count', 'error', 'could not be evaluated: JSONPath … contains a filter or script expression'],
      ['in-evidence', 'error', 'could not be evaluated: JSONPath … contains a filter or script expression'],
      ['in-path', 'error', 'could not be evaluated: JSONPath … contains a filter or script expression'],
      ['in-select', 'error', 'could not be evaluated: JSONPath … contains a filter or script expression'],
    ]);
  });
});
