import { describe, expect, it } from 'vitest';
import type { TopLevelCondition } from 'json-rules-engine';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import type { RuleResult } from '../../src/evaluate/results.ts';
import { stableStringify } from '../../src/snapshot/canonical.ts';
import type { Snapshot } from '../../src/snapshot/schema.ts';
import type { Rule } from '../../src/rules/types.ts';
import { ACCOUNT, fixture, pack, rule } from './support.ts';

const CREDENTIAL_REPORT = `${ACCOUNT}/iam/credentialReport`;
const USERS = `${ACCOUNT}/iam/users`;
const US_TRAILS = `${ACCOUNT}/regions/us-east-1/cloudtrail/trails`;
const EU_TRAILS = `${ACCOUNT}/regions/eu-west-1/cloudtrail/trails`;
const ALICE = 'arn:aws:iam::111122223333:user/alice';
const BOB = 'arn:aws:iam::111122223333:user/bob';

async function run(snapshot: Snapshot, ...rules: Rule[]): Promise<RuleResult[]> {
  return (await evaluate(snapshot, [pack(...rules)])).results;
}

const outline = (results: RuleResult[]) => results.map((r) => [r.rule, r.status, r.resource, r.pointer]);

const consoleMfa = rule({
  id: 'console-mfa',
  select: '$.accounts.*.iam.credentialReport[*]',
  where: { all: [{ fact: 'resource', path: '$.passwordEnabled', operator: 'equal', value: true }] },
  conditions: { all: [{ fact: 'resource', path: '$.mfaActive', operator: 'equal', value: true }] },
  evidence: ['$.user', '$.arn'],
});

const keysActive = rule({
  id: 'keys-active',
  select: '$.accounts.*.iam.users[*]',
  conditions: { all: [{ fact: 'resource', path: '$.accessKeys[*].status', operator: 'doesNotContain', value: 'Inactive' }] },
});

describe('evaluate: verdicts', () => {
  it('passes, fails, and excludes through where, quoting every value read', async () => {
    const doc = await evaluate(fixture(), [pack(consoleMfa)]);
    expect(outline(doc.results)).toEqual([
      ['console-mfa', 'not-applicable', 'arn:aws:iam::111122223333:root', `${CREDENTIAL_REPORT}/0`],
      ['console-mfa', 'pass', ALICE, `${CREDENTIAL_REPORT}/1`],
      ['console-mfa', 'fail', BOB, `${CREDENTIAL_REPORT}/2`],
      ['console-mfa', 'not-applicable', 'arn:aws:iam::111122223333:user/carol', `${CREDENTIAL_REPORT}/3`],
    ]);
    expect(doc.summary).toEqual({ pass: 1, fail: 1, error: 0, 'not-applicable': 2, waived: 0 });
    const bob = doc.results[2]!;
    expect(bob.evidence).toEqual([
      { pointer: `${CREDENTIAL_REPORT}/2/arn`, value: BOB },
      { pointer: `${CREDENTIAL_REPORT}/2/mfaActive`, value: false },
      { pointer: `${CREDENTIAL_REPORT}/2/passwordEnabled`, value: true },
      { pointer: `${CREDENTIAL_REPORT}/2/user`, value: 'bob' },
    ]);
    expect(bob.checks).toEqual([
      { condition: 'where.all[0]', fact: 'resource', path: '$.passwordEnabled', operator: 'equal', expected: true, pointer: `${CREDENTIAL_REPORT}/2/passwordEnabled`, actual: true, result: true },
      { condition: 'conditions.all[0]', fact: 'resource', path: '$.mfaActive', operator: 'equal', expected: true, pointer: `${CREDENTIAL_REPORT}/2/mfaActive`, actual: false, result: false },
    ]);
    expect(bob.message).toBeUndefined();
    // The root row's passwordEnabled is null (not_supported): collected, so where excludes it rather than erroring.
    expect(doc.results[0]).toMatchObject({ message: 'excluded by where', checks: [{ condition: 'where.all[0]', actual: null, result: false }] });
    expect(doc.results[0]!.evidence.map((e) => e.pointer)).toEqual([`${CREDENTIAL_REPORT}/0/arn`, `${CREDENTIAL_REPORT}/0/passwordEnabled`, `${CREDENTIAL_REPORT}/0/user`]);
  });

  it('names the document it judged and the packs it ran', async () => {
    const snapshot = fixture();
    const doc = await evaluate(snapshot, [pack(consoleMfa)]);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.tool).toEqual({ name: 'soc2-evidence', version: '0.1.0' });
    expect(doc.snapshot).toEqual({ sha256: snapshot.manifest.sha256, collectedAt: '2026-11-24T10:00:00.000Z' });
    expect(doc.packs).toEqual([{ name: 'test', version: '1.0.0', sha256: 'a'.repeat(64), parameters: { maxKeyAgeDays: 90 } }]);
  });

  it('reads the account and region that contain the resource, and counts without nested conditions', async () => {
    const results = await run(
      fixture(),
      rule({
        id: 'facts',
        select: '$.accounts.*.regions.*.cloudtrail.trails[*]',
        conditions: {
          all: [
            { fact: 'region', path: '$.region', operator: 'equal', value: 'us-east-1' },
            { fact: 'account', path: '$.accountId', operator: 'equal', value: '111122223333' },
            { fact: 'snapshot', path: '$.manifest.scope.regions', operator: 'contains', value: 'eu-west-1' },
            { fact: 'count', params: { fact: 'account', path: '$.iam.users[*]' }, operator: 'equal', value: 2 },
          ],
        },
      }),
    );
    expect(results[0]).toMatchObject({ status: 'pass', pointer: `${US_TRAILS}/0` });
    expect(results[0]!.checks.map((c) => [c.pointer, c.actual])).toEqual([
      [`${ACCOUNT}/regions/us-east-1/region`, 'us-east-1'],
      [`${ACCOUNT}/accountId`, '111122223333'],
      ['/manifest/scope/regions', ['eu-west-1', 'us-east-1']],
      [`${ACCOUNT}/iam/users`, 2],
    ]);
  });

  it('treats null as collected: reading through a null gives null and a verdict, not an error', async () => {
    const [result] = await run(
      fixture(),
      rule({
        id: 'password-length',
        select: '$.accounts.*',
        conditions: { all: [{ fact: 'resource', path: '$.iam.passwordPolicy.minimumPasswordLength', operator: 'greaterThanInclusive', value: 14 }] },
      }),
    );
    expect(result).toMatchObject({ status: 'fail', resource: 'arn:aws:iam::111122223333:root', pointer: ACCOUNT });
    expect(result!.evidence).toEqual([{ pointer: `${ACCOUNT}/iam/passwordPolicy`, value: null }]);
    expect(result!.checks[0]).toMatchObject({ pointer: `${ACCOUNT}/iam/passwordPolicy`, actual: null, result: false });
  });
});

describe('evaluate: fail closed', () => {
  it('gives error, quoting the collection error, when a value the rule reads was not collected', async () => {
    const snapshot = fixture();
    const results = await run(snapshot, keysActive);
    expect(outline(results)).toEqual([
      ['keys-active', 'pass', ALICE, `${USERS}/0`],
      ['keys-active', 'error', BOB, `${USERS}/1`],
    ]);
    const bob = results[1]!;
    expect(bob.message).toBe(`not collected: ${USERS}/1/accessKeys (iam:ListAccessKeys AccessDenied)`);
    expect(bob.collectionErrors).toEqual([snapshot.errors[0]]);
    expect(bob.evidence).toEqual([{ pointer: `${USERS}/1/accessKeys` }]);
    expect(bob.checks).toHaveLength(1);
    expect(bob.checks[0]).not.toHaveProperty('actual');
  });

  it('gives error, not not-applicable, when where reads absent data', async () => {
    const results = await run(
      fixture(),
      rule({
        id: 'keys-where',
        select: '$.accounts.*.iam.users[*]',
        where: { all: [{ fact: 'resource', path: '$.accessKeys[*].status', operator: 'contains', value: 'Active' }] },
        conditions: { all: [{ fact: 'resource', path: '$.mfaDevices', operator: 'notEqual', value: null }] },
      }),
    );
    expect(outline(results)).toEqual([
      ['keys-where', 'pass', ALICE, `${USERS}/0`],
      ['keys-where', 'error', BOB, `${USERS}/1`],
    ]);
    expect(results[1]!.checks.map((c) => c.condition)).toEqual(['where.all[0]']);
  });

  it('says so when data is absent and no collection error explains it', async () => {
    const snapshot = fixture();
    delete snapshot.accounts['111122223333']!.iam.users![0]!.mfaDevices;
    const [alice] = await run(
      snapshot,
      rule({ id: 'mfa-devices', select: '$.accounts.*.iam.users[0]', conditions: { all: [{ fact: 'resource', path: '$.mfaDevices[0].serialNumber', operator: 'notEqual', value: null }] } }),
    );
    expect(alice).toMatchObject({
      status: 'error',
      message: `missing from the snapshot, and no collection error explains it: ${USERS}/0/mfaDevices`,
    });
    expect(alice).not.toHaveProperty('collectionErrors');
  });

  it('adds an error for each place a collection error hid from the selection', async () => {
    const snapshot = fixture();
    const results = await run(
      snapshot,
      rule({ id: 'trail-logging', select: '$.accounts.*.regions.*.cloudtrail.trails[*]', conditions: { all: [{ fact: 'resource', path: '$.status.isLogging', operator: 'equal', value: true }] } }),
    );
    expect(outline(results)).toEqual([
      ['trail-logging', 'pass', 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail', `${US_TRAILS}/0`],
      ['trail-logging', 'error', null, EU_TRAILS],
    ]);
    expect(results[1]).toMatchObject({
      message: `selection incomplete: not collected: ${EU_TRAILS} (cloudtrail:DescribeTrails AccessDeniedException)`,
      collectionErrors: [snapshot.errors[1]],
      evidence: [],
      checks: [],
    });
  });

  it('gives error when a condition reads through .. or * past a place a collection error left out', async () => {
    const snapshot = fixture();
    const results = await run(
      snapshot,
      rule({ id: 'a-descend', select: '$.accounts.*', conditions: { all: [{ fact: 'resource', path: '$..accessKeys[*].status', operator: 'doesNotContain', value: 'Inactive' }] } }),
      rule({ id: 'b-wildcard', select: '$.accounts.*', conditions: { all: [{ fact: 'resource', path: '$.regions.*.cloudtrail.trails[*].name', operator: 'notEmpty', value: true }] } }),
    );
    expect(results.map((r) => [r.rule, r.status, r.message])).toEqual([
      ['a-descend', 'error', `not collected: ${USERS}/1/accessKeys, ${EU_TRAILS} (iam:ListAccessKeys AccessDenied; cloudtrail:DescribeTrails AccessDeniedException)`],
      ['b-wildcard', 'error', `not collected: ${EU_TRAILS} (cloudtrail:DescribeTrails AccessDeniedException)`],
    ]);
    expect(results[0]!.collectionErrors).toEqual(snapshot.errors);
  });

  it('gives error when a condition reads across accounts and one was unreachable', async () => {
    const snapshot = fixture();
    const unreachable = { account: '444455556666', region: 'global', service: 'sts', operation: 'AssumeRole', code: 'AccessDenied', message: 'denied', pointer: '/accounts/444455556666' };
    snapshot.errors.push(unreachable);
    const [result] = await run(
      snapshot,
      rule({ id: 'org-mfa', select: '$', conditions: { all: [{ fact: 'snapshot', path: '$.accounts.*.iam.accountSummary.AccountMFAEnabled', operator: 'doesNotContain', value: 0 }] } }),
    );
    expect(result).toMatchObject({ status: 'error', message: 'not collected: /accounts/444455556666 (sts:AssumeRole AccessDenied)', collectionErrors: [unreachable] });
  });

  it('gives error for an account or region in the manifest that has no entry, even with no collection error saying why', async () => {
    const snapshot = fixture();
    snapshot.manifest.scope.accounts.push('444455556666');
    const regions = ['ap-south-1', 'eu-west-1', 'us-east-1'];
    snapshot.manifest.accounts = {
      '111122223333': { name: null, role: null, regions, tags: {}, status: 'collected' },
      '444455556666': { name: null, role: 'Auditor', regions, tags: {}, status: 'unreachable' },
    };
    const results = await run(
      snapshot,
      rule({ id: 'a-regions', select: '$.accounts.*.regions.*', conditions: { all: [{ fact: 'resource', path: '$.cloudtrail', operator: 'notEqual', value: null }] } }),
      rule({ id: 'b-everywhere', select: '$', conditions: { all: [{ fact: 'count', params: { fact: 'snapshot', path: '$.accounts.*.iam' }, operator: 'greaterThan', value: 0 }] } }),
    );
    const unexplained = 'missing from the snapshot, and no collection error explains it:';
    expect(results.map((r) => [r.rule, r.status, r.pointer, r.message])).toEqual([
      ['a-regions', 'error', `${ACCOUNT}/regions/ap-south-1`, `selection incomplete: ${unexplained} ${ACCOUNT}/regions/ap-south-1`],
      ['a-regions', 'pass', `${ACCOUNT}/regions/eu-west-1`, undefined],
      ['a-regions', 'pass', `${ACCOUNT}/regions/us-east-1`, undefined],
      ['a-regions', 'error', '/accounts/444455556666', `selection incomplete: ${unexplained} /accounts/444455556666`],
      ['b-everywhere', 'error', '', `${unexplained} /accounts/444455556666`],
    ]);
  });

  it('counts an error inside a selected resource against that resource only, not as a selection gap', async () => {
    const results = await run(fixture(), rule({ id: 'users', select: '$.accounts.*.iam.users[*]', conditions: { all: [{ fact: 'resource', path: '$.userName', operator: 'notEqual', value: '' }] } }));
    expect(outline(results)).toEqual([
      ['users', 'pass', ALICE, `${USERS}/0`],
      ['users', 'pass', BOB, `${USERS}/1`],
    ]);
  });

  it('is not-applicable once when the selection is empty, and an error when its container is absent', async () => {
    const never = { all: [{ fact: 'resource', path: '$.arn', operator: 'equal', value: 'x' }] };
    const results = await run(
      fixture(),
      rule({ id: 'a-groups', select: '$.accounts.*.iam.groups[*]', conditions: never }),
      rule({ id: 'b-typo', select: '$.accounts.*.iam.grups[*]', conditions: never }),
    );
    expect(results).toEqual([
      { rule: 'a-groups', title: 'title of a-groups', criteria: ['CC6.1'], severity: 'high', tags: [], status: 'not-applicable', resource: null, pointer: null, message: 'selected no resources', evidence: [], checks: [] },
      {
        rule: 'b-typo', title: 'title of b-typo', criteria: ['CC6.1'], severity: 'high', tags: [], status: 'error', resource: null, pointer: `${ACCOUNT}/iam/grups`,
        message: `selection incomplete: missing from the snapshot, and no collection error explains it: ${ACCOUNT}/iam/grups`, evidence: [], checks: [],
      },
    ]);
  });
});

describe('evaluate: the count quantifier', () => {
  const multiRegionLogging = rule({
    id: 'multi-region-logging',
    select: '$.accounts.*',
    conditions: {
      all: [
        {
          fact: 'count',
          params: {
            fact: 'resource',
            path: '$.regions.*.cloudtrail.trails[*]',
            where: {
              all: [
                { fact: 'item', path: '$.isMultiRegionTrail', operator: 'equal', value: true },
                { fact: 'item', path: '$.status.isLogging', operator: 'equal', value: true },
                {
                  fact: 'count',
                  params: {
                    fact: 'item',
                    path: '$.eventSelectors[*]',
                    where: {
                      all: [
                        { fact: 'item', path: '$.includeManagementEvents', operator: 'equal', value: true },
                        { fact: 'item', path: '$.readWriteType', operator: 'equal', value: 'All' },
                      ],
                    },
                  },
                  operator: 'greaterThanInclusive',
                  value: 1,
                },
              ],
            },
          },
          operator: 'greaterThanInclusive',
          value: 1,
        },
      ],
    } as TopLevelCondition,
  });

  /** The fixture with eu-west-1's trails listed (none there) instead of denied. */
  function fullyCollected(): Snapshot {
    const snapshot = fixture();
    snapshot.accounts['111122223333']!.regions['eu-west-1']!.cloudtrail.trails = [];
    snapshot.errors = snapshot.errors.filter((e) => !e.pointer.startsWith(EU_TRAILS));
    return snapshot;
  }

  it('passes when an item satisfies the nested conditions, rebinding item at each level', async () => {
    const [account] = await run(fullyCollected(), multiRegionLogging);
    expect(account).toMatchObject({ status: 'pass', resource: 'arn:aws:iam::111122223333:root', pointer: ACCOUNT });
    const selectors = `${US_TRAILS}/0/eventSelectors`;
    expect(account!.checks.map((c) => [c.condition, c.pointer, c.actual, c.result])).toEqual([
      ['conditions.all[0]', `${ACCOUNT}/regions`, 1, true],
      ['conditions.all[0].params.where.all[0]', `${US_TRAILS}/0/isMultiRegionTrail`, true, true],
      ['conditions.all[0].params.where.all[1]', `${US_TRAILS}/0/status/isLogging`, true, true],
      ['conditions.all[0].params.where.all[2]', selectors, 1, true],
      ['conditions.all[0].params.where.all[2].params.where.all[0]', `${selectors}/0/includeManagementEvents`, true, true],
      ['conditions.all[0].params.where.all[2].params.where.all[1]', `${selectors}/0/readWriteType`, 'WriteOnly', false],
      ['conditions.all[0].params.where.all[2].params.where.all[0]', `${selectors}/1/includeManagementEvents`, true, true],
      ['conditions.all[0].params.where.all[2].params.where.all[1]', `${selectors}/1/readWriteType`, 'All', true],
    ]);
    expect(account!.evidence.map((e) => e.pointer)).toEqual([
      `${selectors}/0/includeManagementEvents`,
      `${selectors}/0/readWriteType`,
      `${selectors}/1/includeManagementEvents`,
      `${selectors}/1/readWriteType`,
      `${US_TRAILS}/0/isMultiRegionTrail`,
      `${US_TRAILS}/0/status/isLogging`,
    ]);
  });

  it('fails when no item qualifies', async () => {
    const snapshot = fullyCollected();
    snapshot.accounts['111122223333']!.regions['us-east-1']!.cloudtrail.trails![0]!.eventSelectors![1]!.readWriteType = 'ReadOnly';
    const [account] = await run(snapshot, multiRegionLogging);
    expect(account!.status).toBe('fail');
    expect(account!.checks[0]).toMatchObject({ condition: 'conditions.all[0]', actual: 0, result: false });
  });

  it('is an error when a collection error leaves the count partial', async () => {
    const snapshot = fixture();
    const [account] = await run(snapshot, multiRegionLogging);
    expect(account).toMatchObject({
      status: 'error',
      message: `not collected: ${EU_TRAILS} (cloudtrail:DescribeTrails AccessDeniedException)`,
      collectionErrors: [snapshot.errors[1]],
    });
  });

  it('is an error when a nested condition reads absent data', async () => {
    const snapshot = fullyCollected();
    delete snapshot.accounts['111122223333']!.regions['us-east-1']!.cloudtrail.trails![0]!.status;
    const [account] = await run(snapshot, multiRegionLogging);
    expect(account).toMatchObject({ status: 'error', message: `missing from the snapshot, and no collection error explains it: ${US_TRAILS}/0/status` });
  });
});

describe('evaluate: time is the snapshot\'s', () => {
  // alice's key was created at 2026-08-26T10:00:00.000Z, exactly 90 days before collectedAt.
  const keyRule = (operator: string, value: unknown, path = '$.createDate') =>
    rule({ id: `${operator}-${String(value)}`, select: '$.accounts.*.iam.users[0].accessKeys[*]', conditions: { all: [{ fact: 'resource', path, operator, value }] } });
  const statuses = async (snapshot: Snapshot, ...rules: Rule[]) => (await run(snapshot, ...rules)).map((r) => [r.rule, r.status]);

  it('counts exactly N days as within N days and not older than N days', async () => {
    expect(await statuses(fixture(), keyRule('withinDays', 90), keyRule('olderThanDays', 90), keyRule('withinDays', 89), keyRule('olderThanDays', 89))).toEqual([
      ['olderThanDays-89', 'pass'],
      ['olderThanDays-90', 'fail'],
      ['withinDays-89', 'fail'],
      ['withinDays-90', 'pass'],
    ]);
  });

  it('counts one millisecond more as older', async () => {
    const snapshot = fixture();
    snapshot.accounts['111122223333']!.iam.users![0]!.accessKeys![0]!.createDate = '2026-08-26T09:59:59.999Z';
    expect(await statuses(snapshot, keyRule('withinDays', 90), keyRule('olderThanDays', 90))).toEqual([
      ['olderThanDays-90', 'pass'],
      ['withinDays-90', 'fail'],
    ]);
  });

  it('counts a timestamp after collectedAt as within', async () => {
    const snapshot = fixture();
    snapshot.accounts['111122223333']!.iam.users![0]!.accessKeys![0]!.createDate = '2026-11-25T00:00:00.000Z';
    expect(await statuses(snapshot, keyRule('withinDays', 0), keyRule('olderThanDays', 0))).toEqual([
      ['olderThanDays-0', 'fail'],
      ['withinDays-0', 'pass'],
    ]);
  });

  it('treats a null timestamp as neither within nor older', async () => {
    expect(await statuses(fixture(), keyRule('withinDays', 1, '$.lastUsedDate'), keyRule('olderThanDays', 1, '$.lastUsedDate'))).toEqual([
      ['olderThanDays-1', 'fail'],
      ['withinDays-1', 'fail'],
    ]);
  });

  it('gives error for a value that is not a timestamp, or days that are not a number', async () => {
    const snapshot = fixture();
    snapshot.accounts['111122223333']!.iam.users![0]!.accessKeys![0]!.createDate = 'last Tuesday';
    const results = await run(snapshot, keyRule('olderThanDays', 90), rule({ ...keyRule('withinDays', 'ninety', '$.lastUsedDate') }));
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ['error', 'could not be evaluated: olderThanDays needs an ISO-8601 timestamp, got "last Tuesday"'],
      ['error', 'could not be evaluated: withinDays needs a number of days as its value, got "ninety"'],
    ]);
  });
});

describe('evaluate: robustness', () => {
  it('gives error, not a crash, for an unknown operator or an operator that throws, and goes on', async () => {
    const results = await run(
      fixture(),
      rule({ id: 'a-unknown', select: '$.accounts.*', conditions: { all: [{ fact: 'resource', path: '$.accountId', operator: 'frobnicate', value: 1 }] } }),
      rule({ id: 'b-throws', select: '$.accounts.*', conditions: { all: [{ fact: 'resource', path: '$.accountId', operator: 'in', value: 42 }] } }),
      rule({ id: 'c-region', select: '$.accounts.*', conditions: { all: [{ fact: 'region', path: '$.region', operator: 'equal', value: 'x' }] } }),
      rule({ id: 'd-fine', select: '$.accounts.*', conditions: { all: [{ fact: 'resource', path: '$.accountId', operator: 'equal', value: '111122223333' }] } }),
    );
    expect(results.map((r) => [r.rule, r.status, r.message])).toEqual([
      ['a-unknown', 'error', 'could not be evaluated: Unknown operator: frobnicate'],
      ['b-throws', 'error', 'could not be evaluated: b.indexOf is not a function'],
      ['c-region', 'error', 'could not be evaluated: Undefined fact: region'],
      ['d-fine', 'pass', undefined],
    ]);
  });

  it('refuses a filter-script payload (CVE-2024-21534) wherever a path goes, without running it', async () => {
    const flag = '__soc2EvaluatePwned';
    const payload = `$..[?(@.constructor.constructor('globalThis.${flag} = true')())]`;
    const exitPayload = "$..[?(@.constructor.constructor('return process')().exit())]";
    const results = await run(
      fixture(),
      rule({ id: 'a-select', select: exitPayload, conditions: { all: [{ fact: 'resource', operator: 'equal', value: 1 }] } }),
      rule({ id: 'b-condition', select: '$.accounts.*', conditions: { all: [{ fact: 'resource', path: payload, operator: 'equal', value: 1 }] } }),
      rule({ id: 'c-evidence', select: '$.accounts.*', evidence: [payload], conditions: { all: [{ fact: 'resource', path: '$.arn', operator: 'equal', value: 1 }] } }),
      rule({
        id: 'd-count',
        select: '$.accounts.*',
        conditions: { all: [{ fact: 'count', params: { fact: 'resource', path: payload }, operator: 'equal', value: 0 }] },
      }),
    );
    expect(results.map((r) => [r.rule, r.status])).toEqual([
      ['a-select', 'error'],
      ['b-condition', 'error'],
      ['c-evidence', 'error'],
      ['d-count', 'error'],
    ]);
    for (const result of results) expect(result.message).toContain('contains a filter or script expression');
    expect((globalThis as Record<string, unknown>)[flag]).toBeUndefined();
  });

  it('is deterministic: the same inputs give the same bytes, whatever the order of packs and rules', async () => {
    const rules = [consoleMfa, keysActive];
    const first = stableStringify(await evaluate(fixture(), [pack(...rules), { ...pack(), name: 'other' }]));
    const second = stableStringify(await evaluate(fixture(), [{ ...pack(), name: 'other' }, pack(...rules.toReversed())]));
    expect(second).toBe(first);
  });
});
