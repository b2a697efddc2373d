import { located, readCheckedYaml, throwIfErrors } from '../controls/checked-yaml.ts';
import type { ExceptionsReport, QuotedException, ResultsDocument, RuleResult } from '../evaluate/results.ts';
import { closestNames } from '../closest.ts';
import { compareStrings } from '../compare.ts';
import { globMatches } from '../glob.ts';
import { at, type Problem } from '../yaml-source.ts';
import { counted } from '../plural.ts';

/** An exception as read from its file: what the results quote, and where it is written (for warnings). */
export interface Exception {
  quote: QuotedException;
  file: string;
  line: number;
  col: number;
}

/** A checked exceptions file: its exceptions in file order, and the YAML's own warnings. */
export interface ExceptionsFile {
  exceptions: Exception[];
  warnings: Problem[];
}

const DAY_MS = 86_400_000;

/**
 * Reads an exceptions file (schemas/exceptions.schema.json) and checks it against the rules being evaluated.
 * Throws a UserError listing every problem as `file:line:col: message`: a missing reason, owner, approver or expiry,
 * a date that does not exist, a rule id no pack defines.
 */
export async function loadExceptions(file: string, ruleIds: readonly string[]): Promise<ExceptionsFile> {
  const { source, value, problems } = await readCheckedYaml<{ exceptions: QuotedException[] }>(file, 'exceptions.schema.json');
  const known = new Set(ruleIds);
  value?.exceptions.forEach((exception, i) => {
    if (!isCalendarDate(exception.expires)) {
      problems.push(located(source, ['exceptions', i, 'expires'], `exceptions.${i}.expires: ${exception.expires} is not a date in the calendar`));
    }
    if (!known.has(exception.rule)) {
      const closest = closestNames(exception.rule, ruleIds).join(', ') || '(the packs have no rules)';
      problems.push(located(source, ['exceptions', i, 'rule'], `exceptions.${i}.rule: unknown rule "${exception.rule}" (closest rule ids in the packs: ${closest})`));
    }
  });
  const warnings = throwIfErrors(problems);
  // No errors: the file matched its schema, so `value` is set.
  return { exceptions: value!.exceptions.map((quote, i) => ({ quote, file, ...source.locate(['exceptions', i]) })), warnings };
}

/**
 * Applies exceptions to evaluated results, purely: a `fail` that an exception in force covers becomes `waived`,
 * quoting it. Whether an exception is in force is judged at the snapshot's `collectedAt`, never the wall clock,
 * so the same inputs always give the same results. Returns the results, which record what each exception did,
 * and one warning per exception that expired or waived nothing.
 */
export function applyExceptions(doc: ResultsDocument, file: ExceptionsFile): { results: ResultsDocument; warnings: Problem[] } {
  const { exceptions } = file;
  const collectedAt = Date.parse(doc.snapshot.collectedAt);
  const expired = new Set(exceptions.filter((exception) => lastMoment(exception) < collectedAt));
  /** Per exception: the failures it matches, and those it waived (the first exception in force that matches waives). */
  const matched = new Map<Exception, string[]>(exceptions.map((exception) => [exception, []]));
  const waived = new Map<Exception, string[]>(exceptions.map((exception) => [exception, []]));

  const results = doc.results.map((result): RuleResult => {
    // Only failures: `error` means the evidence is incomplete, and a risk nobody could see cannot be accepted.
    // `pass` and `not-applicable` need no exception.
    if (result.status !== 'fail' || result.resource === null) return result;
    const matching = exceptions.filter((exception) => covers(exception, result.rule, result.resource!));
    for (const exception of matching) matched.get(exception)!.push(result.resource);
    const waiver = matching.find((exception) => !expired.has(exception));
    if (!waiver) return result;
    waived.get(waiver)!.push(result.resource);
    const { owner, approvedBy, expires, reason } = waiver.quote;
    const message = `waived until ${expires} by an exception of ${owner}, approved by ${approvedBy}: ${reason}`;
    return { ...result, status: 'waived', message, exception: waiver.quote };
  });

  const unused = exceptions.filter((e) => !expired.has(e) && waived.get(e)!.length === 0);
  const report: ExceptionsReport = {
    applied: exceptions.filter((e) => waived.get(e)!.length > 0).map((e) => ({ exception: e.quote, resources: sorted(waived.get(e)!) })),
    expired: [...expired].map((e) => ({ exception: e.quote, resources: sorted(matched.get(e)!) })),
    unused: unused.map((e) => e.quote),
  };
  const warnings = exceptions.flatMap((exception): Problem[] => {
    const { rule, resource, expires } = exception.quote;
    const subject = `exception for ${rule} on ${resource}`;
    if (expired.has(exception)) {
      const when = `expired on ${expires}, before the snapshot was collected (${doc.snapshot.collectedAt})`;
      return [warning(exception, `${subject} ${when}: not applied to ${counted(matched.get(exception)!.length, 'failure')}`)];
    }
    return unused.includes(exception) ? [warning(exception, `${subject} waived no failure: ${whyUnused(exception, doc.results)}`)] : [];
  });
  const count = [...waived.values()].reduce((sum, resources) => sum + resources.length, 0);
  const summary = { ...doc.summary, fail: doc.summary.fail - count, waived: doc.summary.waived + count };
  return { results: { ...doc, summary, results, exceptions: report }, warnings: [...file.warnings, ...warnings] };
}

/** Why an exception in force waived nothing, from the results it matches. */
function whyUnused(exception: Exception, results: readonly RuleResult[]): string {
  const statuses = results.filter((r) => r.resource !== null && covers(exception, r.rule, r.resource)).map((r) => r.status);
  if (statuses.length === 0) return 'it matches no result; check its rule and resource pattern, or remove it if the resource is gone';
  const errors = statuses.filter((status) => status === 'error').length;
  const matched = `it matches ${counted(statuses.length, 'result')} and none failed`;
  return errors === 0 ? `${matched}: remove it` : `${matched}; ${errors} ${errors === 1 ? 'is an error' : 'are errors'}, and an error is never waived: collect the missing data`;
}


function covers(exception: Exception, rule: string, resource: string): boolean {
  return exception.quote.rule === rule && globMatches(exception.quote.resource, resource);
}

/** The last millisecond (UTC) of the exception's expiry date. */
function lastMoment(exception: Exception): number {
  return Date.parse(`${exception.quote.expires}T00:00:00.000Z`) + DAY_MS - 1;
}

function isCalendarDate(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00.000Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(date);
}

function warning(exception: Exception, message: string): Problem {
  return at(exception.file, exception.line, exception.col, message, 'warning');
}

function sorted(resources: string[]): string[] {
  return [...resources].sort(compareStrings);
}
