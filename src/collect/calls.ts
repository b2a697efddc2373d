import type { AccountContext, CallSite } from './context.ts';

/**
 * One call whose answer fills several places (GetEventSelectors fills two fields of a trail, one
 * DescribeConfigurationRecorderStatus fills every recorder's status). A failure is recorded against each place,
 * so every place left absent is named in `errors`.
 */
export async function callFillingEach<T>(
  ctx: AccountContext,
  site: Omit<CallSite, 'path'>,
  paths: (string | number)[][],
  fetch: () => Promise<T>,
): Promise<T | undefined> {
  const [first, ...others] = paths;
  if (!first) throw new Error(`${site.operation}: no place to fill`);
  let failure: { error: unknown } | undefined;
  const result = await ctx.call({ ...site, path: first }, () =>
    fetch().catch((error: unknown) => {
      failure = { error };
      throw error;
    }),
  );
  if (failure) for (const path of others) ctx.recordFailure({ ...site, path }, failure.error);
  return result;
}

/** Every item of a paginated listing (an SDK v3 paginator), as one array. */
export async function allPages<Page, Item>(pages: AsyncIterable<Page>, items: (page: Page) => Item[] | undefined): Promise<Item[]> {
  const all: Item[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}

/** Errors recorded so far at or under `path` (segments under `/accounts/ACCOUNT`): what progress reports. */
export function errorCountUnder(ctx: AccountContext, path: (string | number)[]): number {
  const prefix = ctx.pointer(path);
  return ctx.errors.filter((e) => e.pointer === prefix || e.pointer.startsWith(`${prefix}/`)).length;
}
