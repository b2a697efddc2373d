import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MalformedCredentialReport, parseCredentialReport } from '../../src/collect/iam-credential-report.ts';

const fixture = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'iam', 'credential-report.csv'), 'utf8');
const [header = '', ...lines] = fixture.trimEnd().split('\n');

const noKeyOrCert = {
  accessKey2Active: false,
  accessKey2LastRotated: null,
  accessKey2LastUsedDate: null,
  accessKey2LastUsedRegion: null,
  accessKey2LastUsedService: null,
  cert1Active: false,
  cert1LastRotated: null,
  cert2Active: false,
  cert2LastRotated: null,
};

describe('parseCredentialReport', () => {
  it('types every column of a real-format report, keeps the root row, and sorts rows by ARN', () => {
    expect(parseCredentialReport(fixture)).toStrictEqual([
      {
        user: '<root_account>',
        arn: 'arn:aws:iam::111122223333:root',
        isRoot: true,
        userCreationTime: '2019-06-12T09:44:10.000Z',
        passwordEnabled: null,
        passwordLastUsed: '2024-05-01T08:15:00.000Z',
        passwordLastChanged: null,
        passwordNextRotation: null,
        mfaActive: true,
        accessKey1Active: false,
        accessKey1LastRotated: null,
        accessKey1LastUsedDate: null,
        accessKey1LastUsedRegion: null,
        accessKey1LastUsedService: null,
        ...noKeyOrCert,
      },
      {
        user: 'alice',
        arn: 'arn:aws:iam::111122223333:user/admins/alice',
        isRoot: false,
        userCreationTime: '2020-01-02T03:04:05.000Z',
        passwordEnabled: true,
        passwordLastUsed: null,
        passwordLastChanged: '2024-08-01T10:00:00.000Z',
        passwordNextRotation: '2024-10-30T10:00:00.000Z',
        mfaActive: true,
        accessKey1Active: false,
        accessKey1LastRotated: '2020-01-02T03:05:00.000Z',
        accessKey1LastUsedDate: '2020-06-01T00:00:00.000Z',
        accessKey1LastUsedRegion: 'us-east-1',
        accessKey1LastUsedService: 'iam',
        ...noKeyOrCert,
      },
      {
        user: 'zoe',
        arn: 'arn:aws:iam::111122223333:user/zoe',
        isRoot: false,
        userCreationTime: '2021-03-04T05:06:07.000Z',
        passwordEnabled: false,
        passwordLastUsed: null,
        passwordLastChanged: null,
        passwordNextRotation: null,
        mfaActive: false,
        accessKey1Active: true,
        accessKey1LastRotated: '2021-03-04T05:10:00.000Z',
        accessKey1LastUsedDate: null,
        accessKey1LastUsedRegion: null,
        accessKey1LastUsedService: null,
        accessKey2Active: true,
        accessKey2LastRotated: '2023-07-01T12:00:00.000Z',
        accessKey2LastUsedDate: '2024-11-23T22:41:00.000Z',
        accessKey2LastUsedRegion: 'eu-west-1',
        accessKey2LastUsedService: 'ec2',
        cert1Active: true,
        cert1LastRotated: '2022-01-01T00:00:00.000Z',
        cert2Active: false,
        cert2LastRotated: null,
      },
    ]);
  });

  it('finds columns by name, so a column AWS adds or moves changes nothing', () => {
    const columns = header.split(',');
    const reordered = (line: string) => {
      const cells = line.split(',');
      return ['extra', ...[...columns.keys()].reverse().map((i) => cells[i])].join(',');
    };
    const moved = [reordered(header).replace(/^extra/, 'new_column'), ...lines.map(reordered)].join('\r\n');
    expect(parseCredentialReport(moved)).toStrictEqual(parseCredentialReport(fixture));
  });

  it('refuses a report missing a column', () => {
    const without = fixture.replace('cert_2_last_rotated', 'cert_2_rotated');
    expect(() => parseCredentialReport(without)).toThrow(new MalformedCredentialReport('missing columns: cert_2_last_rotated'));
  });

  it('refuses an empty report', () => {
    expect(() => parseCredentialReport('')).toThrow(/missing columns: user, arn, user_creation_time/);
  });

  it('refuses a value of the wrong kind, naming line and column', () => {
    const badBoolean = fixture.replace(',false,N/A,N/A,N/A,false,true,', ',yes,N/A,N/A,N/A,false,true,');
    expect(() => parseCredentialReport(badBoolean)).toThrow('line 2, password_enabled: expected true or false, got yes');
    const badTime = fixture.replace('2019-06-12T09:44:10+00:00', 'yesterday');
    expect(() => parseCredentialReport(badTime)).toThrow('line 3, user_creation_time: not a timestamp: yesterday');
  });

  it('refuses a row without a user or an ARN, and a row with too few cells', () => {
    expect(() => parseCredentialReport(`${header}\n,arn:aws:iam::111122223333:user/x${',N/A'.repeat(20)}`)).toThrow(
      'line 2: no user or arn',
    );
    expect(() => parseCredentialReport(`${header}\nbob,arn:aws:iam::111122223333:user/bob`)).toThrow(MalformedCredentialReport);
  });
});
