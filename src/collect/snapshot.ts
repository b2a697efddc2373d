import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ClientFactory, type AwsOptions } from '../aws/clients.ts';
import { snapshotHash } from '../snapshot/io.ts';
import { SNAPSHOT_SCHEMA_VERSION, type AccountSnapshot, type CollectionError, type Snapshot } from '../snapshot/schema.ts';
import { TOOL } from '../version.ts';
import { UserError } from '../user-error.ts';
import { describeAwsFailure } from './aws-error.ts';
import { AccountContext, Limiter, silentProgress, type Progress } from './context.ts';
import { accountCollectors, regionalCollectors } from './registry.ts';
import { enabledRegions } from './regions.ts';
import { compareStrings } from '../compare.ts';

export interface SnapshotOptions {
  aws: AwsOptions;
  /** Region for global services and discovery (IAM, STS, DescribeRegions). */
  homeRegion: string;
  /** Regions to collect; default: every region enabled for the account. */
  regions?: string[];
  /** AWS calls in flight at once, across all regions. */
  concurrency: number;
  progress?: Progress;
  now?: () => Date;
}

export interface SnapshotRun {
  snapshot: Snapshot;
  /** Requests sent, by `Service:Operation` (every page counted, retries not). */
  calls: Map<string, number>;
}

/** Collects one account into a snapshot document, hashed and ready to write. */
export async function takeSnapshot(options: SnapshotOptions): Promise<SnapshotRun> {
  const calls = new Map<string, number>();
  const clients = new ClientFactory(options.aws, (service, operation) => {
    const key = `${service}:${operation}`;
    calls.set(key, (calls.get(key) ?? 0) + 1);
  });
  const collectedAt = (options.now ?? (() => new Date()))().toISOString();
  const caller = await callerIdentity(clients, options.homeRegion);
  const regions = [...new Set(options.regions ?? (await enabledRegions(clients, options.homeRegion)))].sort(compareStrings);
  const errors: CollectionError[] = [];
  const context = new AccountContext({
    accountId: caller.account,
    regions,
    clients,
    limiter: new Limiter(options.concurrency),
    errors,
    progress: options.progress ?? silentProgress,
  });
  const account = await collectAccount(context);
  const snapshot: Snapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    manifest: {
      tool: { ...TOOL },
      collectedAt,
      caller,
      scope: { accounts: [caller.account], regions },
      sha256: '',
    },
    accounts: { [caller.account]: account },
    errors: sortErrors(errors),
  };
  snapshot.manifest.sha256 = snapshotHash(snapshot);
  return { snapshot, calls };
}

/** Every section of one account: each account-wide collector once, each regional one over every region in scope. */
export async function collectAccount(context: AccountContext): Promise<AccountSnapshot> {
  const [accountSections, regionalSections] = await Promise.all([
    collectAll(accountCollectors, (collect) => collect(context)),
    collectAll(regionalCollectors, (collect) => collect(context)),
  ]);
  const regions: Record<string, Record<string, unknown>> = {};
  for (const region of context.regions) {
    const sections: Record<string, unknown> = { region };
    for (const [section, byRegion] of Object.entries(regionalSections)) {
      sections[section] = (byRegion as Record<string, unknown>)[region];
    }
    regions[region] = sections;
  }
  return {
    accountId: context.accountId,
    arn: `arn:aws:iam::${context.accountId}:root`,
    ...(accountSections as Omit<AccountSnapshot, 'accountId' | 'arn' | 'regions'>),
    regions: regions as unknown as AccountSnapshot['regions'],
  };
}

/** Runs every collector of a registry concurrently; the result has the registry's keys. */
async function collectAll<C>(registry: Record<string, C>, run: (collect: C) => Promise<unknown>): Promise<Record<string, unknown>> {
  const entries = Object.entries(registry);
  const values = await Promise.all(entries.map(([, collect]) => run(collect)));
  return Object.fromEntries(entries.map(([name], index) => [name, values[index]]));
}

async function callerIdentity(clients: ClientFactory, region: string): Promise<Snapshot['manifest']['caller']> {
  try {
    const identity = await clients.get(STSClient, region).send(new GetCallerIdentityCommand({}));
    return { account: identity.Account ?? '', arn: identity.Arn ?? '', userId: identity.UserId ?? '' };
  } catch (error) {
    const { code, message } = describeAwsFailure(error);
    throw new UserError(
      `cannot tell who is calling AWS (STS GetCallerIdentity: ${code}: ${message}). ` +
        'Check the credentials (environment, --profile, SSO login) and --endpoint-url.',
    );
  }
}

function sortErrors(errors: CollectionError[]): CollectionError[] {
  return [...errors].sort(
    (a, b) =>
      compareStrings(a.pointer, b.pointer) ||
      compareStrings(a.operation, b.operation) ||
      compareStrings(a.code, b.code) ||
      compareStrings(a.message, b.message),
  );
}
