import { errorCountUnder } from './calls.ts';
import type { AccountContext, CallSite } from './context.ts';
import { regionalSectionArn } from './normalize.ts';

type Path = (string | number)[];

/** One service's section of one region, as every per-region collector fills and reports it. */
export interface RegionalSection {
  /** `arn:aws:SERVICE:REGION:ACCOUNT:`, the section's own `arn`. */
  arn: string;
  /** A field of the section, as segments under `/accounts/ACCOUNT`. */
  at(...segments: Path): Path;
  /** The call of `operation` whose answer fills the field at `segments`. */
  site(operation: string, ...segments: Path): CallSite;
  /** Reports the section collected, with the errors recorded under it. */
  reportDone(): void;
}

/** `key` is the section's name in the snapshot when it is not the service's (`accessAnalyzer`). */
export function regionalSection(ctx: AccountContext, service: string, region: string, key = service): RegionalSection {
  const at = (...segments: Path): Path => ['regions', region, key, ...segments];
  return {
    arn: regionalSectionArn(service, region, ctx.accountId),
    at,
    site: (operation, ...segments) => ({ service, region, operation, path: at(...segments) }),
    reportDone: () => ctx.progress.done(ctx.accountId, region, service, errorCountUnder(ctx, at())),
  };
}
