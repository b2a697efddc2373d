// How an AWS SDK v3 operation is named in an IAM policy: the service's action prefix and, mostly, the
// operation's own name; S3 names several of its actions differently from its operations.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface Service {
  /** `@aws-sdk/client-NAME`. */
  package: string;
  /** The client's name as the call observer reports it (`IAMClient` without `Client`). */
  client: string;
  /** The service's prefix in IAM actions. */
  prefix: string;
}

const SERVICES: Service[] = [
  { package: 'accessanalyzer', client: 'AccessAnalyzer', prefix: 'access-analyzer' },
  { package: 'account', client: 'Account', prefix: 'account' },
  { package: 'backup', client: 'Backup', prefix: 'backup' },
  { package: 'cloudtrail', client: 'CloudTrail', prefix: 'cloudtrail' },
  { package: 'cloudwatch', client: 'CloudWatch', prefix: 'cloudwatch' },
  { package: 'cloudwatch-logs', client: 'CloudWatchLogs', prefix: 'logs' },
  { package: 'config-service', client: 'ConfigService', prefix: 'config' },
  { package: 'ec2', client: 'EC2', prefix: 'ec2' },
  { package: 'guardduty', client: 'GuardDuty', prefix: 'guardduty' },
  { package: 'iam', client: 'IAM', prefix: 'iam' },
  { package: 'kms', client: 'KMS', prefix: 'kms' },
  { package: 'organizations', client: 'Organizations', prefix: 'organizations' },
  { package: 's3', client: 'S3', prefix: 's3' },
  { package: 's3-control', client: 'S3Control', prefix: 's3' },
  { package: 'securityhub', client: 'SecurityHub', prefix: 'securityhub' },
  { package: 'sns', client: 'SNS', prefix: 'sns' },
  { package: 'sts', client: 'STS', prefix: 'sts' },
];

/** Operations whose IAM action has another name (AWS's Service Authorization Reference). */
const RENAMED: Record<string, string> = {
  'S3:ListBuckets': 's3:ListAllMyBuckets',
  'S3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  'S3:GetObjectLockConfiguration': 's3:GetBucketObjectLockConfiguration',
  'S3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  'S3:GetBucketLifecycleConfiguration': 's3:GetLifecycleConfiguration',
  'S3Control:GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
};

/** `IAM:ListRoles` -> `iam:ListRoles`. */
export function actionOf(call: string): string {
  const [client, operation] = call.split(':') as [string, string];
  const service = SERVICES.find((s) => s.client === client);
  if (!service) throw new Error(`no IAM prefix known for the ${client} client (add it to test/permissions/policy-actions.ts)`);
  return RENAMED[call] ?? `${service.prefix}:${operation}`;
}

/** The operations that cannot change anything (the list): Get*, List*, Describe*, the credential report, STS's identity calls. */
export function isReadOnly(call: string): boolean {
  const operation = call.split(':')[1] ?? '';
  return /^(Get|List|Describe)[A-Z]/.test(operation) || ['IAM:GenerateCredentialReport', 'STS:GetCallerIdentity', 'STS:AssumeRole'].includes(call);
}

/**
 * Every operation the source can call, as `Client:Operation`: each `XCommand` and `paginateX` imported from an
 * `@aws-sdk/client-*` package anywhere under `dir`, including calls only made when AWS has something to read.
 */
export async function operationsInSource(dir: string): Promise<string[]> {
  const found = new Set<string>();
  for (const file of await readdir(dir, { recursive: true })) {
    if (!file.endsWith('.ts')) continue;
    const text = await readFile(join(dir, file), 'utf8');
    for (const [, names, pkg] of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z0-9-]+)'/g)) {
      const service = SERVICES.find((s) => s.package === pkg);
      if (!service) throw new Error(`${file}: no IAM prefix known for @aws-sdk/client-${pkg}`);
      for (const imported of names!.split(',')) {
        const name = imported.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!;
        const operation = /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1];
        if (operation) found.add(`${service.client}:${operation}`);
      }
    }
  }
  return [...found].sort();
}
