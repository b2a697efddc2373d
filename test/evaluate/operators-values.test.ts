import { describe, expect, it } from 'vitest';
import { projectOperator } from '../../src/evaluate/operators.ts';

const CONTEXT = { collectedAt: '2026-11-24T10:00:00.000Z' };
const run = (operator: string, fact: unknown, value: unknown) => projectOperator(operator, CONTEXT)(fact, value);

describe('matchesRegex', () => {
  it('finds the pattern anywhere unless anchored; (?i) ignores case; null matches nothing', () => {
    expect(run('matchesRegex', 'prod-web-1', 'web')).toBe(true);
    expect(run('matchesRegex', 'prod-web-1', '^web')).toBe(false);
    expect(run('matchesRegex', 'PROD-web', '(?i)^prod-')).toBe(true);
    expect(run('matchesRegex', 'PROD-web', '^prod-')).toBe(false);
    expect(run('matchesRegex', null, '.*')).toBe(false);
    expect(run('matchesRegex', undefined, '.*')).toBe(false);
  });

  it('throws on a fact that is not a string, and on a bad pattern read at run time', () => {
    expect(() => run('matchesRegex', 42, 'x')).toThrow('matchesRegex needs a string, got 42');
    expect(() => run('matchesRegex', 'x', '(?<=a)b')).toThrow(/not a valid RE2 pattern: error parsing regexp: invalid named capture/);
  });

  it('runs a pattern that backtracks catastrophically in JavaScript in linear time', () => {
    const started = performance.now();
    expect(run('matchesRegex', `${'a'.repeat(50_000)}!`, '^(a+)+$')).toBe(false);
    expect(run('matchesRegex', `${'a'.repeat(50_000)}!`, '^(a|aa)*$')).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('isEmpty and notEmpty', () => {
  it('treat null, "", [] and {} as empty; value false asks the opposite', () => {
    const empties = [null, '', [], {}];
    const full = ['x', [0], { a: null }];
    for (const fact of empties) {
      expect([run('isEmpty', fact, true), run('isEmpty', fact, false), run('notEmpty', fact, true)]).toEqual([true, false, false]);
    }
    for (const fact of full) {
      expect([run('isEmpty', fact, true), run('notEmpty', fact, true), run('notEmpty', fact, false)]).toEqual([false, true, false]);
    }
  });

  it('is false for absent data and throws for numbers and booleans', () => {
    expect(run('isEmpty', undefined, true)).toBe(false);
    expect(run('notEmpty', undefined, true)).toBe(false);
    expect(() => run('isEmpty', 0, true)).toThrow('isEmpty needs a string, a list or a mapping, got 0');
    expect(() => run('notEmpty', false, true)).toThrow('notEmpty needs a string, a list or a mapping, got false');
  });
});

describe('containsAny and containsAll', () => {
  it('compare items as JSON values', () => {
    const fact = ['a', 2, { k: [1] }];
    expect(run('containsAny', fact, ['z', { k: [1] }])).toBe(true);
    expect(run('containsAny', fact, ['z', '2'])).toBe(false);
    expect(run('containsAll', fact, ['a', 2])).toBe(true);
    expect(run('containsAll', fact, ['a', { k: [2] }])).toBe(false);
  });

  it('hold nothing for null or absent data, and throw for a fact that is not a list', () => {
    expect(run('containsAny', null, ['a'])).toBe(false);
    expect(run('containsAll', null, ['a'])).toBe(false);
    expect(run('containsAny', undefined, ['a'])).toBe(false);
    expect(() => run('containsAny', 'abc', ['a'])).toThrow('containsAny needs a list, got "abc"');
  });
});

describe('isPublicCidr', () => {
  const cases: [string, boolean][] = [
    ['0.0.0.0/0', true],
    ['8.8.8.8', true],
    ['8.8.8.8/32', true],
    ['10.0.0.0/8', false],
    ['10.1.2.3/32', false],
    ['10.0.0.0/7', true], // holds 11.0.0.0/8
    ['172.16.0.0/12', false],
    ['172.32.0.0/16', true],
    ['192.168.1.0/24', false],
    ['100.64.0.0/10', false],
    ['127.0.0.1', false],
    ['169.254.169.254/32', false],
    ['224.0.0.0/3', false], // multicast, reserved and broadcast together
    ['::/0', true],
    ['2600:1f18::/32', true],
    ['fd00::/8', false],
    ['fe80::1/128', false],
    ['::1', false],
    ['2001:db8::/32', false],
    ['::ffff:10.0.0.0/104', false],
    ['::ffff:8.8.8.8/128', true],
  ];
  it.each(cases)('%s is public: %s', (cidr, isPublic) => {
    expect(run('isPublicCidr', cidr, true)).toBe(isPublic);
    expect(run('isPublicCidr', cidr, false)).toBe(!isPublic);
  });

  it('judges null (no CIDR) not public, absent data false either way, and throws on a non-CIDR', () => {
    expect([run('isPublicCidr', null, true), run('isPublicCidr', null, false)]).toEqual([false, true]);
    expect([run('isPublicCidr', undefined, true), run('isPublicCidr', undefined, false)]).toEqual([false, false]);
    expect(() => run('isPublicCidr', 'sg-123', true)).toThrow('isPublicCidr needs a CIDR or an IP address, got "sg-123"');
  });
});

describe('cidrOverlaps', () => {
  it('is true when the networks share an address, for IPv4 and IPv6, with one CIDR or a list', () => {
    expect(run('cidrOverlaps', '10.1.0.0/16', '10.0.0.0/8')).toBe(true);
    expect(run('cidrOverlaps', '10.0.0.0/8', '10.1.2.3')).toBe(true);
    expect(run('cidrOverlaps', '10.0.0.0/16', '10.1.0.0/16')).toBe(false);
    expect(run('cidrOverlaps', '0.0.0.0/0', ['192.168.0.0/16'])).toBe(true);
    expect(run('cidrOverlaps', '2001:db8:1::/48', ['10.0.0.0/8', '2001:db8::/32'])).toBe(true);
    expect(run('cidrOverlaps', '2001:db9::/32', '2001:db8::/32')).toBe(false);
  });

  it('never overlaps across families or for null, and throws on a fact that is not a CIDR', () => {
    expect(run('cidrOverlaps', '::/0', '0.0.0.0/0')).toBe(false);
    expect(run('cidrOverlaps', null, '0.0.0.0/0')).toBe(false);
    expect(() => run('cidrOverlaps', '300.0.0.0/8', '0.0.0.0/0')).toThrow('cidrOverlaps needs a CIDR or an IP address, got "300.0.0.0/8"');
  });
});

describe('olderThanDays and withinDays', () => {
  it('count from the snapshot time', () => {
    expect(run('olderThanDays', '2026-08-25T10:00:00.000Z', 90)).toBe(true);
    expect(run('withinDays', '2026-08-26T10:00:00.000Z', 90)).toBe(true);
    expect(run('olderThanDays', null, 0)).toBe(false);
  });
});
