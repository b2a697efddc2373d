import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import { formatResultsTable } from '../../src/format/results-table.ts';
import { fixture, pack, rule } from './support.ts';

describe('formatResultsTable', () => {
  it('prints the counts, then failures and errors by criterion, most severe first, within 100 columns', async () => {
    const doc = await evaluate(fixture(), [
      pack(
        rule({
          id: 'console-mfa',
          title: 'IAM users with a console password have MFA enabled',
          criteria: ['CC6.1', 'CC6.2'],
          select: '$.accounts.*.iam.credentialReport[*]',
          where: { all: [{ fact: 'resource', path: '$.passwordEnabled', operator: 'equal', value: true }] },
          conditions: { all: [{ fact: 'resource', path: '$.mfaActive', operator: 'equal', value: true }] },
        }),
        rule({
          id: 'trail-validation',
          title: 'Trails validate their log files',
          criteria: ['CC6.1'],
          severity: 'low',
          select: '$.accounts.*.regions.*.cloudtrail.trails[*]',
          conditions: { all: [{ fact: 'resource', path: '$.logFileValidationEnabled', operator: 'equal', value: true }] },
        }),
        rule({
          id: 'uncategorized',
          criteria: [],
          severity: 'critical',
          select: '$.accounts.*.iam.users[*]',
          conditions: { all: [{ fact: 'resource', path: '$.accessKeys', operator: 'notEqual', value: null }] },
        }),
      ),
    ]);
    const text = formatResultsTable(doc);
    expect(text).toBe(
      [
        `snapshot  ${'0'.repeat(64)}`,
        'collected 2026-11-24T10:00:00.000Z',
        'packs     test 1.0.0',
        '',
        'pass 3   fail 1   error 2   not-applicable 2   waived 0',
        '',
        '(no criterion)',
        '  ERROR  critical      uncategorized',
        '         arn:aws:iam::111122223333:user/bob',
        '         not collected: /accounts/111122223333/iam/users/1/accessKeys (iam:ListAccessKeys',
        '         AccessDenied)',
        '',
        'CC6.1',
        '  FAIL   high          console-mfa',
        '         arn:aws:iam::111122223333:user/bob',
        '         IAM users with a console password have MFA enabled',
        '  ERROR  low           trail-validation',
        '         /accounts/111122223333/regions/eu-west-1/cloudtrail/trails',
        '         selection incomplete: not collected:',
        '         /accounts/111122223333/regions/eu-west-1/cloudtrail/trails (cloudtrail:DescribeTrails',
        '         AccessDeniedException)',
        '',
        'CC6.2',
        '  FAIL   high          console-mfa',
        '         arn:aws:iam::111122223333:user/bob',
        '         IAM users with a console password have MFA enabled',
        '',
      ].join('\n'),
    );
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
  });

  it('says so when nothing failed', async () => {
    const doc = await evaluate(fixture(), [pack()]);
    expect(formatResultsTable(doc).split('\n').slice(4)).toEqual(['pass 0   fail 0   error 0   not-applicable 0   waived 0', '', 'No failures or errors.', '']);
  });
});
