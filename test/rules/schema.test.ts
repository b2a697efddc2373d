import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COUNTABLE_FACTS, FACT_NAMES } from '../../src/evaluate/facts.ts';
import { OPERATOR_NAMES } from '../../src/evaluate/operators.ts';
import { validatePackManifest } from '../../src/rules/schemas.ts';

const ruleSchema = JSON.parse(readFileSync('schemas/rule.schema.json', 'utf8')) as {
  definitions: Record<string, { properties: Record<string, { examples?: unknown[] }> }>;
};

describe('schemas/rule.schema.json', () => {
  it("offers editors exactly the evaluator's operators and facts", () => {
    const { comparison, countParams } = ruleSchema.definitions;
    expect([...comparison!.properties.operator!.examples!].sort()).toEqual([...OPERATOR_NAMES].sort());
    expect([...comparison!.properties.fact!.examples!].sort()).toEqual([...FACT_NAMES].sort());
    expect([...countParams!.properties.fact!.examples!].sort()).toEqual([...COUNTABLE_FACTS].sort());
  });
});

describe('schemas/pack.schema.json', () => {
  it('takes parameter names that --param can name', () => {
    const manifest = (parameters: object) => ({ name: 'p', version: '1.0.0', description: 'd', parameters });
    expect(validatePackManifest(manifest({ maxAge_2: 1 }))).toBe(true);
    expect(validatePackManifest(manifest({ 'max=age': 1 }))).toBe(false);
    expect(validatePackManifest(manifest({ '2fast': 1 }))).toBe(false);
  });
});
