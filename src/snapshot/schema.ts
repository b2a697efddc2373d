/**
 * The snapshot document: the contract between collection and evaluation.
 *
 * Conventions every collector follows and every rule may rely on:
 * - ABSENT means "not collected": the collector failed and `errors` holds an entry whose `pointer` names the
 *   place. NULL means "collected, and AWS says there is nothing" (no password policy, a trail without a KMS key).
 *   A rule reading an absent value gets `error`, never `pass`.
 * - Field names are AWS's own, in camelCase (`IsMultiRegionTrail` -> `isMultiRegionTrail`); AWS's own maps
 *   (the account summary, tags) keep AWS's keys. Policy documents keep IAM's grammar (`Statement`, `Effect`).
 * - Timestamps are ISO-8601 UTC strings (`2026-11-24T10:00:00.000Z`).
 * - Every resource with an ARN carries it as `arn`; arrays of resources are sorted by `arn` (or by name where
 *   AWS gives no ARN), so the same AWS state gives the same bytes.
 * - Policy documents are decoded and parsed, with `Statement`, `Action`, `NotAction`, `Resource` and
 *   `NotResource` always arrays (see `PolicyDocument`).
 */

export const SNAPSHOT_SCHEMA_VERSION = 1;

export interface Snapshot {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  manifest: Manifest;
  /** Keyed by 12-digit account id. */
  accounts: Record<string, AccountSnapshot>;
  /** Every collection failure, sorted by pointer then operation. */
  errors: CollectionError[];
}

export interface Manifest {
  tool: { name: string; version: string };
  collectedAt: string;
  caller: { account: string; arn: string; userId: string };
  /** `accounts`: every account the run set out to collect, reached or not; `regions`: the union of their regions. */
  scope: { accounts: string[]; regions: string[] };
  /**
   * How each account of `scope.accounts` was reached, keyed by account id. Absent in documents written before
   * multi-account collection (their one account was the caller's).
   */
  accounts?: Record<string, ManifestAccount>;
  /** SHA-256 (hex) of the RFC 8785 canonical form of the document with this field removed. */
  sha256: string;
}

/** One account in scope, as the run reached it (see docs/multi-account.md). */
export interface ManifestAccount {
  /** Its name in the Organization or the accounts file; null when none was given. */
  name: string | null;
  /** The role assumed to read it; null: read with the caller's own credentials. */
  role: string | null;
  /** The regions collected in it, sorted (the account's own list from an accounts file, else the run's). */
  regions: string[];
  /** Tags from the accounts file; {} when none. */
  tags: Record<string, string>;
  /**
   * `collected`: its entry is under `accounts` (perhaps with errors of its own). `unreachable`: the role could not
   * be assumed (or the account's regions could not be listed); it has NO entry under `accounts`, and `errors`
   * holds the failure at `/accounts/ID`, so every rule that selects across accounts gives `error` for it.
   */
  status: 'collected' | 'unreachable';
}

export interface CollectionError {
  account: string;
  /** `global` for account-wide services such as IAM. */
  region: string;
  service: string;
  operation: string;
  /**
   * AWS's error code (`AccessDenied`, `ThrottlingException` ...) or one of the tool's own: `Unsupported` (the
   * endpoint does not implement the call), `NetworkError`, `Throttling`, `HTTPnnn`, `IncompleteResponse` (AWS left
   * out a field the schema needs), `MalformedPolicyDocument`, `CredentialReportNotReady`, `MalformedCredentialReport`,
   * `RegionsUnknown` (an account's enabled regions could not be listed).
   */
  code: string;
  message: string;
  /** RFC 6901 pointer of the place this call would have filled; that place is absent from the document. */
  pointer: string;
}

export interface AccountSnapshot {
  accountId: string;
  /** `arn:aws:iam::ACCOUNT:root`: names the account when a rule judges it as a whole. */
  arn: string;
  iam: IamSnapshot;
  s3: S3Snapshot;
  organizations: OrganizationsSnapshot;
  alternateContacts: AlternateContactsSnapshot;
  /** Keyed by region name; one entry for every region in scope, even where nothing could be collected. */
  regions: Record<string, RegionSnapshot>;
}

// ---------------------------------------------------------------------------------------------- IAM

export interface IamSnapshot {
  /** From GetAccountAuthorizationDetails, enriched with access keys and MFA devices. */
  users?: IamUser[];
  groups?: IamGroup[];
  roles?: IamRole[];
  /** Customer-managed policies, and AWS-managed policies attached to something. */
  policies?: ManagedPolicy[];
  credentialReport?: CredentialReportRow[];
  /** null: the account has no password policy (NoSuchEntity). */
  passwordPolicy?: PasswordPolicy | null;
  /** GetAccountSummary's SummaryMap, AWS's keys (`AccountMFAEnabled`, `Users`, ...). */
  accountSummary?: Record<string, number>;
  /** Every virtual MFA device, including root's (`user` is the root ARN then). */
  virtualMfaDevices?: VirtualMfaDevice[];
  samlProviders?: SamlProvider[];
  oidcProviders?: OidcProvider[];
  accountAliases?: string[];
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | Record<string, string[]>;
  NotPrincipal?: '*' | Record<string, string[]>;
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  Condition?: Record<string, Record<string, string[]>>;
}

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement[];
}

export interface InlinePolicy {
  policyName: string;
  /** Absent when the document could not be parsed (`MalformedPolicyDocument` in errors). */
  document?: PolicyDocument;
}

export interface AttachedPolicy {
  policyArn: string;
  policyName: string;
}

export interface PermissionsBoundary {
  permissionsBoundaryArn: string;
  permissionsBoundaryType: string;
}

export interface AccessKey {
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  createDate: string;
  /** From GetAccessKeyLastUsed; all three null when the key was never used, absent when that call failed. */
  lastUsedDate?: string | null;
  lastUsedRegion?: string | null;
  lastUsedService?: string | null;
}

export interface MfaDevice {
  serialNumber: string;
  enableDate: string;
}

export interface IamUser {
  arn: string;
  userName: string;
  userId: string;
  path: string;
  createDate: string;
  /** Names of the groups the user belongs to, sorted. */
  groups: string[];
  attachedManagedPolicies: AttachedPolicy[];
  inlinePolicies: InlinePolicy[];
  permissionsBoundary: PermissionsBoundary | null;
  tags: Record<string, string>;
  /** Absent when ListAccessKeys failed for this user. */
  accessKeys?: AccessKey[];
  /** Absent when ListMFADevices failed for this user. */
  mfaDevices?: MfaDevice[];
}

export interface IamGroup {
  arn: string;
  groupName: string;
  groupId: string;
  path: string;
  createDate: string;
  attachedManagedPolicies: AttachedPolicy[];
  inlinePolicies: InlinePolicy[];
}

export interface IamRole {
  arn: string;
  roleName: string;
  roleId: string;
  path: string;
  createDate: string;
  /** From ListRoles (GetAccountAuthorizationDetails lacks it); absent when that call failed. */
  description?: string | null;
  /** From ListRoles; absent when that call failed. */
  maxSessionDuration?: number | null;
  /** Absent when the document could not be parsed. */
  assumeRolePolicyDocument?: PolicyDocument;
  attachedManagedPolicies: AttachedPolicy[];
  inlinePolicies: InlinePolicy[];
  permissionsBoundary: PermissionsBoundary | null;
  /** Instance profile ARNs, sorted. */
  instanceProfiles: string[];
  lastUsedDate: string | null;
  lastUsedRegion: string | null;
  tags: Record<string, string>;
}

export interface ManagedPolicyVersion {
  versionId: string;
  isDefaultVersion: boolean;
  createDate: string;
  /** Absent when the document could not be parsed. */
  document?: PolicyDocument;
}

export interface ManagedPolicy {
  arn: string;
  policyName: string;
  /** Absent (with `IncompleteResponse` in errors) when AWS did not return it. */
  policyId?: string;
  path: string;
  /** `aws` for AWS-managed policies, `customer` for the account's own. */
  owner: 'aws' | 'customer';
  defaultVersionId: string;
  /** Absent when AWS did not return it: an unknown count is never taken as zero. */
  attachmentCount?: number;
  permissionsBoundaryUsageCount?: number;
  isAttachable: boolean;
  createDate: string;
  updateDate: string;
  /** The default version's document; absent when it could not be parsed. */
  document?: PolicyDocument;
  versions: ManagedPolicyVersion[];
}

/**
 * One row of the credential report, typed: `true`/`false` are booleans, timestamps ISO strings, and
 * `N/A`, `not_supported` and `no_information` are null.
 */
export interface CredentialReportRow {
  /** `<root_account>` for the root row. */
  user: string;
  arn: string;
  isRoot: boolean;
  userCreationTime: string | null;
  passwordEnabled: boolean | null;
  passwordLastUsed: string | null;
  passwordLastChanged: string | null;
  passwordNextRotation: string | null;
  mfaActive: boolean | null;
  accessKey1Active: boolean | null;
  accessKey1LastRotated: string | null;
  accessKey1LastUsedDate: string | null;
  accessKey1LastUsedRegion: string | null;
  accessKey1LastUsedService: string | null;
  accessKey2Active: boolean | null;
  accessKey2LastRotated: string | null;
  accessKey2LastUsedDate: string | null;
  accessKey2LastUsedRegion: string | null;
  accessKey2LastUsedService: string | null;
  cert1Active: boolean | null;
  cert1LastRotated: string | null;
  cert2Active: boolean | null;
  cert2LastRotated: string | null;
}

export interface PasswordPolicy {
  minimumPasswordLength: number | null;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercaseCharacters: boolean;
  requireLowercaseCharacters: boolean;
  allowUsersToChangePassword: boolean;
  expirePasswords: boolean;
  maxPasswordAge: number | null;
  passwordReusePrevention: number | null;
  hardExpiry: boolean | null;
}

export interface VirtualMfaDevice {
  serialNumber: string;
  /** ARN of the user the device is assigned to (the root ARN for root's), null when unassigned. */
  user: string | null;
  enableDate: string | null;
}

export interface SamlProvider {
  arn: string;
  createDate: string | null;
  validUntil: string | null;
}

/** The details come from GetOpenIDConnectProvider: absent when that call failed. */
export interface OidcProvider {
  arn: string;
  url?: string | null;
  clientIds?: string[];
  thumbprints?: string[];
  createDate?: string | null;
}

// ---------------------------------------------------------------------------------------------- S3

/** S3 is account-wide: every bucket of the account is here, whatever the regions in scope. */
export interface S3Snapshot {
  /** The account's Block Public Access (s3control GetPublicAccessBlock); null: never configured. */
  accountPublicAccessBlock?: PublicAccessBlock | null;
  /** Sorted by ARN. */
  buckets?: S3Bucket[];
}

/** Settings AWS leaves out are false: the value that never makes a check pass. */
export interface PublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

/**
 * One bucket. Its configuration is read in its own region; when the region could not be told (GetBucketLocation
 * failed) `region` and every configuration field are absent, each recorded in `errors`. For each field, null means
 * AWS answered "not configured" (NoSuchBucketPolicy, NoSuchLifecycleConfiguration, ...).
 */
export interface S3Bucket {
  /** `arn:aws:s3:::NAME`. */
  arn: string;
  name: string;
  creationDate: string | null;
  region?: string;
  /** Default encryption rules; null: none configured (ServerSideEncryptionConfigurationNotFoundError). */
  defaultEncryption?: BucketEncryptionRule[] | null;
  versioning?: BucketVersioning;
  /** null: the bucket has no Object Lock configuration. */
  objectLock?: ObjectLockConfiguration | null;
  /** The bucket policy, parsed; null: no policy. */
  policy?: PolicyDocument | null;
  /** The bucket's own Block Public Access; null: none configured (the account's still applies). */
  publicAccessBlock?: PublicAccessBlock | null;
  /** Server access logging; null: not enabled. */
  logging?: BucketLogging | null;
  /** Lifecycle rules, in the configuration's order; null: no lifecycle configuration. */
  lifecycleRules?: LifecycleRule[] | null;
}

export interface BucketEncryptionRule {
  /** `AES256`, `aws:kms` or `aws:kms:dsse`. */
  sseAlgorithm: string;
  kmsMasterKeyId: string | null;
  bucketKeyEnabled: boolean;
}

export interface BucketVersioning {
  /** null: versioning was never enabled on the bucket. */
  status: 'Enabled' | 'Suspended' | null;
  /** null: MFA delete was never configured. */
  mfaDelete: 'Enabled' | 'Disabled' | null;
}

export interface ObjectLockConfiguration {
  objectLockEnabled: boolean;
  /** The default retention applied to new objects; null: none. */
  defaultRetention: { mode: string; days: number | null; years: number | null } | null;
}

export interface BucketLogging {
  targetBucket: string;
  targetPrefix: string;
}

export interface LifecycleRule {
  id: string | null;
  /** `Enabled` or `Disabled`. */
  status: string;
  /** The prefix the rule is filtered on (the filter's or the older top-level one); null: no prefix filter. */
  prefix: string | null;
  expirationDays: number | null;
  noncurrentVersionExpirationDays: number | null;
  abortIncompleteMultipartUploadDays: number | null;
  transitions: { days: number | null; storageClass: string }[];
}

// ---------------------------------------------------------------------------------------------- Organizations

export interface OrganizationsSnapshot {
  /** The organization the account belongs to; null: it belongs to none (AWSOrganizationsNotInUseException). */
  organization?: Organization | null;
}

/**
 * Any member account can describe its organization; the listings need the management account or a delegated
 * administrator, and elsewhere AWS denies them: they are then absent, and `errors` says so.
 */
export interface Organization {
  arn: string;
  id: string;
  /** `ALL` or `CONSOLIDATED_BILLING` (no service control policies then). */
  featureSet: string;
  masterAccountId: string;
  masterAccountArn: string;
  roots?: OrganizationRoot[];
  accounts?: OrganizationAccount[];
  /** Every OU of the organization, however deep, sorted by ARN. */
  organizationalUnits?: OrganizationalUnit[];
  serviceControlPolicies?: ServiceControlPolicy[];
}

export interface OrganizationRoot {
  arn: string;
  id: string;
  name: string;
  /** Policy types enabled at the root (`SERVICE_CONTROL_POLICY`, `TAG_POLICY`, ...), sorted by type. */
  policyTypes: { type: string; status: string }[];
}

export interface OrganizationAccount {
  arn: string;
  id: string;
  name: string;
  email: string;
  /** `ACTIVE`, `SUSPENDED` or `PENDING_CLOSURE`. */
  status: string;
  /** `INVITED` or `CREATED`. */
  joinedMethod: string | null;
  joinedTimestamp: string | null;
}

export interface OrganizationalUnit {
  arn: string;
  id: string;
  name: string;
  /** The id of the root or OU it sits in. */
  parentId: string;
}

export interface ServiceControlPolicy {
  arn: string;
  id: string;
  name: string;
  description: string | null;
  /** AWS's own policies (FullAWSAccess). */
  awsManaged: boolean;
  /** The policy's document, parsed. Absent when DescribePolicy failed. */
  document?: PolicyDocument;
  /** Where the policy is attached, sorted by target id. Absent when ListTargetsForPolicy failed. */
  targets?: PolicyTarget[];
}

export interface PolicyTarget {
  arn: string;
  targetId: string;
  name: string;
  /** `ROOT`, `ORGANIZATIONAL_UNIT` or `ACCOUNT`. */
  type: string;
}

// ---------------------------------------------------------------------------------------------- Alternate contacts

/** The account's alternate contacts (AWS Account Management); null: that contact is not set. */
export interface AlternateContactsSnapshot {
  security?: AlternateContact | null;
  operations?: AlternateContact | null;
  billing?: AlternateContact | null;
}

export interface AlternateContact {
  name: string;
  title: string | null;
  emailAddress: string;
  phoneNumber: string | null;
}

// ---------------------------------------------------------------------------------------------- Regions

export interface RegionSnapshot {
  region: string;
  cloudtrail: CloudTrailSnapshot;
  config: ConfigSnapshot;
  kms: KmsSnapshot;
  ec2: Ec2Snapshot;
  logs: LogsSnapshot;
  cloudwatch: CloudWatchSnapshot;
  sns: SnsSnapshot;
  guardduty: GuardDutySnapshot;
  accessAnalyzer: AccessAnalyzerSnapshot;
  securityhub: SecurityHubSnapshot;
  backup: BackupSnapshot;
}

/** Every per-region service section carries `arn` = `arn:aws:SERVICE:REGION:ACCOUNT:`, naming it as a whole. */
export interface RegionalSection {
  arn: string;
}

export interface CloudTrailSnapshot extends RegionalSection {
  /**
   * Trails whose home region is this one: each trail appears once, multi-region trails included. A trail whose home
   * region is outside the scope (or whose home region's listing failed) appears under the first region in scope,
   * in sorted order, that lists it; its `homeRegion` still names where it lives.
   */
  trails?: Trail[];
}

export interface TrailStatus {
  isLogging: boolean;
  latestDeliveryTime: string | null;
  latestDeliveryError: string | null;
  startLoggingTime: string | null;
  stopLoggingTime: string | null;
}

export interface EventSelector {
  readWriteType: 'ReadOnly' | 'WriteOnly' | 'All';
  includeManagementEvents: boolean;
  dataResources: { type: string; values: string[] }[];
  excludeManagementEventSources: string[];
}

export interface AdvancedFieldSelector {
  field: string;
  equals: string[];
  startsWith: string[];
  endsWith: string[];
  notEquals: string[];
  notStartsWith: string[];
  notEndsWith: string[];
}

export interface AdvancedEventSelector {
  name: string | null;
  fieldSelectors: AdvancedFieldSelector[];
}

export interface Trail {
  arn: string;
  name: string;
  homeRegion: string;
  isMultiRegionTrail: boolean;
  isOrganizationTrail: boolean;
  includeGlobalServiceEvents: boolean;
  logFileValidationEnabled: boolean;
  kmsKeyId: string | null;
  s3BucketName: string | null;
  s3KeyPrefix: string | null;
  snsTopicArn: string | null;
  cloudWatchLogsLogGroupArn: string | null;
  cloudWatchLogsRoleArn: string | null;
  hasCustomEventSelectors: boolean;
  hasInsightSelectors: boolean;
  /** Absent when GetTrailStatus failed. */
  status?: TrailStatus;
  /** Basic selectors; [] when the trail uses advanced selectors or none. Absent when GetEventSelectors failed. */
  eventSelectors?: EventSelector[];
  /** Advanced selectors; [] when none. Absent when GetEventSelectors failed. */
  advancedEventSelectors?: AdvancedEventSelector[];
  /** Insight types enabled (`ApiCallRateInsight` ...); [] when none. Absent when GetInsightSelectors failed. */
  insightSelectors?: string[];
}

export interface ConfigSnapshot extends RegionalSection {
  recorders?: ConfigRecorder[];
  deliveryChannels?: DeliveryChannel[];
  rules?: ConfigRule[];
}

export interface ConfigRecorder {
  /** `arn:aws:config:REGION:ACCOUNT:configuration-recorder/NAME` (AWS returns no ARN for older recorders). */
  arn: string;
  name: string;
  roleArn: string | null;
  allSupported: boolean;
  includeGlobalResourceTypes: boolean;
  resourceTypes: string[];
  /** From DescribeConfigurationRecorderStatus; absent when that call failed. */
  status?: ConfigRecorderStatus;
}

export interface ConfigRecorderStatus {
  recording: boolean;
  lastStatus: string | null;
  lastStartTime: string | null;
  lastStopTime: string | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
}

export interface DeliveryChannel {
  /** `arn:aws:config:REGION:ACCOUNT:delivery-channel/NAME` (AWS returns no ARN for delivery channels). */
  arn: string;
  name: string;
  s3BucketName: string | null;
  s3KeyPrefix: string | null;
  s3KmsKeyArn: string | null;
  snsTopicARN: string | null;
  deliveryFrequency: string | null;
}

export interface ConfigRule {
  arn: string;
  name: string;
  state: string | null;
  source: { owner: string; sourceIdentifier: string | null };
  /** `COMPLIANT`, `NON_COMPLIANT`, `NOT_APPLICABLE`, `INSUFFICIENT_DATA`; absent when compliance could not be read. */
  compliance?: string;
}

// ---------------------------------------------------------------------------------------------- KMS

export interface KmsSnapshot extends RegionalSection {
  /** Customer-managed keys (KeyManager `CUSTOMER`) of the region; AWS-managed keys are left out. */
  keys?: KmsKey[];
}

export interface KmsKey {
  arn: string;
  keyId: string;
  description: string | null;
  /** `Enabled`, `Disabled`, `PendingDeletion`, `PendingImport`, `PendingReplicaDeletion`, `Unavailable`, ... */
  keyState: string;
  enabled: boolean;
  /** `ENCRYPT_DECRYPT`, `SIGN_VERIFY`, `GENERATE_VERIFY_MAC`, `KEY_AGREEMENT`. */
  keyUsage: string | null;
  /** `SYMMETRIC_DEFAULT`, `RSA_2048`, `HMAC_256`, ... */
  keySpec: string | null;
  /** `AWS_KMS`, `EXTERNAL` (imported material), `AWS_CLOUDHSM`, `EXTERNAL_KEY_STORE`. */
  origin: string | null;
  multiRegion: boolean;
  creationDate: string | null;
  /** When a key pending deletion will be deleted; null for any other key. */
  deletionDate: string | null;
  /**
   * From GetKeyRotationStatus. null: AWS says automatic rotation does not apply to this key (asymmetric, HMAC,
   * imported material, a custom key store, or pending deletion). Absent when the call failed.
   */
  rotationEnabled?: boolean | null;
  /** Days between automatic rotations; null when AWS gives none. Absent when GetKeyRotationStatus failed. */
  rotationPeriodInDays?: number | null;
  /** The key policy (`default`), parsed. Absent when GetKeyPolicy failed or the document could not be parsed. */
  policy?: PolicyDocument;
}

// ---------------------------------------------------------------------------------------------- EC2

export interface Ec2Snapshot extends RegionalSection {
  securityGroups?: SecurityGroup[];
  /** GetEbsEncryptionByDefault: new EBS volumes in the region are encrypted whatever their creator asks. */
  ebsEncryptionByDefault?: boolean;
  vpcs?: Vpc[];
}

export interface SecurityGroup {
  /** `arn:aws:ec2:REGION:OWNER:security-group/GROUP_ID`. */
  arn: string;
  groupId: string;
  groupName: string;
  description: string | null;
  vpcId: string | null;
  ownerId: string;
  /** Inbound rules, one entry per source (see `SecurityGroupRule`), sorted. */
  ingress: SecurityGroupRule[];
  /** Outbound rules, one entry per destination, sorted. */
  egress: SecurityGroupRule[];
  tags: Record<string, string>;
}

/**
 * One permission of a security group for one peer: AWS's `IpPermissions` flattened, one entry per IPv4 range,
 * IPv6 range, prefix list or referenced group, so "0.0.0.0/0 may reach port 22" is one entry a rule can match.
 * Exactly one of the four peer fields is set.
 */
export interface SecurityGroupRule {
  /** `tcp`, `udp`, `icmp`, `icmpv6`, a protocol number, or `-1` for every protocol. */
  ipProtocol: string;
  /** First port (ICMP: type); null when the rule covers every port (protocol `-1`). */
  fromPort: number | null;
  /** Last port (ICMP: code); null when the rule covers every port. */
  toPort: number | null;
  cidrIpv4: string | null;
  cidrIpv6: string | null;
  prefixListId: string | null;
  referencedGroupId: string | null;
  description: string | null;
}

export interface Vpc {
  /** `arn:aws:ec2:REGION:OWNER:vpc/VPC_ID`. */
  arn: string;
  vpcId: string;
  cidrBlock: string | null;
  isDefault: boolean;
  state: string | null;
  ownerId: string;
  tags: Record<string, string>;
  /** Flow logs whose resource is this VPC (not its subnets or interfaces), sorted. Absent when DescribeFlowLogs failed. */
  flowLogs?: FlowLog[];
}

export interface FlowLog {
  /** `arn:aws:ec2:REGION:ACCOUNT:vpc-flow-log/FLOW_LOG_ID`. */
  arn: string;
  flowLogId: string;
  /** `ACTIVE` when AWS is publishing. */
  flowLogStatus: string | null;
  /** `SUCCESS` or `FAILED`; null when AWS gives none. */
  deliverLogsStatus: string | null;
  /** `ACCEPT`, `REJECT` or `ALL`. */
  trafficType: string | null;
  /** `cloud-watch-logs`, `s3` or `kinesis-data-firehose`. */
  logDestinationType: string | null;
  logDestination: string | null;
  logGroupName: string | null;
  deliverLogsPermissionArn: string | null;
}

// ---------------------------------------------------------------------------------------------- CloudWatch Logs

export interface LogsSnapshot extends RegionalSection {
  logGroups?: LogGroup[];
  /** Every metric filter of the region, sorted by log group name then filter name (metric filters have no ARN). */
  metricFilters?: MetricFilter[];
}

export interface LogGroup {
  /** The log group's ARN, without the `:*` that DescribeLogGroups appends to `arn`. */
  arn: string;
  logGroupName: string;
  creationTime: string | null;
  /** Days events are kept; null: kept forever. */
  retentionInDays: number | null;
  /** The KMS key that encrypts the group; null: CloudWatch Logs' own encryption. */
  kmsKeyId: string | null;
  /** `STANDARD` or `INFREQUENT_ACCESS`. */
  logGroupClass: string | null;
}

export interface MetricFilter {
  filterName: string;
  logGroupName: string;
  /** The pattern as written; `""` matches every event. */
  filterPattern: string;
  metricTransformations: MetricTransformation[];
}

export interface MetricTransformation {
  metricName: string;
  metricNamespace: string;
  metricValue: string;
  defaultValue: number | null;
}

// ---------------------------------------------------------------------------------------------- CloudWatch

export interface CloudWatchSnapshot extends RegionalSection {
  /** Metric alarms (DescribeAlarms' default; composite alarms are left out). */
  alarms?: MetricAlarm[];
}

export interface MetricAlarm {
  arn: string;
  alarmName: string;
  /** The metric watched; null for an alarm on a metric math expression. */
  metricName: string | null;
  namespace: string | null;
  statistic: string | null;
  /** Dimension name to value. */
  dimensions: Record<string, string>;
  period: number | null;
  evaluationPeriods: number | null;
  threshold: number | null;
  comparisonOperator: string | null;
  treatMissingData: string | null;
  actionsEnabled: boolean;
  /** ARNs notified on ALARM (SNS topics, Auto Scaling policies, ...), sorted. */
  alarmActions: string[];
  okActions: string[];
  insufficientDataActions: string[];
  /** `OK`, `ALARM` or `INSUFFICIENT_DATA` at collection time. */
  stateValue: string | null;
}

// ---------------------------------------------------------------------------------------------- SNS

export interface SnsSnapshot extends RegionalSection {
  topics?: SnsTopic[];
}

export interface SnsTopic {
  arn: string;
  name: string;
  /** The KMS key encrypting the topic; null: not encrypted. Absent when GetTopicAttributes failed. */
  kmsMasterKeyId?: string | null;
  /** Every subscription of the topic, other accounts' too, sorted. Absent when ListSubscriptionsByTopic failed. */
  subscriptions?: SnsSubscription[];
}

export interface SnsSubscription {
  /** null while the subscription awaits confirmation (AWS then says `PendingConfirmation` instead of an ARN). */
  arn: string | null;
  /** `email`, `https`, `sqs`, `lambda`, ... */
  protocol: string;
  endpoint: string;
  /** The account that made the subscription. */
  owner: string | null;
  pendingConfirmation: boolean;
}

// ---------------------------------------------------------------------------------------------- GuardDuty

export interface GuardDutySnapshot extends RegionalSection {
  /** The region's detectors (AWS allows one per account and region); [] when GuardDuty was never enabled. */
  detectors?: GuardDutyDetector[];
}

export interface GuardDutyDetector {
  /** `arn:aws:guardduty:REGION:ACCOUNT:detector/DETECTOR_ID`. */
  arn: string;
  detectorId: string;
  /** `ENABLED` or `DISABLED`. */
  status: string;
  findingPublishingFrequency: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  /** Protection plans (`S3_DATA_EVENTS`, `EKS_AUDIT_LOGS`, ...) with their status, sorted by name. */
  features: { name: string; status: string }[];
}

// ---------------------------------------------------------------------------------------------- IAM Access Analyzer

/** Its section ARN uses the service's ARN namespace: `arn:aws:access-analyzer:REGION:ACCOUNT:`. */
export interface AccessAnalyzerSnapshot extends RegionalSection {
  analyzers?: AccessAnalyzer[];
}

export interface AccessAnalyzer {
  arn: string;
  name: string;
  /** `ACCOUNT`, `ORGANIZATION`, `ACCOUNT_UNUSED_ACCESS`, `ORGANIZATION_UNUSED_ACCESS`. */
  type: string;
  /** `ACTIVE`, `CREATING`, `DISABLED` or `FAILED`. */
  status: string;
  createdAt: string | null;
  lastResourceAnalyzedAt: string | null;
}

// ---------------------------------------------------------------------------------------------- Security Hub

export interface SecurityHubSnapshot extends RegionalSection {
  /** null: Security Hub is not enabled in the region. */
  hub?: SecurityHub | null;
}

export interface SecurityHub {
  arn: string;
  subscribedAt: string | null;
  autoEnableControls: boolean;
  /** `SECURITY_CONTROL` (consolidated findings) or `STANDARD_CONTROL`. */
  controlFindingGenerator: string | null;
  /** Enabled standards, sorted. Absent when GetEnabledStandards failed. */
  standards?: EnabledStandard[];
}

export interface EnabledStandard {
  /** The subscription's ARN (`StandardsSubscriptionArn`). */
  arn: string;
  /** The standard's own ARN, for example `arn:aws:securityhub:REGION::standards/aws-foundational-security-best-practices/v/1.0.0`. */
  standardsArn: string;
  /** `READY`, `PENDING`, `INCOMPLETE`, `DELETING` or `FAILED`. */
  status: string;
}

// ---------------------------------------------------------------------------------------------- AWS Backup

export interface BackupSnapshot extends RegionalSection {
  plans?: BackupPlan[];
  vaults?: BackupVault[];
}

export interface BackupPlan {
  arn: string;
  backupPlanId: string;
  name: string;
  versionId: string | null;
  creationDate: string | null;
  /** The plan's rules, in the plan's order. Absent when GetBackupPlan failed. */
  rules?: BackupRule[];
  /** What the plan backs up, sorted by name. Absent when ListBackupSelections failed. */
  selections?: BackupSelection[];
}

export interface BackupRule {
  ruleName: string;
  targetBackupVaultName: string;
  scheduleExpression: string | null;
  startWindowMinutes: number | null;
  completionWindowMinutes: number | null;
  /** Retention: days until a recovery point is deleted; null: kept until deleted by hand. */
  deleteAfterDays: number | null;
  moveToColdStorageAfterDays: number | null;
  copyActions: { destinationBackupVaultArn: string; deleteAfterDays: number | null }[];
}

export interface BackupSelection {
  selectionId: string;
  selectionName: string;
  iamRoleArn: string | null;
  creationDate: string | null;
}

export interface BackupVault {
  arn: string;
  name: string;
  encryptionKeyArn: string | null;
  /** Vault Lock applied (recovery points cannot be deleted before their retention ends). */
  locked: boolean;
  minRetentionDays: number | null;
  maxRetentionDays: number | null;
  creationDate: string | null;
}
