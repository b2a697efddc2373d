import { describe, expect, it } from 'vitest';
import { allIamPages, IncompleteListing, type IamPage } from '../../src/collect/paginate.ts';

interface Page extends IamPage {
  items: string[];
}

/** A page-fetching function over fixed pages, recording the marker of every request. */
function pagesOf(pages: Page[]) {
  const markers: (string | undefined)[] = [];
  const fetchPage = async (marker: string | undefined) => {
    markers.push(marker);
    const page = pages[markers.length - 1];
    if (!page) throw new Error('asked for a page past the last one');
    return page;
  };
  return { fetchPage, markers };
}

describe('allIamPages', () => {
  it('follows Marker while IsTruncated, in order', async () => {
    const { fetchPage, markers } = pagesOf([
      { items: ['a'], IsTruncated: true, Marker: 'm1' },
      { items: ['b', 'c'], IsTruncated: true, Marker: 'm2' },
      { items: ['d'], IsTruncated: false },
    ]);
    const pages = await allIamPages(fetchPage);
    expect(pages.flatMap((p) => p.items)).toEqual(['a', 'b', 'c', 'd']);
    expect(markers).toEqual([undefined, 'm1', 'm2']);
  });

  it('stops at a page that is not truncated even when it carries a Marker', async () => {
    const { fetchPage, markers } = pagesOf([{ items: ['a'], IsTruncated: false, Marker: 'stale' }]);
    expect((await allIamPages(fetchPage)).length).toBe(1);
    expect(markers).toEqual([undefined]);
  });

  it('fails, rather than return part of the listing, when a truncated page has no Marker', async () => {
    const { fetchPage } = pagesOf([{ items: ['a'], IsTruncated: true, Marker: 'm1' }, { items: ['b'], IsTruncated: true }]);
    await expect(allIamPages(fetchPage)).rejects.toThrow(new IncompleteListing('page 2 is truncated but gives no Marker'));
  });

  it('fails on a Marker that repeats instead of looping forever', async () => {
    const { fetchPage } = pagesOf([
      { items: ['a'], IsTruncated: true, Marker: 'm1' },
      { items: ['b'], IsTruncated: true, Marker: 'm1' },
    ]);
    await expect(allIamPages(fetchPage)).rejects.toThrow('Marker m1 repeated after page 2');
  });

  it('passes a failed page on', async () => {
    const { fetchPage } = pagesOf([{ items: ['a'], IsTruncated: true, Marker: 'm1' }]);
    await expect(allIamPages(fetchPage)).rejects.toThrow('asked for a page past the last one');
  });
});
