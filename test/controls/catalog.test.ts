import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/controls/catalog.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'controls');

const range = (series: string, last: number) => Array.from({ length: last }, (_, i) => `${series}.${i + 1}`);

describe('the Trust Services Criteria catalog', () => {
  it('holds all 61 criteria of the 2017 TSC, in publication order', async () => {
    const catalog = await loadCatalog();
    const expected = [
      ...range('CC1', 5), ...range('CC2', 3), ...range('CC3', 4), ...range('CC4', 2), ...range('CC5', 3),
      ...range('CC6', 8), ...range('CC7', 5), ...range('CC8', 1), ...range('CC9', 2),
      ...range('A1', 3), ...range('C1', 2), ...range('PI1', 5),
      'P1.1', 'P2.1', ...range('P3', 2), ...range('P4', 3), ...range('P5', 2), ...range('P6', 7), 'P7.1', 'P8.1',
    ];
    expect(expected).toHaveLength(61);
    expect(catalog.criteria.map((criterion) => criterion.id)).toEqual(expected);
    expect(catalog.id).toBe('tsc-2017');
  });

  it('gives each criterion its category and series, and a short title of its own', async () => {
    const catalog = await loadCatalog();
    const byId = new Map(catalog.criteria.map((criterion) => [criterion.id, criterion]));
    expect(byId.get('CC6.1')).toEqual({
      id: 'CC6.1',
      title: 'Logical access security measures',
      category: { id: 'security', title: 'Common criteria (security)' },
      series: { id: 'CC6', title: 'Logical and physical access' },
    });
    expect(byId.get('PI1.3')!.category.id).toBe('processing-integrity');
    expect(byId.get('P6.7')!.series).toEqual({ id: 'P6', title: 'Disclosure and notification' });
    const categories = [...new Set(catalog.criteria.map((criterion) => criterion.category.id))];
    expect(categories).toEqual(['security', 'availability', 'confidentiality', 'processing-integrity', 'privacy']);
    // Titles are short summaries, never the AICPA's sentences.
    for (const criterion of catalog.criteria) expect(criterion.title.split(' ').length, criterion.id).toBeLessThanOrEqual(7);
  });

  it('reports every problem of a broken catalog at once, located', async () => {
    const file = join(FIXTURES, 'bad-catalog.yaml');
    await expect(loadCatalog(file)).rejects.toThrow(
      [
        `${file}:12:19: criterion "CC7.1" is not numbered in its series "CC6"`,
        `${file}:13:19: duplicate criterion id "CC6.1"`,
        `${file}:14:9: duplicate category id "security"`,
        `${file}:17:13: duplicate series id "CC6"`,
      ].join('\n'),
    );
  });

  it('refuses a file that does not exist, with a message and not a stack trace', async () => {
    await expect(loadCatalog(join(FIXTURES, 'missing.yaml'))).rejects.toMatchObject({
      name: 'UserError',
      exitCode: 2,
      message: `${join(FIXTURES, 'missing.yaml')}: cannot be read: ENOENT`,
    });
  });
});
