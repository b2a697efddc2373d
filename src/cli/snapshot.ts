import type { Command } from 'commander';
import { STSClient } from '@aws-sdk/client-sts';
import { DEFAULT_AWS_OPTIONS } from '../aws/clients.ts';
import { DEFAULT_ROLE_NAME, readAccountsFile } from '../collect/accounts.ts';
import { organizationTargets } from '../collect/organization-accounts.ts';
import { takeSnapshot, type AccountSelection } from '../collect/snapshot.ts';
import { writeJsonAtomic } from '../fs-atomic.ts';
import type { CollectionError, Snapshot } from '../snapshot/schema.ts';
import { UserError } from '../user-error.ts';
import { commaList, positiveInteger } from './options.ts';
import { terminalProgress } from './progress.ts';
import { compareStrings } from '../compare.ts';
import { counted } from '../plural.ts';

interface SnapshotFlags {
  regions?: string[];
  region?: string;
  profile?: string;
  endpointUrl?: string;
  output?: string;
  strict?: boolean;
  concurrency: number;
  maxAttempts: number;
  org?: boolean;
  accounts?: string;
  roleName: string;
  accountConcurrency: number;
}

export function register(program: Command): void {
  program
    .command('snapshot')
    .summary('Collect AWS state, read-only, into one hashed JSON document.')
    .description(
      'Collect the AWS account\'s state (read-only) into one canonical JSON document with a SHA-256 manifest.\n' +
        'Credentials come from the standard AWS chain: environment, --profile, SSO, instance role.\n' +
        'With --org or --accounts, every account is collected into the same document through a role assumed in it.',
    )
    .option('--regions <list>', 'comma-separated regions to collect (default: every region enabled for the account)', commaList)
    .option('--region <region>', 'region for global services and region discovery (default: the profile\'s, else us-east-1)')
    .option('--profile <name>', 'named profile from the shared AWS config and credentials files')
    .option('--endpoint-url <url>', 'send every AWS request to this endpoint (AWS_ENDPOINT_URL is honoured too)')
    .option('-o, --output <file>', 'where to write the snapshot (default: snapshot-<account>-<UTC time>.json)')
    .option('--strict', 'exit 3 when anything could not be collected')
    .option('--org', 'collect every ACTIVE account of the caller\'s Organization (run from the management account or a delegated administrator)')
    .option('--accounts <file>', 'collect the accounts listed in this YAML or JSON file (c7n-org format; see docs/multi-account.md)')
    .option('--role-name <name>', 'role assumed in each account that names none (not in the caller\'s own)', DEFAULT_ROLE_NAME)
    .option('--account-concurrency <n>', 'accounts collected at once', positiveInteger, 4)
    .option('--concurrency <n>', 'AWS calls in flight at once within one account', positiveInteger, 8)
    .option('--max-attempts <n>', 'attempts per AWS call, with adaptive back-off', positiveInteger, DEFAULT_AWS_OPTIONS.maxAttempts)
    .addHelpText(
      'after',
      '\nExit codes: 0 written (collection errors are recorded in the document and summarised on stderr);\n' +
        '3 written, but something could not be collected and --strict was given; 2 bad input.',
    )
    .action(async (flags: SnapshotFlags) => {
      if (flags.profile) process.env.AWS_PROFILE = flags.profile;
      const accounts = await accountSelection(flags);
      const { snapshot, calls } = await withinDocumentLimit(async () => takeSnapshot({
        aws: {
          ...DEFAULT_AWS_OPTIONS,
          maxAttempts: flags.maxAttempts,
          ...(flags.endpointUrl ? { endpoint: flags.endpointUrl } : {}),
          ...(flags.profile ? { profile: flags.profile } : {}),
        },
        homeRegion: flags.region ?? (await configuredRegion()),
        ...(flags.regions ? { regions: flags.regions } : {}),
        concurrency: flags.concurrency,
        accountConcurrency: flags.accountConcurrency,
        ...(accounts ? { accounts } : {}),
        progress: terminalProgress(),
      }));
      const account = snapshot.manifest.caller.account;
      const output = flags.output ?? `snapshot-${account}-${snapshot.manifest.collectedAt.replace(/[-:]|\.\d+/g, '')}.json`;
      await withinDocumentLimit(() => writeJsonAtomic(output, snapshot));
      const requests = [...calls.values()].reduce((a, b) => a + b, 0);
      process.stderr.write(
        `wrote ${output}: ${accountsSummary(snapshot, Boolean(accounts))}, ${counted(snapshot.manifest.scope.regions.length, 'region')}, ` +
          `${requests} API requests, sha256 ${snapshot.manifest.sha256}\n${errorSummary(snapshot.errors)}\n`,
      );
      if (flags.strict && snapshot.errors.length > 0) process.exitCode = 3;
    });
}

/**
 * V8 holds no string past about 512 MiB, so a larger document can be neither hashed nor written in one piece:
 * say how to split the run rather than crash (docs/multi-account.md has the measurements).
 */
export async function withinDocumentLimit<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof RangeError && /Invalid string length/.test(error.message)) {
      throw new UserError(
        'the snapshot is too large for one document (its JSON passes 512 MiB): collect the accounts in groups, ' +
          'one --accounts file per group (see docs/multi-account.md)',
      );
    }
    throw error;
  }
}

/** Which accounts the flags ask for; undefined: the caller's own. */
async function accountSelection(flags: SnapshotFlags): Promise<AccountSelection | undefined> {
  if (flags.org && flags.accounts) throw new UserError('--org and --accounts cannot be used together: choose one way to name the accounts');
  if (flags.org) return (caller, organization) => organizationTargets(organization, caller, flags.roleName);
  if (flags.accounts) {
    const file = await readAccountsFile(flags.accounts);
    return (caller) => file(caller, flags.roleName);
  }
  return undefined;
}

/** `account ID` for a single-account run; `N accounts` (and how many could not be reached) for a multi-account one. */
function accountsSummary(snapshot: Snapshot, multiAccount: boolean): string {
  if (!multiAccount) return `account ${snapshot.manifest.caller.account}`;
  const inScope = snapshot.manifest.scope.accounts.length;
  const unreachable = inScope - Object.keys(snapshot.accounts).length;
  return `${counted(inScope, 'account')}${unreachable > 0 ? ` (${unreachable} unreachable)` : ''}`;
}


/** The region the AWS CLI would use: AWS_REGION, then the profile's `region`; us-east-1 when neither is set. */
async function configuredRegion(): Promise<string> {
  try {
    // A client built without a region resolves it exactly as the SDK (and the AWS CLI) would.
    return await new STSClient({}).config.region();
  } catch {
    return 'us-east-1';
  }
}

/** One line: how many things could not be collected, by error code. */
export function errorSummary(errors: CollectionError[]): string {
  if (errors.length === 0) return 'no collection errors';
  const byCode = new Map<string, number>();
  for (const error of errors) byCode.set(error.code, (byCode.get(error.code) ?? 0) + 1);
  const parts = [...byCode].sort(([a], [b]) => compareStrings(a, b)).map(([code, n]) => `${code} ×${n}`);
  return `${counted(errors.length, 'collection error')} recorded in the snapshot's "errors": ${parts.join(', ')}`;
}
