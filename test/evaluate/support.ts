import { readFileSync } from 'node:fs';
import type { Snapshot } from '../../src/snapshot/schema.ts';
import type { Pack, Rule } from '../../src/rules/types.ts';

/** A fresh copy of a hand-built snapshot in test/fixtures/snapshots/ (tests may change it). */
export function fixture(name = 'small'): Snapshot {
  return JSON.parse(readFileSync(new URL(`../fixtures/snapshots/${name}.json`, import.meta.url), 'utf8')) as Snapshot;
}

export const ACCOUNT = '/accounts/111122223333';

/** A rule as the loader would hand it over; tests override what they exercise. */
export function rule(fields: Partial<Rule> & Pick<Rule, 'id' | 'select' | 'conditions'>): Rule {
  return {
    title: `title of ${fields.id}`,
    criteria: ['CC6.1'],
    severity: 'high',
    evidence: [],
    rationale: 'why',
    remediation: 'how',
    references: [],
    tags: [],
    file: `rules/test/${fields.id}.yaml`,
    pack: 'test',
    ...fields,
  };
}

export function pack(...rules: Rule[]): Pack {
  return { name: 'test', version: '1.0.0', description: 'test pack', dir: 'rules/test', sha256: 'a'.repeat(64), parameters: { maxKeyAgeDays: 90 }, rules };
}
