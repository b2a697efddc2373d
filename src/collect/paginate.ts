/** One page of an IAM listing: IAM pages with `IsTruncated` and `Marker`. */
export interface IamPage {
  IsTruncated?: boolean;
  Marker?: string;
}

export class IncompleteListing extends Error {
  override name = 'IncompleteListing';
}

/**
 * Every page of an IAM listing, in order. IAM says there is more with `IsTruncated`, and the SDK's paginators
 * look only at `Marker`: a truncated page without a marker would end their loop early and quietly drop the rest.
 * Here it fails the listing instead (as does a marker that repeats, which would loop forever), so the
 * collector records the field as not collected rather than emitting part of it.
 */
export async function allIamPages<P extends IamPage>(fetchPage: (marker: string | undefined) => Promise<P>): Promise<P[]> {
  const pages: P[] = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  for (;;) {
    const page = await fetchPage(marker);
    pages.push(page);
    if (!page.IsTruncated) return pages;
    if (!page.Marker) throw new IncompleteListing(`page ${pages.length} is truncated but gives no Marker`);
    if (seen.has(page.Marker)) throw new IncompleteListing(`Marker ${page.Marker} repeated after page ${pages.length}`);
    seen.add(page.Marker);
    marker = page.Marker;
  }
}
