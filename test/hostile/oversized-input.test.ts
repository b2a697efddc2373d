import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import { loadPacksWithProblems } from '../../src/rules/loader.ts';
import { MAX_NESTING, MAX_RULE_FILES } from '../../src/rules/pack-files.ts';
import { formatProblem } from '../../src/yaml-source.ts';
import { fixture } from '../evaluate/support.ts';
import { PACK_YAML, ruleYaml, temporaryDir, writeFiles } from '../rules/support.ts';

const TOO_DEEP = `nested too deeply: the limit is ${MAX_NESTING} levels of mappings and lists`;

/** Loads one pack and returns its problems as printed, and how long loading took. */
async function load(dir: string): Promise<{ lines: string[]; ms: number; rules: number }> {
  const started = performance.now();
  const result = await loadPacksWithProblems([dir]);
  return { lines: result.problems.map(formatProblem), ms: performance.now() - started, rules: result.packs[0]?.rules.length ?? 0 };
}

async function pack(files: Record<string, string>): Promise<string> {
  const dir = await temporaryDir();
  await writeFiles(dir, { 'pack.yaml': PACK_YAML, ...files });
  return dir;
}

describe('YAML alias bombs ("billion laughs")', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `${'bcdefghij'[i]}: &${'bcdefghij'[i]} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)].join('\n');

  it('is refused in a rule file and in pack.yaml, quickly', async () => {
    const dir = await pack({ 'bomb.yaml': `${ruleYaml('bomb')}${bomb}\n` });
    await writeFile(join(dir, 'pack.yaml'), `${PACK_YAML}parameters:\n${bomb.replace(/^/gm, '  ')}\n`);
    const { lines, ms } = await load(dir);
    expect(lines).toEqual([
      `${dir}/bomb.yaml:1:1: cannot be read: Excessive alias count indicates a resource exhaustion attack`,
      `${dir}/pack.yaml:1:1: cannot be read: Excessive alias count indicates a resource exhaustion attack`,
    ]);
    expect(ms).toBeLessThan(2000);
  });

  it('is refused through merge keys too', async () => {
    const merges = ['a: &a { k0: x, k1: x }', ...Array.from({ length: 120 }, (_, i) => `m${i}: { <<: *a }`)].join('\n');
    const dir = await pack({ 'merge.yaml': `${ruleYaml('merge')}${merges}\n` });
    expect((await load(dir)).lines).toEqual([`${dir}/merge.yaml:1:1: cannot be read: Excessive alias count indicates a resource exhaustion attack`]);
  });
});

describe('a 50 MB rule file', () => {
  it('is refused by its size before it is read', async () => {
    const dir = await pack({ 'rule.yaml': ruleYaml('ok') });
    await writeFile(join(dir, 'huge.yaml'), `${ruleYaml('huge')}# ${'x'.repeat(50 * 1024 * 1024)}\n`);
    const { lines, ms } = await load(dir);
    expect(lines).toEqual([`${dir}/huge.yaml:1:1: file is 50.0 MiB; the limit is 2 MiB`]);
    expect(ms).toBeLessThan(2000);
  });
});

describe('10,000 rules', () => {
  it('are refused with a clear limit before any is read', async () => {
    const dir = await pack({});
    await Promise.all(Array.from({ length: 10_000 }, (_, i) => writeFile(join(dir, `r${i}.yaml`), ruleYaml(`r-${i}`))));
    const { lines, ms } = await load(dir);
    expect(lines).toEqual([`${dir}:1:1: the rule pack has 10001 YAML files; the limit is ${MAX_RULE_FILES}: split it into several packs`]);
    expect(ms).toBeLessThan(3000);
  });

  it(`load in bounded time up to the limit (${MAX_RULE_FILES - 1} rules)`, async () => {
    const dir = await pack({});
    await Promise.all(Array.from({ length: MAX_RULE_FILES - 1 }, (_, i) => writeFile(join(dir, `r${i}.yaml`), ruleYaml(`r-${i}`))));
    const { lines, ms, rules } = await load(dir);
    expect([lines, rules]).toEqual([[], MAX_RULE_FILES - 1]);
    expect(ms).toBeLessThan(10_000);
  });

  it('over 32 MiB of YAML in one pack are refused', async () => {
    const dir = await pack({});
    const padding = `# ${'x'.repeat(1024 * 1024)}\n`;
    await Promise.all(Array.from({ length: 33 }, (_, i) => writeFile(join(dir, `r${i}.yaml`), `${ruleYaml(`r-${i}`)}${padding}`)));
    expect((await load(dir)).lines).toEqual([`${dir}:1:1: the rule pack holds 33.0 MiB of YAML; the limit is 32 MiB`]);
  });
});

describe('deeply nested conditions', () => {
  const leaf = '{ fact: resource, path: $.x, operator: equal, value: 1 }';

  it('10,000 levels: a clear error, no stack overflow', async () => {
    const flow = `conditions: ${'{ not: '.repeat(10_000)}${leaf}${' }'.repeat(10_000)}`;
    const dir = await pack({ 'deep.yaml': ruleYaml('deep').replace(/conditions:\n(  .*\n)+/, `${flow}\n`) });
    const { lines, ms } = await load(dir);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${dir}/deep\\.yaml:6:\\d+: ${TOO_DEEP}$`));
    expect(ms).toBeLessThan(5000);
  });

  it('just over the limit (block style): refused where the limit is crossed', async () => {
    let block = '';
    for (let depth = 0; depth < 70; depth++) block += `${'  '.repeat(depth + 1)}not:\n`;
    const text = ruleYaml('deep').replace(/conditions:\n(  .*\n)+/, `conditions:\n${block}${'  '.repeat(71)}${leaf}\n`);
    const dir = await pack({ 'deep.yaml': text });
    expect((await load(dir)).lines).toEqual([`${dir}/deep.yaml:70:129: ${TOO_DEEP}`]);
  });

  it('within the limit: loads and evaluates', async () => {
    let tree: string = leaf.replace('$.x', '$.accountId').replace('equal, value: 1', 'notEqual, value: null');
    for (let depth = 0; depth < 20; depth++) tree = `{ not: { not: ${tree} } }`;
    const dir = await pack({ 'deep.yaml': ruleYaml('deep').replace(/conditions:\n(  .*\n)+/, `conditions: ${tree}\n`) });
    const result = await loadPacksWithProblems([dir]);
    expect(result.problems).toEqual([]);
    const { results } = await evaluate(fixture(), result.packs);
    expect(results.map((r) => r.status)).toEqual(['pass']);
  });
});
