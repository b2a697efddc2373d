import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { assumedRoleCredentials } from '../aws/assume-role.ts';
import { ClientFactory, type AwsOptions } from '../aws/clients.ts';
import { snapshotHash } from '../snapshot/io.ts';
import {
  SNAPSHOT_SCHEMA_VERSION,
  type AccountSnapshot,
  type CollectionError,
  type ManifestAccount,
  type Snapshot,
} from '../snapshot/schema.ts';
import { TOOL } from '../version.ts';
import { UserError } from '../user-error.ts';
import { pointerOf } from '../pointer.ts';
import { describeAwsFailure } from './aws-error.ts';
import type { AccountTarget } from './accounts.ts';
import { AccountContext, Limiter, silentProgress, type Progress } from './context.ts';
import { readOrganization, sharedOrganization, type OrganizationRead } from './organization-accounts.ts';
import { accountCollectors, regionalCollectors } from './registry.ts';
import { enabledRegions } from './regions.ts';
import { compareStrings } from '../compare.ts';

type Caller = Snapshot['manifest']['caller'];
type AccountSections = Omit<AccountSnapshot, 'accountId' | 'arn' | 'regions'>;

/** Which accounts a run collects, once the caller and its Organization are known (`--org`, `--accounts FILE`). */
export type AccountSelection = (caller: Caller, organization: OrganizationRead) => AccountTarget[];

export interface SnapshotOptions {
  aws: AwsOptions;
  /** Region for global services and discovery (IAM, STS, DescribeRegions). */
  homeRegion: string;
  /** Regions to collect in every account without regions of its own; default: each account's enabled regions. */
  regions?: string[];
  /** AWS calls in flight at once within one account, across its regions. */
  concurrency: number;
  /** Accounts collected at once (default 1). */
  accountConcurrency?: number;
  /** Default: the caller's own account. */
  accounts?: AccountSelection;
  progress?: Progress;
  now?: () => Date;
}

export interface SnapshotRun {
  snapshot: Snapshot;
  /** Requests sent, by `Service:Operation` (every page counted, retries not). */
  calls: Map<string, number>;
}

/** What one account's collection gave: its entry (absent when it could not be reached) and its manifest line. */
interface AccountOutcome {
  target: AccountTarget;
  regions: string[];
  account?: AccountSnapshot;
}

/** Everything collecting one account needs from the run. */
interface Run {
  clients: ClientFactory;
  options: SnapshotOptions;
  caller: Caller;
  organization: OrganizationRead;
  errors: CollectionError[];
  progress: Progress;
}

const ownAccount: AccountSelection = (caller) => [{ accountId: caller.account, name: null, role: null, tags: {} }];

/** Collects every selected account into one snapshot document, hashed and ready to write. */
export async function takeSnapshot(options: SnapshotOptions): Promise<SnapshotRun> {
  const calls = new Map<string, number>();
  const clients = new ClientFactory(options.aws, (service, operation) => {
    const key = `${service}:${operation}`;
    calls.set(key, (calls.get(key) ?? 0) + 1);
  });
  const collectedAt = (options.now ?? (() => new Date()))().toISOString();
  const caller = await callerIdentity(clients, options.homeRegion);
  const progress = options.progress ?? silentProgress;
  const organization = await readOrganization(
    new AccountContext({ accountId: caller.account, regions: [], clients, limiter: new Limiter(options.concurrency), errors: [], progress }),
  );
  const targets = (options.accounts ?? ownAccount)(caller, organization);
  const run: Run = { clients, options, caller, organization, errors: [], progress };
  const accountLimiter = new Limiter(options.accountConcurrency ?? 1);
  const outcomes = await Promise.all(targets.map((target) => accountLimiter.run(() => collectTarget(run, target))));
  outcomes.sort((a, b) => compareStrings(a.target.accountId, b.target.accountId));

  const snapshot: Snapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    manifest: {
      tool: { ...TOOL },
      collectedAt,
      caller,
      scope: {
        accounts: outcomes.map((o) => o.target.accountId),
        regions: sortedUnique(outcomes.flatMap((o) => o.regions)),
      },
      accounts: Object.fromEntries(outcomes.map((o) => [o.target.accountId, manifestAccount(o)])),
      sha256: '',
    },
    accounts: Object.fromEntries(outcomes.flatMap((o) => (o.account ? [[o.target.accountId, o.account]] : []))),
    errors: sortErrors(run.errors),
  };
  snapshot.manifest.sha256 = snapshotHash(snapshot);
  return { snapshot, calls };
}

/**
 * One account: assume its role (none for the caller's own), find its regions, collect it. A role that cannot be
 * assumed, or regions that cannot be listed, leave the account out, recorded at `/accounts/ID`; the run goes on.
 */
async function collectTarget(run: Run, target: AccountTarget): Promise<AccountOutcome> {
  const { accountId } = target;
  const unreachable = (service: string, operation: string, failure: { code: string; message: string }): AccountOutcome => {
    run.errors.push({ account: accountId, region: 'global', service, operation, ...failure, pointer: pointerOf(['accounts', accountId]) });
    run.progress.done(accountId, 'global', service, 1);
    return { target, regions: target.regions ?? run.options.regions ?? [] };
  };
  // Without a role the caller's credentials are used, which read the caller's account and no other.
  if (!target.role && accountId !== run.caller.account) throw new Error(`account ${accountId} has no role to assume`);
  let clients = run.clients;
  if (target.role) {
    const credentials = assumedRoleCredentials(run.clients, run.options.homeRegion, target.role);
    try {
      await credentials();
    } catch (error) {
      return unreachable('sts', 'AssumeRole', describeAwsFailure(error));
    }
    clients = run.clients.withCredentials(credentials);
  }
  let regions = target.regions ?? run.options.regions;
  if (!regions) {
    try {
      regions = await enabledRegions(clients, run.options.homeRegion);
    } catch (error) {
      // The caller's own regions are the run's scope: without them there is nothing to collect (exit 2).
      if (!target.role) throw error;
      return unreachable('ec2', 'DescribeRegions', { code: 'RegionsUnknown', message: (error as Error).message });
    }
  }
  regions = sortedUnique(regions);
  const context = new AccountContext({ accountId, regions, clients, limiter: new Limiter(run.options.concurrency), errors: run.errors, progress: run.progress });
  const shared = sharedOrganization(run.organization, accountId);
  if (shared) run.errors.push(...shared.errors);
  const account = await collectAccount(context, shared ? { organizations: shared.section } : {});
  return { target, regions, account };
}

function manifestAccount(outcome: AccountOutcome): ManifestAccount {
  return {
    name: outcome.target.name,
    role: outcome.target.role?.roleArn ?? null,
    regions: sortedUnique(outcome.regions),
    tags: outcome.target.tags,
    status: outcome.account ? 'collected' : 'unreachable',
  };
}

/**
 * Every section of one account: each account-wide collector once (except sections already `known`, such as the
 * Organization read once for every member), each regional one over every region in scope.
 */
export async function collectAccount(context: AccountContext, known: Partial<AccountSections> = {}): Promise<AccountSnapshot> {
  const toCollect = Object.fromEntries(Object.entries(accountCollectors).filter(([section]) => !(section in known)));
  const [collected, regionalSections] = await Promise.all([
    collectAll(toCollect, (collect) => collect(context)),
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
    ...({ ...known, ...collected } as AccountSections),
    regions: regions as unknown as AccountSnapshot['regions'],
  };
}

/** Runs every collector of a registry concurrently; the result has the registry's keys. */
async function collectAll<C>(registry: Record<string, C>, run: (collect: C) => Promise<unknown>): Promise<Record<string, unknown>> {
  const entries = Object.entries(registry);
  const values = await Promise.all(entries.map(([, collect]) => run(collect)));
  return Object.fromEntries(entries.map(([name], index) => [name, values[index]]));
}

async function callerIdentity(clients: ClientFactory, region: string): Promise<Caller> {
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

function sortedUnique(items: string[]): string[] {
  return [...new Set(items)].sort(compareStrings);
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
