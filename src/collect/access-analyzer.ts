import { AccessAnalyzerClient, paginateListAnalyzers, type AnalyzerSummary } from '@aws-sdk/client-accessanalyzer';
import type { AccessAnalyzer, AccessAnalyzerSnapshot } from '../snapshot/schema.ts';
import { allPages } from './calls.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { isoTime } from './normalize.ts';
import { regionalSection } from './regional.ts';

/** The service's ARN namespace, also what errors name; the snapshot's section is `accessAnalyzer`. */
const SERVICE = 'access-analyzer';
const SECTION = 'accessAnalyzer';

/** IAM Access Analyzer in one region: its analyzers (account or organization zone of trust, unused access). */
export async function collectAccessAnalyzer(ctx: AccountContext, region: string): Promise<AccessAnalyzerSnapshot> {
  const client = ctx.client(AccessAnalyzerClient, region);
  const scope = regionalSection(ctx, SERVICE, region, SECTION);
  const analyzers = await ctx.call(scope.site('ListAnalyzers', 'analyzers'), () =>
    allPages(paginateListAnalyzers({ client }, {}), (page) => page.analyzers),
  );
  const section: AccessAnalyzerSnapshot = { arn: scope.arn };
  if (analyzers) section.analyzers = sortByKey(analyzers.map(normalizeAnalyzer), (a) => a.arn);
  scope.reportDone();
  return section;
}

function normalizeAnalyzer(analyzer: AnalyzerSummary): AccessAnalyzer {
  return {
    arn: analyzer.arn ?? '',
    name: analyzer.name ?? '',
    type: analyzer.type ?? '',
    status: analyzer.status ?? '',
    createdAt: isoTime(analyzer.createdAt),
    lastResourceAnalyzedAt: isoTime(analyzer.lastResourceAnalyzedAt),
  };
}
