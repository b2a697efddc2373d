import { describe, expect, it } from 'vitest';
import { couldHoldMatches, jsonPathProblem, missing, query, read } from '../../src/evaluate/jsonpath.ts';

describe('jsonPathProblem', () => {
  it.each(['$', '$.accounts.*.iam.users[*]', "$.tags['aws:cloudformation:stack-name']", '$..arn', '$..[*]', "$..['a b']", '$.a[0].b', '$.111122223333'])(
    'accepts %s',
    (path) => expect(jsonPathProblem(path)).toBeNull(),
  );

  it.each([
    ["$..[?(@.constructor.constructor('return process')().exit())]", 'contains a filter or script expression'],
    ['$[?(@.isRoot)]', 'contains a filter or script expression'],
    ['$[(@.length-1)]', 'contains a filter or script expression'],
    ['$..@string()', 'contains a filter or script expression'],
    ['accounts.*', 'must start with $'],
    ['$.', 'unexpected the end at column 3'],
    ['$..', 'unexpected the end at column 4'],
    ['$.a b', 'unexpected " " at column 4'],
    ['$[1:2]', 'unexpected "[" at column 2'],
    ['$[a,b]', 'unexpected "[" at column 2'],
    ['$[-1]', 'unexpected "[" at column 2'],
    ['$.a^', 'unexpected "^" at column 4'],
    ['$.*~', 'unexpected "~" at column 4'],
    ["$['1:2']", "jsonpath-plus would not read ['1:2'] as a plain name"],
    ["$['..']", "jsonpath-plus would not read ['..'] as a plain name"],
  ])('refuses %s', (path, message) => {
    expect(jsonPathProblem(path)).toContain(message);
  });

  it('makes query and read throw on a refused path, before matching anything', () => {
    expect(() => query({}, '', '$[?(@.x)]')).toThrow(/filter or script expression/);
    expect(() => read({}, '', '$[1:2]')).toThrow(/unexpected/);
  });
});

describe('query', () => {
  it('gives RFC 6901 pointers under the base pointer, escaping ~ and /', () => {
    expect(query({ tags: { 'a/b': 1, 'c~d': 2 } }, '/x', '$.tags.*')).toEqual([
      { pointer: '/x/tags/a~1b', value: 1 },
      { pointer: '/x/tags/c~0d', value: 2 },
    ]);
  });

  it('matches only own properties, and nothing in a primitive', () => {
    expect(query({ a: 1 }, '', '$.constructor')).toEqual([]);
    expect(query('text', '/s', '$.length')).toEqual([]);
    expect(query(null, '/n', '$')).toEqual([{ pointer: '/n', value: null }]);
  });
});

describe('read', () => {
  const doc = { list: [{ v: 1, s: { x: 1 } }, { v: null, s: null }, { w: 2 }], none: null, empty: [] };

  it('gives a definite path its value and pointer', () => {
    expect(read(doc, '/d', '$.list[0].s.x')).toEqual({ value: 1, pointer: '/d/list/0/s/x', evidence: [{ pointer: '/d/list/0/s/x', value: 1 }], absent: [] });
  });

  it('stops at a null: collected, nothing there', () => {
    expect(read(doc, '/d', '$.none.deeper.still')).toEqual({ value: null, pointer: '/d/none', evidence: [{ pointer: '/d/none', value: null }], absent: [] });
  });

  it('reports an absent place as undefined, with its pointer', () => {
    expect(read(doc, '/d', '$.gone.x')).toEqual({ value: undefined, pointer: '/d/gone', evidence: [{ pointer: '/d/gone' }], absent: ['/d/gone'] });
  });

  it('gives a path with wildcards its matched values, and every absent place under it', () => {
    expect(read(doc, '/d', '$.list[*].v')).toEqual({
      value: undefined,
      pointer: '/d/list',
      evidence: [{ pointer: '/d/list/0/v', value: 1 }, { pointer: '/d/list/1/v', value: null }, { pointer: '/d/list/2/v' }],
      absent: ['/d/list/2/v'],
    });
    expect(read(doc, '/d', '$.empty[*].v')).toEqual({ value: [], pointer: '/d/empty', evidence: [], absent: [] });
    expect(read({ a: [{ b: { c: 1 } }, { b: null }] }, '', '$.a[*].b.c')).toEqual({ value: [1], pointer: '/a', evidence: [{ pointer: '/a/0/b/c', value: 1 }], absent: [] });
  });

  it('never reports absence for what .. and * match: they match what exists', () => {
    expect(missing(doc, '', '$..x')).toEqual([]);
    expect(missing(doc, '', '$..s.x')).toEqual([]);
    expect(missing({ a: { b: {} } }, '', '$..b.x')).toEqual(['/a/b/x']);
  });
});

describe('couldHoldMatches', () => {
  const trails = '$.accounts.*.regions.*.cloudtrail.trails[*]';
  it.each([
    ['/accounts/1/regions/eu-west-1/cloudtrail/trails', '', trails, true],
    ['/accounts/1/regions/eu-west-1', '', trails, true],
    ['/accounts/1/regions/eu-west-1/config/rules', '', trails, false],
    ['/accounts/1/regions/eu-west-1/cloudtrail/trails/0/status', '', trails, false],
    ['/accounts/1/iam/users/0/accessKeys', '', '$..arn', true],
    ['/accounts/1/regions/eu-west-1/cloudtrail/trails', '/accounts/1', '$.regions.*.cloudtrail.trails[*]', true],
    ['/accounts/2/regions/eu-west-1/cloudtrail/trails', '/accounts/1', '$.regions.*.cloudtrail.trails[*]', false],
  ])('%s under %s for %s: %s', (pointer, base, path, expected) => {
    expect(couldHoldMatches(pointer, base, path)).toBe(expected);
  });
});
