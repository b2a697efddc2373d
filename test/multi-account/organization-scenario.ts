// An AWS Organization of three accounts over two regions, seeded into moto through the real AWS APIs: the
// management account (moto's default) creates two members, then each member is seeded through
// OrganizationAccountAccessRole, which moto creates in every account it creates, as AWS does.
// Used by test/multi-account/organization.test.ts and bench/run.ts.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CreateUserCommand, IAMClient, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from '@aws-sdk/client-kms';
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { ConfigServiceClient, PutConfigurationRecorderCommand, PutDeliveryChannelCommand } from '@aws-sdk/client-config-service';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import { BackupClient, CreateBackupVaultCommand } from '@aws-sdk/client-backup';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DEFAULT_ACCOUNT, TEST_CREDENTIALS } from '../support/moto.ts';

export const ORGANIZATION_REGIONS = ['eu-west-1', 'us-east-1'];
export const MANAGEMENT_ACCOUNT = DEFAULT_ACCOUNT;
/** The role moto (like AWS) creates in each account the Organization creates. */
export const MEMBER_ROLE = 'OrganizationAccountAccessRole';

export interface SeededOrganization {
  organizationId: string;
  /** The two member accounts, sorted. */
  members: string[];
}

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export async function seedOrganization(endpoint: string): Promise<SeededOrganization> {
  const config = (region: string, credentials: Credentials = TEST_CREDENTIALS) => ({ endpoint, region, credentials, maxAttempts: 2 });
  const organizations = new OrganizationsClient(config('us-east-1'));
  const organization = (await organizations.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }))).Organization!;
  const members: string[] = [];
  for (const name of ['production', 'staging']) {
    const created = await organizations.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
    members.push(created.CreateAccountStatus!.AccountId!);
  }
  members.sort();
  await seedAccount(MANAGEMENT_ACCOUNT, (region) => config(region));
  for (const member of members) {
    const assumed = await new STSClient(config('us-east-1')).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${member}:role/${MEMBER_ROLE}`, RoleSessionName: 'seed' }),
    );
    const c = assumed.Credentials!;
    const credentials = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    await seedAccount(member, (region) => config(region, credentials));
  }
  return { organizationId: organization.Id!, members };
}

type ConfigFor = (region: string) => { endpoint: string; region: string; credentials: Credentials; maxAttempts: number };

/** A little of every service, in every region: enough that each section of the snapshot has something in it. */
async function seedAccount(account: string, config: ConfigFor): Promise<void> {
  const iam = new IAMClient(config('us-east-1'));
  await iam.send(new CreateUserCommand({ UserName: 'auditor' }));
  await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, RequireSymbols: true }));
  const bucket = `audit-logs-${account}`;
  await new S3Client({ ...config('us-east-1'), forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: bucket }));
  for (const region of ORGANIZATION_REGIONS) {
    const kms = new KMSClient(config(region));
    const key = (await kms.send(new CreateKeyCommand({ Description: `logs ${region}` }))).KeyMetadata!;
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId! }));

    const trails = new CloudTrailClient(config(region));
    await trails.send(new CreateTrailCommand({ Name: `trail-${region}`, S3BucketName: bucket, EnableLogFileValidation: true, KmsKeyId: key.Arn! }));
    await trails.send(new PutEventSelectorsCommand({ TrailName: `trail-${region}`, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] }));
    await trails.send(new StartLoggingCommand({ Name: `trail-${region}` }));

    const recorder = new ConfigServiceClient(config(region));
    await recorder.send(new PutConfigurationRecorderCommand({
      ConfigurationRecorder: { name: 'default', roleARN: `arn:aws:iam::${account}:role/config`, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } },
    }));
    await recorder.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: bucket } }));

    const ec2 = new EC2Client(config(region));
    const group = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'ssh', Description: 'ssh from the office' }));
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({
      GroupId: group.GroupId!, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.0/24' }] }],
    }));

    const logs = new CloudWatchLogsClient(config(region));
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'cloudtrail' }));
    await logs.send(new PutMetricFilterCommand({
      logGroupName: 'cloudtrail', filterName: 'root-usage', filterPattern: '{ $.userIdentity.type = "Root" }',
      metricTransformations: [{ metricName: 'RootUsage', metricNamespace: 'CIS', metricValue: '1' }],
    }));
    const topic = (await new SNSClient(config(region)).send(new CreateTopicCommand({ Name: 'security-alerts' }))).TopicArn!;
    await new CloudWatchClient(config(region)).send(new PutMetricAlarmCommand({
      AlarmName: 'root-usage', MetricName: 'RootUsage', Namespace: 'CIS', Statistic: 'Sum', Period: 300, EvaluationPeriods: 1,
      Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [topic],
    }));
    await new GuardDutyClient(config(region)).send(new CreateDetectorCommand({ Enable: true }));
    await new BackupClient(config(region)).send(new CreateBackupVaultCommand({ BackupVaultName: 'default' }));
  }
}
