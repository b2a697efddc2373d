import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYamlValue, stringify } from 'yaml';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import { loadPacksWithProblems } from '../../src/rules/loader.ts';
import { guardPackSource } from '../../src/rules/pack-files.ts';
import { checkRuleSource, type RuleContext } from '../../src/rules/rule-file.ts';
import type { Pack } from '../../src/rules/types.ts';
import { parseYaml, type Problem } from '../../src/yaml-source.ts';
import { fixture } from '../evaluate/support.ts';
import { PACK_YAML, temporaryDir, writeFiles } from '../rules/support.ts';

/** Valid rule files to mutate: the standard pack's. */
const SEEDS = readdirSync('rules/soc2-aws')
  .filter((file) => file !== 'pack.yaml' && !file.includes('.test.'))
  .map((file) => readFileSync(join('rules/soc2-aws', file), 'utf8'));
const PARAMETERS = { minimumPasswordLength: 14, passwordReusePrevention: 24, maxAccessKeyAgeDays: 90, maxCredentialUnusedDays: 45 };
const CONTEXT: RuleContext = { pack: 'fuzz', parameters: PARAMETERS, criteria: new Set(['CC6.1', 'CC6.2', 'CC7.1', 'CC7.2', 'CC7.3', 'CC8.1']) };
const YAML_CHARACTERS = [...':{}[]-,&*!|>\'"#%@`?\\\n\t $.()', 'a', 'Z', '0', '9', '~', '<<'];

/** Text edits: a character or YAML token inserted, a slice deleted, a line duplicated or swapped, the text cut. */
const textEdit = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...YAML_CHARACTERS) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type TextEdit = typeof textEdit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(text: string, edit: TextEdit): string {
  const at = text.length === 0 ? 0 : edit.at % text.length;
  const lines = text.split('\n');
  const line = lines.length === 0 ? 0 : edit.at % lines.length;
  switch (edit.kind) {
    case 'insert':
      return text.slice(0, at) + edit.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + edit.length);
    case 'duplicate-line':
      return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
    case 'swap-lines': {
      const other = edit.with % lines.length;
      [lines[line], lines[other]] = [lines[other]!, lines[line]!];
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, at);
  }
}

const mutatedText = fc.tuple(fc.constantFrom(...SEEDS), fc.array(textEdit, { minLength: 1, maxLength: 6 })).map(([seed, edits]) => edits.reduce(applyEdit, seed));

/** Structural damage: a value anywhere in a valid rule replaced by another JSON value, removed, or a key added. */
const damagedRule = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.constantFrom('replace', 'remove', 'add'), fc.jsonValue({ maxDepth: 3 }))
  .map(([seed, steps, action, value]) => {
    const rule = parseYamlValue(seed) as Record<string, unknown>;
    let node: unknown = rule;
    for (const [i, step] of steps.entries()) {
      if (node === null || typeof node !== 'object') break;
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = keys[step % keys.length]!;
      const last = i === steps.length - 1 || typeof (node as Record<string, unknown>)[key] !== 'object' || (node as Record<string, unknown>)[key] === null;
      if (!last) {
        node = (node as Record<string, unknown>)[key];
        continue;
      }
      const target = node as Record<string, unknown>;
      if (action === 'remove') delete target[key];
      else if (action === 'add') target[`extra${step}`] = value;
      else target[key] = value;
      break;
    }
    return stringify(rule);
  });

/** Anything at all: random text, or a random JSON value as YAML. */
const randomFile = fc.oneof(fc.string({ maxLength: 300 }), fc.jsonValue({ maxDepth: 4 }).map((value) => stringify(value)));

function expectLocatedOrValid(text: string): Pack['rules'][number] | undefined {
  const result = checkRuleSource(guardPackSource(parseYaml('fuzz.yaml', text)), CONTEXT);
  const errors = result.problems.filter((p) => p.severity === 'error');
  for (const problem of result.problems) expectLocated(problem);
  expect(result.rule === undefined ? errors.length > 0 : errors.length === 0).toBe(true);
  return result.rule;
}

function expectLocated(problem: Problem): void {
  expect(problem.file).toBe('fuzz.yaml');
  expect(Number.isInteger(problem.line) && problem.line >= 1).toBe(true);
  expect(Number.isInteger(problem.col) && problem.col >= 1).toBe(true);
  expect(problem.message.length).toBeGreaterThan(0);
}

describe('fuzzing the rule loader', () => {
  it('turns 10,000 malformed rule files into located problems or valid rules, never an exception', async () => {
    const valid: Pack['rules'] = [];
    const property = (text: string) => {
      const rule = expectLocatedOrValid(text);
      if (rule) valid.push(rule);
    };
    fc.assert(fc.property(mutatedText, property), { numRuns: 4000 });
    fc.assert(fc.property(damagedRule, property), { numRuns: 4000 });
    fc.assert(fc.property(randomFile, property), { numRuns: 2000 });
    // Some mutations leave a valid rule (a changed title, a dropped optional field): the evaluator judges each
    // without throwing. A sample keeps the run short.
    expect(valid.length).toBeGreaterThan(100);
    const rules = valid.slice(0, 300).map((rule, i) => ({ ...rule, id: `${rule.id}-${i}` }));
    const pack: Pack = { name: 'fuzz', version: '1.0.0', description: 'd', dir: '.', sha256: '0'.repeat(64), parameters: PARAMETERS, rules };
    const { results } = await evaluate(fixture(), [pack]);
    expect(new Set(results.map((r) => r.rule)).size).toBe(rules.length);
  });

  it('does the same through the whole loader, from files on disk', async () => {
    const samples = fc.sample(fc.oneof(mutatedText, damagedRule, randomFile), 300);
    const dir = await temporaryDir();
    await writeFiles(dir, { 'pack.yaml': `${PACK_YAML}parameters:\n${stringify(PARAMETERS).replace(/^/gm, '  ')}`, ...Object.fromEntries(samples.map((text, i) => [`r${i}.yaml`, text])) });
    const result = await loadPacksWithProblems([dir]);
    for (const problem of result.problems) {
      expect(problem.file.startsWith(dir)).toBe(true);
      expect(problem.line >= 1 && problem.col >= 1).toBe(true);
    }
    expect(result.problems.length + (result.packs[0]?.rules.length ?? 0)).toBeGreaterThan(0);
  });
});
