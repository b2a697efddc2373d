import { describe, expect, it } from 'vitest';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { collectEc2 } from '../../src/collect/ec2.ts';
import type { SecurityGroup, Vpc } from '../../src/snapshot/schema.ts';
import { motoClientConfig, type Moto } from '../support/moto.ts';
import { deniedContext, motoClients, testContext, useMoto } from './moto-context.ts';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/flow-logs`;

interface Seeded {
  vpcId: string;
  webId: string;
  adminId: string;
  flowLogId: string;
}

async function seed(moto: Moto): Promise<Seeded> {
  const ec2 = new EC2Client(motoClientConfig(moto, REGION));
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'prod' }] }] }))).Vpc!.VpcId!;
  const subnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24' }))).Subnet!.SubnetId!;
  const adminId = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'admin', Description: 'bastions', VpcId: vpcId }))).GroupId!;
  const webId = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web servers', VpcId: vpcId }))).GroupId!;
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: webId,
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'https' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: adminId }] },
      ],
    }),
  );
  await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
  // Without its log group, moto reports the flow log's delivery as FAILED.
  await new CloudWatchLogsClient(motoClientConfig(moto, REGION)).send(new CreateLogGroupCommand({ logGroupName: 'vpc-flow' }));
  const flowLog = await ec2.send(
    new CreateFlowLogsCommand({ ResourceIds: [vpcId], ResourceType: 'VPC', TrafficType: 'ALL', LogGroupName: 'vpc-flow', DeliverLogsPermissionArn: ROLE }),
  );
  // A subnet's flow log is not the VPC's.
  await ec2.send(
    new CreateFlowLogsCommand({ ResourceIds: [subnetId], ResourceType: 'Subnet', TrafficType: 'REJECT', LogGroupName: 'subnet-flow', DeliverLogsPermissionArn: ROLE }),
  );
  return { vpcId, webId, adminId, flowLogId: flowLog.FlowLogIds![0]! };
}

const allOut = { ipProtocol: '-1', fromPort: null, toPort: null, cidrIpv4: '0.0.0.0/0', cidrIpv6: null, prefixListId: null, referencedGroupId: null, description: null };

describe('collectEc2', () => {
  const moto = useMoto();

  it('collects security groups with flattened rules, EBS encryption by default, and VPCs with their own flow logs', async () => {
    const seeded = await seed(moto);
    const { ctx, errors, progress } = testContext(motoClients(moto), [REGION]);
    const section = await collectEc2(ctx, REGION);
    expect(errors).toEqual([]);
    expect(progress).toEqual([`${ACCOUNT} ${REGION} ec2 0`]);
    expect(section.arn).toBe(`arn:aws:ec2:${REGION}:${ACCOUNT}:`);
    expect(section.ebsEncryptionByDefault).toBe(true);

    const web: SecurityGroup = {
      arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${seeded.webId}`,
      groupId: seeded.webId,
      groupName: 'web',
      description: 'web servers',
      vpcId: seeded.vpcId,
      ownerId: ACCOUNT,
      ingress: [
        { ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: null, cidrIpv6: null, prefixListId: null, referencedGroupId: seeded.adminId, description: null },
        { ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0', cidrIpv6: null, prefixListId: null, referencedGroupId: null, description: 'https' },
        { ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: null, cidrIpv6: '::/0', prefixListId: null, referencedGroupId: null, description: null },
      ],
      egress: [allOut],
      tags: {},
    };
    expect(section.securityGroups!.find((g) => g.groupId === seeded.webId)).toEqual(web);
    const arns = section.securityGroups!.map((g) => g.arn);
    expect(arns).toEqual([...arns].sort());
    expect(section.securityGroups!.filter((g) => g.groupName === 'default').map((g) => g.vpcId).sort()).toEqual(
      section.vpcs!.map((v) => v.vpcId).sort(),
    );

    const prod: Vpc = {
      arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/${seeded.vpcId}`,
      vpcId: seeded.vpcId,
      cidrBlock: '10.0.0.0/16',
      isDefault: false,
      state: 'available',
      ownerId: ACCOUNT,
      tags: { Name: 'prod' },
      flowLogs: [
        {
          arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc-flow-log/${seeded.flowLogId}`,
          flowLogId: seeded.flowLogId,
          flowLogStatus: 'ACTIVE',
          deliverLogsStatus: 'SUCCESS',
          trafficType: 'ALL',
          logDestinationType: 'cloud-watch-logs',
          logDestination: null,
          logGroupName: 'vpc-flow',
          deliverLogsPermissionArn: ROLE,
        },
      ],
    };
    expect(section.vpcs!.find((v) => v.vpcId === seeded.vpcId)).toEqual(prod);
    expect(section.vpcs!.find((v) => v.isDefault)?.flowLogs).toEqual([]);
  });

  it('leaves every VPC\'s flow logs absent, recorded at each VPC, when DescribeFlowLogs is denied', async () => {
    await seed(moto);
    const { ctx, errors } = await deniedContext(moto, 'no-flow-logs', ['ec2:DescribeFlowLogs'], [REGION]);
    const section = await collectEc2(ctx, REGION);
    expect(section.vpcs).toHaveLength(2);
    for (const vpc of section.vpcs!) expect(vpc).not.toHaveProperty('flowLogs');
    expect(section.securityGroups).toHaveLength(4);
    expect(errors.map((e) => [e.operation, e.code, e.pointer]).sort()).toEqual(
      [0, 1].map((index) => ['DescribeFlowLogs', 'AccessDenied', `/accounts/${ACCOUNT}/regions/${REGION}/ec2/vpcs/${index}/flowLogs`]),
    );
  });
});
