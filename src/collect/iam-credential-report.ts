import { setTimeout as sleep } from 'node:timers/promises';
import { GenerateCredentialReportCommand, GetCredentialReportCommand, type IAMClient } from '@aws-sdk/client-iam';
import { parse } from 'csv-parse/sync';
import type { CredentialReportRow } from '../snapshot/schema.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { iamSite } from './iam-call.ts';

/** Waits between GenerateCredentialReport polls: about 16 s in all, then the report counts as not ready. */
export const CREDENTIAL_REPORT_POLL_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000];

export class CredentialReportNotReady extends Error {
  override name = 'CredentialReportNotReady';
}

export class MalformedCredentialReport extends Error {
  override name = 'MalformedCredentialReport';
}

/**
 * Asks IAM to generate the credential report, polls until it is COMPLETE (waiting `pollDelaysMs` between
 * polls, outside the call limiter), then reads it. Every failure, including a report still not ready after
 * the last poll, leaves `credentialReport` absent and is recorded at `/iam/credentialReport`.
 */
export async function collectCredentialReport(
  ctx: AccountContext,
  iam: IAMClient,
  pollDelaysMs: readonly number[] = CREDENTIAL_REPORT_POLL_DELAYS_MS,
): Promise<CredentialReportRow[] | undefined> {
  const generate = iamSite('GenerateCredentialReport', 'credentialReport');
  for (let poll = 0; ; poll++) {
    const answer = await ctx.call(generate, () => iam.send(new GenerateCredentialReportCommand({})));
    if (!answer) return undefined;
    if (answer.State === 'COMPLETE') break;
    const delay = pollDelaysMs[poll];
    if (delay === undefined) {
      const waited = pollDelaysMs.reduce((sum, ms) => sum + ms, 0);
      ctx.recordFailure(generate, new CredentialReportNotReady(`state ${answer.State} after ${poll + 1} polls over ${waited} ms`));
      return undefined;
    }
    await sleep(delay);
  }
  return ctx.call(iamSite('GetCredentialReport', 'credentialReport'), async () => {
    const report = await iam.send(new GetCredentialReportCommand({}));
    if (report.ReportFormat !== undefined && report.ReportFormat !== 'text/csv') {
      throw new MalformedCredentialReport(`unexpected report format ${report.ReportFormat}`);
    }
    return parseCredentialReport(new TextDecoder().decode(report.Content ?? new Uint8Array()));
  });
}

type Kind = 'text' | 'boolean' | 'time';

/** AWS's 22 columns, in AWS's order, and how each is typed. */
const COLUMNS: [column: string, kind: Kind][] = [
  ['user', 'text'],
  ['arn', 'text'],
  ['user_creation_time', 'time'],
  ['password_enabled', 'boolean'],
  ['password_last_used', 'time'],
  ['password_last_changed', 'time'],
  ['password_next_rotation', 'time'],
  ['mfa_active', 'boolean'],
  ...accessKeyColumns(1),
  ...accessKeyColumns(2),
  ['cert_1_active', 'boolean'],
  ['cert_1_last_rotated', 'time'],
  ['cert_2_active', 'boolean'],
  ['cert_2_last_rotated', 'time'],
];

function accessKeyColumns(n: number): [string, Kind][] {
  return [
    [`access_key_${n}_active`, 'boolean'],
    [`access_key_${n}_last_rotated`, 'time'],
    [`access_key_${n}_last_used_date`, 'time'],
    [`access_key_${n}_last_used_region`, 'text'],
    [`access_key_${n}_last_used_service`, 'text'],
  ];
}

/** What the report writes where there is no value: the root has no password fields, a key may never be used. */
const NO_VALUE = new Set(['N/A', 'not_supported', 'no_information']);
const ROOT_USER = '<root_account>';

/**
 * The report's CSV as typed rows sorted by ARN. Columns are found by header name (columns AWS may add are
 * ignored); a missing column or a value of the wrong kind fails the whole report rather than guess at a row.
 */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  let header: string[] | undefined;
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: (names: string[]) => (header = names), skip_empty_lines: true });
  } catch (error) {
    throw new MalformedCredentialReport(`not a CSV report: ${(error as Error).message}`);
  }
  const missing = COLUMNS.map(([column]) => column).filter((column) => !header?.includes(column));
  if (missing.length > 0) throw new MalformedCredentialReport(`missing columns: ${missing.join(', ')}`);
  return sortByKey(
    records.map((record, index) => typedRow(record, index + 2)),
    (row) => row.arn,
  );
}

function typedRow(record: Record<string, string>, line: number): CredentialReportRow {
  const row: Record<string, string | boolean | null> = {};
  for (const [column, kind] of COLUMNS) row[camelCase(column)] = typedValue(record[column] ?? '', kind, `line ${line}, ${column}`);
  if (typeof row.user !== 'string' || typeof row.arn !== 'string') {
    throw new MalformedCredentialReport(`line ${line}: no user or arn`);
  }
  return { ...row, isRoot: row.user === ROOT_USER } as unknown as CredentialReportRow;
}

function typedValue(value: string, kind: Kind, where: string): string | boolean | null {
  if (NO_VALUE.has(value) || value === '') return null;
  if (kind === 'text') return value;
  if (kind === 'boolean') {
    if (value === 'true' || value === 'false') return value === 'true';
    throw new MalformedCredentialReport(`${where}: expected true or false, got ${value}`);
  }
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new MalformedCredentialReport(`${where}: not a timestamp: ${value}`);
  return time.toISOString();
}

/** `access_key_1_last_used_date` -> `accessKey1LastUsedDate`. */
function camelCase(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, next: string) => next.toUpperCase());
}
