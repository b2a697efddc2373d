// The bundled example: a small, deliberately imperfect AWS account, seeded into moto through the real AWS APIs.
// Used by examples/make-example.ts (which writes examples/snapshot.json) and by the end-to-end test.
import {
  AttachUserPolicyCommand, CreateAccessKeyCommand, CreateLoginProfileCommand, CreatePolicyCommand, CreateRoleCommand,
  CreateUserCommand, CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, IAMClient, UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import {
  ConfigServiceClient, PutConfigurationRecorderCommand, PutDeliveryChannelCommand, StartConfigurationRecorderCommand,
} from '@aws-sdk/client-config-service';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

export const EXAMPLE_ACCOUNT = '123456789012';
export const EXAMPLE_REGIONS = ['eu-west-1', 'us-east-1'];

export interface ScenarioTarget {
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/**
 * What the standard pack should find: alice is compliant, bob has a console password without MFA, the password
 * policy is too weak, the multi-region trail is logging but not KMS-encrypted, and eu-west-1 has no Config recorder.
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

  await iam.send(new CreateRoleCommand({
    RoleName: 'config-recorder',
    AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  }));

  const s3 = new S3Client({ ...config('us-east-1'), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'example-audit-logs' }));

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
}
