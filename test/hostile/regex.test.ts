import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import { operatorValueProblem } from '../../src/evaluate/operators.ts';
import { fixture, pack, rule } from '../evaluate/support.ts';

describe('a regex with catastrophic backtracking', () => {
  it('runs in bounded time over a long value, since RE2 never backtracks', async () => {
    const snapshot = fixture();
    // (a+)+$ against "aaaa...!" takes exponential time in a backtracking engine: 2^40 steps here.
    snapshot.accounts['111122223333']!.iam.users![0]!.tags = { note: `${'a'.repeat(100_000)}!` };
    const hostile = rule({
      id: 'evil-regex',
      select: '$.accounts.*.iam.users[*]',
      conditions: { all: [{ fact: 'resource', path: '$.tags.note', operator: 'matchesRegex', value: '^(a+)+$' }] },
    });
    const started = performance.now();
    const { results } = await evaluate(snapshot, [pack(hostile)]);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(results.map((r) => [r.resource, r.status])).toEqual([
      ['arn:aws:iam::111122223333:user/alice', 'fail'],
      // bob has no note: the tag is absent, so the verdict is error, not pass or fail.
      ['arn:aws:iam::111122223333:user/bob', 'error'],
    ]);
  });

  it('with backreferences or lookaround is refused when the pack loads, since RE2 has neither', () => {
    expect(operatorValueProblem('matchesRegex', '^(a+)\\1$')).toMatch(/not a valid RE2 pattern: error parsing regexp: invalid escape sequence/);
    expect(operatorValueProblem('matchesRegex', '(?=a)a')).toMatch(/not a valid RE2 pattern/);
  });
});
