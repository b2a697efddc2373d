import {
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
  paginateDescribeFlowLogs,
  paginateDescribeSecurityGroups,
  paginateDescribeVpcs,
  type FlowLog as AwsFlowLog,
  type IpPermission,
  type SecurityGroup as AwsSecurityGroup,
  type Vpc as AwsVpc,
} from '@aws-sdk/client-ec2';
import type { Ec2Snapshot, FlowLog, SecurityGroup, SecurityGroupRule, Vpc } from '../snapshot/schema.ts';
import { allPages, callFillingEach } from './calls.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { textOrNull } from './normalize.ts';
import { regionalSection } from './regional.ts';
import { tagMap } from './tags.ts';

const SERVICE = 'ec2';

/** EC2 in one region: security groups with their rules, EBS encryption by default, VPCs with their flow logs. */
export async function collectEc2(ctx: AccountContext, region: string): Promise<Ec2Snapshot> {
  const client = ctx.client(EC2Client, region);
  const scope = regionalSection(ctx, SERVICE, region);
  const [groups, encryption, vpcs] = await Promise.all([
    ctx.call(scope.site('DescribeSecurityGroups', 'securityGroups'), () =>
      allPages(paginateDescribeSecurityGroups({ client }, {}), (page) => page.SecurityGroups),
    ),
    ctx.call(scope.site('GetEbsEncryptionByDefault', 'ebsEncryptionByDefault'), () => client.send(new GetEbsEncryptionByDefaultCommand({}))),
    ctx.call(scope.site('DescribeVpcs', 'vpcs'), () => allPages(paginateDescribeVpcs({ client }, {}), (page) => page.Vpcs)),
  ]);
  const section: Ec2Snapshot = { arn: scope.arn };
  if (groups) section.securityGroups = sortByKey(groups.map((group) => normalizeGroup(group, region, ctx.accountId)), (g) => g.arn);
  if (encryption) section.ebsEncryptionByDefault = encryption.EbsEncryptionByDefault ?? false;
  if (vpcs) {
    const normalized = sortByKey(vpcs.map((vpc) => normalizeVpc(vpc, region, ctx.accountId)), (v) => v.arn);
    if (normalized.length > 0) {
      const flowLogs = await callFillingEach(
        ctx,
        { service: SERVICE, region, operation: 'DescribeFlowLogs' },
        normalized.map((_, index) => scope.at('vpcs', index, 'flowLogs')),
        () => allPages(paginateDescribeFlowLogs({ client }, {}), (page) => page.FlowLogs),
      );
      if (flowLogs) {
        for (const vpc of normalized) {
          const own = flowLogs.filter((log) => log.ResourceId === vpc.vpcId).map((log) => normalizeFlowLog(log, region, ctx.accountId));
          vpc.flowLogs = sortByKey(own, (log) => log.arn);
        }
      }
    }
    section.vpcs = normalized;
  }
  scope.reportDone();
  return section;
}

function normalizeGroup(group: AwsSecurityGroup, region: string, accountId: string): SecurityGroup {
  const ownerId = group.OwnerId ?? accountId;
  const groupId = group.GroupId ?? '';
  return {
    arn: group.SecurityGroupArn ?? `arn:aws:ec2:${region}:${ownerId}:security-group/${groupId}`,
    groupId,
    groupName: group.GroupName ?? '',
    description: textOrNull(group.Description),
    vpcId: textOrNull(group.VpcId),
    ownerId,
    ingress: flattenPermissions(group.IpPermissions),
    egress: flattenPermissions(group.IpPermissionsEgress),
    tags: tagMap(group.Tags),
  };
}

/** One entry per peer of each permission, in a stable order (AWS's order is not guaranteed). */
function flattenPermissions(permissions: IpPermission[] | undefined): SecurityGroupRule[] {
  const rules = (permissions ?? []).flatMap((permission) => {
    const rule = (peer: Partial<SecurityGroupRule>, description: string | undefined): SecurityGroupRule => ({
      ipProtocol: permission.IpProtocol ?? '-1',
      fromPort: permission.FromPort ?? null,
      toPort: permission.ToPort ?? null,
      cidrIpv4: null,
      cidrIpv6: null,
      prefixListId: null,
      referencedGroupId: null,
      ...peer,
      description: textOrNull(description),
    });
    return [
      ...(permission.IpRanges ?? []).map((r) => rule({ cidrIpv4: r.CidrIp ?? null }, r.Description)),
      ...(permission.Ipv6Ranges ?? []).map((r) => rule({ cidrIpv6: r.CidrIpv6 ?? null }, r.Description)),
      ...(permission.PrefixListIds ?? []).map((p) => rule({ prefixListId: p.PrefixListId ?? null }, p.Description)),
      ...(permission.UserIdGroupPairs ?? []).map((g) => rule({ referencedGroupId: g.GroupId ?? null }, g.Description)),
    ];
  });
  return sortByKey(rules, (rule) => JSON.stringify([rule.ipProtocol, rule.fromPort, rule.toPort, rule.cidrIpv4, rule.cidrIpv6, rule.prefixListId, rule.referencedGroupId, rule.description]));
}

function normalizeVpc(vpc: AwsVpc, region: string, accountId: string): Vpc {
  const ownerId = vpc.OwnerId ?? accountId;
  const vpcId = vpc.VpcId ?? '';
  return {
    arn: `arn:aws:ec2:${region}:${ownerId}:vpc/${vpcId}`,
    vpcId,
    cidrBlock: textOrNull(vpc.CidrBlock),
    isDefault: vpc.IsDefault ?? false,
    state: textOrNull(vpc.State),
    ownerId,
    tags: tagMap(vpc.Tags),
  };
}

function normalizeFlowLog(log: AwsFlowLog, region: string, accountId: string): FlowLog {
  const flowLogId = log.FlowLogId ?? '';
  return {
    arn: `arn:aws:ec2:${region}:${accountId}:vpc-flow-log/${flowLogId}`,
    flowLogId,
    flowLogStatus: textOrNull(log.FlowLogStatus),
    deliverLogsStatus: textOrNull(log.DeliverLogsStatus),
    trafficType: textOrNull(log.TrafficType),
    logDestinationType: textOrNull(log.LogDestinationType),
    logDestination: textOrNull(log.LogDestination),
    logGroupName: textOrNull(log.LogGroupName),
    deliverLogsPermissionArn: textOrNull(log.DeliverLogsPermissionArn),
  };
}
