import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  paginateDescribeComplianceByConfigRule,
  paginateDescribeConfigRules,
  type ConfigRule as AwsConfigRule,
  type ConfigurationRecorder as AwsRecorder,
  type ConfigurationRecorderStatus as AwsRecorderStatus,
  type DeliveryChannel as AwsDeliveryChannel,
} from '@aws-sdk/client-config-service';
import type { ConfigRecorder, ConfigRecorderStatus, ConfigRule, ConfigSnapshot, DeliveryChannel } from '../snapshot/schema.ts';
import { allPages, callFillingEach } from './calls.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { isoTime, textOrNull } from './normalize.ts';
import { regionalSection, type RegionalSection } from './regional.ts';
import { compareStrings } from '../compare.ts';

const SERVICE = 'config';

/** AWS Config in one region: recorders with their status, delivery channels, rules with their compliance. */
export async function collectConfig(ctx: AccountContext, region: string): Promise<ConfigSnapshot> {
  const scope = regionalSection(ctx, SERVICE, region);
  const collector = new RegionConfig(ctx, region, scope);
  const [recorders, deliveryChannels, rules] = await Promise.all([
    collector.recorders(),
    collector.deliveryChannels(),
    collector.rules(),
  ]);
  const section: ConfigSnapshot = { arn: scope.arn };
  if (recorders) section.recorders = recorders;
  if (deliveryChannels) section.deliveryChannels = deliveryChannels;
  if (rules) section.rules = rules;
  scope.reportDone();
  return section;
}

class RegionConfig {
  private readonly ctx: AccountContext;
  private readonly region: string;
  private readonly client: ConfigServiceClient;
  private readonly scope: RegionalSection;

  constructor(ctx: AccountContext, region: string, scope: RegionalSection) {
    this.ctx = ctx;
    this.region = region;
    this.scope = scope;
    this.client = ctx.client(ConfigServiceClient, region);
  }

  /**
   * One status call fills every recorder's `status`; when it fails, each recorder's `status` is absent and
   * recorded at its own pointer (`recorders/INDEX/status`), since the recorders themselves were collected.
   */
  async recorders(): Promise<ConfigRecorder[] | undefined> {
    const listed = await this.ctx.call(this.scope.site('DescribeConfigurationRecorders', 'recorders'), () =>
      this.client.send(new DescribeConfigurationRecordersCommand({})),
    );
    if (!listed) return undefined;
    const recorders = sortByKey(
      (listed.ConfigurationRecorders ?? []).map((r) => this.normalizeRecorder(r)),
      (r) => r.arn,
    );
    if (recorders.length === 0) return recorders;
    const statuses = await callFillingEach(
      this.ctx,
      { service: SERVICE, region: this.region, operation: 'DescribeConfigurationRecorderStatus' },
      recorders.map((_, index) => this.scope.at('recorders', index, 'status')),
      () => this.client.send(new DescribeConfigurationRecorderStatusCommand({})),
    );
    if (statuses) {
      const byName = new Map((statuses.ConfigurationRecordersStatus ?? []).map((s) => [s.name, s]));
      for (const recorder of recorders) recorder.status = normalizeRecorderStatus(byName.get(recorder.name));
    }
    return recorders;
  }

  async deliveryChannels(): Promise<DeliveryChannel[] | undefined> {
    const listed = await this.ctx.call(this.scope.site('DescribeDeliveryChannels', 'deliveryChannels'), () =>
      this.client.send(new DescribeDeliveryChannelsCommand({})),
    );
    if (!listed) return undefined;
    return sortByKey(
      (listed.DeliveryChannels ?? []).map((c) => this.normalizeDeliveryChannel(c)),
      (c) => c.arn,
    );
  }

  /**
   * Rules, then their compliance (only when there are rules). A rule AWS reports no compliance for is
   * INSUFFICIENT_DATA; when the compliance call fails, each rule's `compliance` is absent and recorded at its
   * own pointer (`rules/INDEX/compliance`).
   */
  async rules(): Promise<ConfigRule[] | undefined> {
    const listed = await this.ctx.call(this.scope.site('DescribeConfigRules', 'rules'), () =>
      allPages(paginateDescribeConfigRules({ client: this.client }, {}), (page) => page.ConfigRules),
    );
    if (!listed) return undefined;
    const rules = sortByKey(listed.map(normalizeRule), (r) => r.arn);
    if (rules.length === 0) return rules;
    const compliance = await callFillingEach(
      this.ctx,
      { service: SERVICE, region: this.region, operation: 'DescribeComplianceByConfigRule' },
      rules.map((_, index) => this.scope.at('rules', index, 'compliance')),
      () => allPages(paginateDescribeComplianceByConfigRule({ client: this.client }, {}), (page) => page.ComplianceByConfigRules),
    );
    if (compliance) {
      const byName = new Map(compliance.map((c) => [c.ConfigRuleName, c.Compliance?.ComplianceType]));
      for (const rule of rules) rule.compliance = byName.get(rule.name) ?? 'INSUFFICIENT_DATA';
    }
    return rules;
  }

  /** Older recorders come without an ARN: one is synthesized from the region, account and name. */
  private normalizeRecorder(recorder: AwsRecorder): ConfigRecorder {
    const name = recorder.name ?? '';
    const group = recorder.recordingGroup;
    return {
      arn: recorder.arn ?? this.synthesizedArn('configuration-recorder', name),
      name,
      roleArn: textOrNull(recorder.roleARN),
      allSupported: group?.allSupported ?? false,
      includeGlobalResourceTypes: group?.includeGlobalResourceTypes ?? false,
      resourceTypes: [...(group?.resourceTypes ?? [])].sort(compareStrings),
    };
  }

  /** Delivery channels have no ARN in AWS: one is synthesized from the region, account and name. */
  private normalizeDeliveryChannel(channel: AwsDeliveryChannel): DeliveryChannel {
    const name = channel.name ?? '';
    return {
      arn: this.synthesizedArn('delivery-channel', name),
      name,
      s3BucketName: textOrNull(channel.s3BucketName),
      s3KeyPrefix: textOrNull(channel.s3KeyPrefix),
      s3KmsKeyArn: textOrNull(channel.s3KmsKeyArn),
      snsTopicARN: textOrNull(channel.snsTopicARN),
      deliveryFrequency: textOrNull(channel.configSnapshotDeliveryProperties?.deliveryFrequency),
    };
  }

  private synthesizedArn(resourceType: string, name: string): string {
    return `arn:aws:config:${this.region}:${this.ctx.accountId}:${resourceType}/${name}`;
  }
}

/** A recorder the status call says nothing about is not recording: the value that never makes a check pass. */
function normalizeRecorderStatus(status: AwsRecorderStatus | undefined): ConfigRecorderStatus {
  return {
    recording: status?.recording ?? false,
    lastStatus: textOrNull(status?.lastStatus),
    lastStartTime: isoTime(status?.lastStartTime),
    lastStopTime: isoTime(status?.lastStopTime),
    lastErrorCode: textOrNull(status?.lastErrorCode),
    lastErrorMessage: textOrNull(status?.lastErrorMessage),
  };
}

function normalizeRule(rule: AwsConfigRule): ConfigRule {
  return {
    arn: rule.ConfigRuleArn ?? '',
    name: rule.ConfigRuleName ?? '',
    state: textOrNull(rule.ConfigRuleState),
    source: { owner: rule.Source?.Owner ?? '', sourceIdentifier: textOrNull(rule.Source?.SourceIdentifier) },
  };
}
