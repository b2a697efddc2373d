import {
  BackupClient,
  GetBackupPlanCommand,
  paginateListBackupPlans,
  paginateListBackupSelections,
  paginateListBackupVaults,
  type BackupPlansListMember,
  type BackupRule as AwsBackupRule,
  type BackupSelectionsListMember,
  type BackupVaultListMember,
} from '@aws-sdk/client-backup';
import type { BackupPlan, BackupRule, BackupSelection, BackupSnapshot, BackupVault } from '../snapshot/schema.ts';
import { allPages } from './calls.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { isoTime, textOrNull } from './normalize.ts';
import { regionalSection } from './regional.ts';

const SERVICE = 'backup';

/** AWS Backup in one region: plans with their rules and selections, and vaults. */
export async function collectBackup(ctx: AccountContext, region: string): Promise<BackupSnapshot> {
  const client = ctx.client(BackupClient, region);
  const scope = regionalSection(ctx, SERVICE, region);
  const [listedPlans, vaults] = await Promise.all([
    ctx.call(scope.site('ListBackupPlans', 'plans'), () => allPages(paginateListBackupPlans({ client }, {}), (page) => page.BackupPlansList)),
    ctx.call(scope.site('ListBackupVaults', 'vaults'), () => allPages(paginateListBackupVaults({ client }, {}), (page) => page.BackupVaultList)),
  ]);
  const section: BackupSnapshot = { arn: scope.arn };
  if (listedPlans) {
    const plans = sortByKey(listedPlans.map(normalizePlan), (p) => p.arn);
    section.plans = await Promise.all(
      plans.map(async (plan, index) => {
        const [details, selections] = await Promise.all([
          ctx.call(scope.site('GetBackupPlan', 'plans', index, 'rules'), () => client.send(new GetBackupPlanCommand({ BackupPlanId: plan.backupPlanId }))),
          ctx.call(scope.site('ListBackupSelections', 'plans', index, 'selections'), () =>
            allPages(paginateListBackupSelections({ client }, { BackupPlanId: plan.backupPlanId }), (page) => page.BackupSelectionsList),
          ),
        ]);
        if (details) plan.rules = (details.BackupPlan?.Rules ?? []).map(normalizeRule);
        if (selections) plan.selections = sortByKey(selections.map(normalizeSelection), (s) => `${s.selectionName}\u0000${s.selectionId}`);
        return plan;
      }),
    );
  }
  if (vaults) section.vaults = sortByKey(vaults.map(normalizeVault), (v) => v.arn);
  scope.reportDone();
  return section;
}

function normalizePlan(plan: BackupPlansListMember): BackupPlan {
  return {
    arn: plan.BackupPlanArn ?? '',
    backupPlanId: plan.BackupPlanId ?? '',
    name: plan.BackupPlanName ?? '',
    versionId: textOrNull(plan.VersionId),
    creationDate: isoTime(plan.CreationDate),
  };
}

function normalizeRule(rule: AwsBackupRule): BackupRule {
  return {
    ruleName: rule.RuleName ?? '',
    targetBackupVaultName: rule.TargetBackupVaultName ?? '',
    scheduleExpression: textOrNull(rule.ScheduleExpression),
    startWindowMinutes: rule.StartWindowMinutes ?? null,
    completionWindowMinutes: rule.CompletionWindowMinutes ?? null,
    deleteAfterDays: rule.Lifecycle?.DeleteAfterDays ?? null,
    moveToColdStorageAfterDays: rule.Lifecycle?.MoveToColdStorageAfterDays ?? null,
    copyActions: (rule.CopyActions ?? []).map((c) => ({
      destinationBackupVaultArn: c.DestinationBackupVaultArn ?? '',
      deleteAfterDays: c.Lifecycle?.DeleteAfterDays ?? null,
    })),
  };
}

function normalizeSelection(selection: BackupSelectionsListMember): BackupSelection {
  return {
    selectionId: selection.SelectionId ?? '',
    selectionName: selection.SelectionName ?? '',
    iamRoleArn: textOrNull(selection.IamRoleArn),
    creationDate: isoTime(selection.CreationDate),
  };
}

function normalizeVault(vault: BackupVaultListMember): BackupVault {
  return {
    arn: vault.BackupVaultArn ?? '',
    name: vault.BackupVaultName ?? '',
    encryptionKeyArn: textOrNull(vault.EncryptionKeyArn),
    locked: vault.Locked ?? false,
    minRetentionDays: vault.MinRetentionDays ?? null,
    maxRetentionDays: vault.MaxRetentionDays ?? null,
    creationDate: isoTime(vault.CreationDate),
  };
}
