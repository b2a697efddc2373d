import type { AccountContext, CallSite } from './context.ts';

/**
 * The details of every item of a listing (DescribeKey for each key ListKeys gave), each call recorded at the
 * listing's place. When any of them fails the listing as a whole is not collected (undefined): a rule must
 * never take part of a listing for all of it.
 */
export async function detailsOfEach<Item, Detail>(
  ctx: AccountContext,
  site: CallSite,
  items: Item[],
  fetch: (item: Item) => Promise<Detail>,
): Promise<Detail[] | undefined> {
  const details = await Promise.all(items.map((item) => ctx.call(site, () => fetch(item))));
  return details.every((detail) => detail !== undefined) ? (details as Detail[]) : undefined;
}
