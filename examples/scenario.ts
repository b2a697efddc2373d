// The bundled example: a small, deliberately imperfect AWS account, seeded into moto through the real AWS APIs.
// Used by examples/make-example.ts (which writes examples/snapshot.json) and by the end-to-end test.
import {
  AttachRolePolicyCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateLoginProfileCommand, CreatePolicyCommand,
  CreateRoleCommand, CreateUserCommand, CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, IAMClient,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { AccountClient, PutAlternateContactCommand } from '@aws-sdk/client-account';
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  ConfigServiceClient, PutConfigurationRecorderCommand, PutDeliveryChannelCommand, StartConfigurationRecorderCommand,
} from '@aws-sdk/client-config-service';
import {
  AuthorizeSecurityGroupIngressCommand, CreateFlowLogsCommand, CreateSecurityGroupCommand, DescribeVpcsCommand, EC2Client,
  EnableEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import { CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';

export const EXAMPLE_ACCOUNT = '123456789012';
export const EXAMPLE_REGIONS = ['eu-west-1', 'us-east-1'];

export interface ScenarioTarget {
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/**
 * What the standard pack should find: alice is compliant, bob has a console password without MFA, the password
 * policy is too weak, the multi-region trail is logging but not KMS-encrypted, and eu-west-1 has no Config recorder.
 * Beyond IAM and logging: S3 Block Public Access covers ACLs but not bucket policies; a hand-written admin policy
 * is attached to the break-glass role; a bastion in us-east-1 admits the world to SSH and a group in eu-west-1 the
 * IPv6 internet to RDP; EBS encryption by default, GuardDuty and a VPC flow log are on in us-east-1 only; the
 * eu-west-1 trail key does not rotate (the us-east-1 data key does); a Lambda log group keeps 14 days; the
 * security contact is set.
 */
export async function seedExampleScenario(target: ScenarioTarget): Promise<void> {
  const config = (region: string) => ({ endpoint: target.endpoint, credentials: target.credentials, region, maxAttempts: 2 });
  const iam = new IAMClient(config('us-east-1'));

  await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8, PasswordReusePrevention: 5, RequireSymbols: true }));

  await iam.send(new CreateUserCommand({ UserName: 'alice', Tags: [{ Key: 'team', Value: 'platform' }] }));
  await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'correct-horse-battery-staple' }));
  const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice' }));
  await iam.send(new EnableMFADeviceCommand({
    UserName: 'alice', SerialNumber: device.VirtualMFADevice!.SerialNumber!, AuthenticationCode1: '123456', AuthenticationCode2: '654321',
  }));

  await iam.send(new CreateUserCommand({ UserName: 'bob' }));
  await iam.send(new CreateLoginProfileCommand({ UserName: 'bob', Password: 'hunter2-hunter2-hunter2' }));

  await iam.send(new CreateUserCommand({ UserName: 'ci-deploy', Path: '/service/' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'ci-deploy' }));
  const deployPolicy = await iam.send(new CreatePolicyCommand({
    PolicyName: 'deploy-artifacts',
    PolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: 'arn:aws:s3:::example-artifacts/*' }],
    }),
  }));
  await iam.send(new AttachUserPolicyCommand({ UserName: 'ci-deploy', PolicyArn: deployPolicy.Policy!.Arn! }));

  // Administrative access through a policy of the account's own instead of AWS's AdministratorAccess.
  const adminPolicy = await iam.send(new CreatePolicyCommand({
    PolicyName: 'break-glass-admin',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
  }));
  await iam.send(new CreateRoleCommand({
    RoleName: 'break-glass',
    AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${EXAMPLE_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
    }),
  }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'break-glass', PolicyArn: adminPolicy.Policy!.Arn! }));

  await iam.send(new CreateRoleCommand({
    RoleName: 'config-recorder',
    AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  }));

  const s3 = new S3Client({ ...config('us-east-1'), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'example-audit-logs' }));
  // Public ACLs are blocked account-wide, public bucket policies are not. s3control would put the account id in
  // front of the endpoint's host: send to the endpoint as given.
  const s3control = new S3ControlClient({ ...config('us-east-1'), endpointProvider: () => ({ url: new URL(target.endpoint) }) });
  await s3control.send(new PutPublicAccessBlockCommand({
    AccountId: EXAMPLE_ACCOUNT,
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false },
  }));

  await new AccountClient(config('us-east-1')).send(new PutAlternateContactCommand({
    AlternateContactType: 'SECURITY', Name: 'Security Team', Title: 'Security', EmailAddress: 'security@example.com', PhoneNumber: '+1 555 0100',
  }));

  // One multi-region trail, logging every management event, validated but not KMS-encrypted.
  const trails = new CloudTrailClient(config('us-east-1'));
  await trails.send(new CreateTrailCommand({
    Name: 'org-audit', S3BucketName: 'example-audit-logs', IsMultiRegionTrail: true, EnableLogFileValidation: true,
    IncludeGlobalServiceEvents: true,
  }));
  await trails.send(new PutEventSelectorsCommand({
    TrailName: 'org-audit', EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
  }));
  await trails.send(new StartLoggingCommand({ Name: 'org-audit' }));

  // A regional trail in eu-west-1 for data events: KMS-encrypted, but without log file validation, and stopped.
  // Its key does not rotate.
  const euKey = await new KMSClient(config('eu-west-1')).send(new CreateKeyCommand({ Description: 'trail logs' }));
  await new CloudTrailClient(config('eu-west-1')).send(new CreateTrailCommand({
    Name: 'eu-data-events', S3BucketName: 'example-audit-logs', KmsKeyId: euKey.KeyMetadata!.Arn!,
  }));

  // AWS Config records everything in us-east-1 only.
  const recorderConfig = new ConfigServiceClient(config('us-east-1'));
  await recorderConfig.send(new PutConfigurationRecorderCommand({
    ConfigurationRecorder: {
      name: 'default', roleARN: `arn:aws:iam::${EXAMPLE_ACCOUNT}:role/config-recorder`,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    },
  }));
  await recorderConfig.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'example-audit-logs' } }));
  await recorderConfig.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));

  // us-east-1 is looked after: a rotating data key (and a signing key, which cannot rotate), EBS encryption by
  // default, GuardDuty, and a flow log of the default VPC into a log group that keeps events forever.
  const usKms = new KMSClient(config('us-east-1'));
  const dataKey = await usKms.send(new CreateKeyCommand({ Description: 'customer data' }));
  await usKms.send(new EnableKeyRotationCommand({ KeyId: dataKey.KeyMetadata!.KeyId! }));
  await usKms.send(new CreateKeyCommand({ Description: 'release signing', KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }));

  const usEc2 = new EC2Client(config('us-east-1'));
  await usEc2.send(new EnableEbsEncryptionByDefaultCommand({}));
  await new GuardDutyClient(config('us-east-1')).send(new CreateDetectorCommand({ Enable: true }));

  const logs = new CloudWatchLogsClient(config('us-east-1'));
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/vpc/flow-logs' }));
  // A function's log group left at two weeks.
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/orders-api' }));
  await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/aws/lambda/orders-api', retentionInDays: 14 }));
  const flowLogRole = await iam.send(new CreateRoleCommand({
    RoleName: 'vpc-flow-logs',
    AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  }));
  const usVpc = await defaultVpcId(usEc2);
  await usEc2.send(new CreateFlowLogsCommand({
    ResourceType: 'VPC', ResourceIds: [usVpc], TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs',
    LogGroupName: '/vpc/flow-logs', DeliverLogsPermissionArn: flowLogRole.Role!.Arn!,
  }));

  // Security groups: a web tier open to the internet on 443 only (SSH from the private network), a bastion open
  // to the world on SSH, and in eu-west-1 a remote desktop group open to the IPv6 internet.
  const web = await usEc2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'public web tier', VpcId: usVpc }));
  await usEc2.send(new AuthorizeSecurityGroupIngressCommand({
    GroupId: web.GroupId!,
    IpPermissions: [
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'private network' }] },
    ],
  }));
  const bastion = await usEc2.send(new CreateSecurityGroupCommand({ GroupName: 'bastion', Description: 'SSH bastion', VpcId: usVpc }));
  await usEc2.send(new AuthorizeSecurityGroupIngressCommand({
    GroupId: bastion.GroupId!,
    IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
  }));
  const euEc2 = new EC2Client(config('eu-west-1'));
  const rdp = await euEc2.send(new CreateSecurityGroupCommand({
    GroupName: 'remote-desktop', Description: 'RDP for support staff', VpcId: await defaultVpcId(euEc2),
  }));
  await euEc2.send(new AuthorizeSecurityGroupIngressCommand({
    GroupId: rdp.GroupId!,
    IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }],
  }));
}

async function defaultVpcId(ec2: EC2Client): Promise<string> {
  const { Vpcs } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  return Vpcs![0]!.VpcId!;
}
