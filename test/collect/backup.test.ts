import { describe, expect, it } from 'vitest';
import { BackupClient, CreateBackupPlanCommand, CreateBackupVaultCommand, PutBackupVaultLockConfigurationCommand } from '@aws-sdk/client-backup';
import { collectBackup } from '../../src/collect/backup.ts';
import type { BackupPlan, BackupVault } from '../../src/snapshot/schema.ts';
import { motoClientConfig, type Moto } from '../support/moto.ts';
import { motoClients, testContext, useMoto } from './moto-context.ts';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const SECOND = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/);

async function seed(moto: Moto): Promise<{ planId: string; planArn: string; versionId: string }> {
  const backup = new BackupClient(motoClientConfig(moto, REGION));
  await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'prod', EncryptionKeyArn: KEY }));
  await backup.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'prod', MinRetentionDays: 7, MaxRetentionDays: 365 }));
  await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'archive' }));
  const plan = await backup.send(
    new CreateBackupPlanCommand({
      BackupPlan: {
        BackupPlanName: 'daily',
        Rules: [
          {
            RuleName: 'nightly',
            TargetBackupVaultName: 'prod',
            ScheduleExpression: 'cron(0 5 ? * * *)',
            StartWindowMinutes: 60,
            CompletionWindowMinutes: 180,
            Lifecycle: { DeleteAfterDays: 35 },
            CopyActions: [{ DestinationBackupVaultArn: `arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:archive`, Lifecycle: { DeleteAfterDays: 365 } }],
          },
        ],
      },
    }),
  );
  return { planId: plan.BackupPlanId!, planArn: plan.BackupPlanArn!, versionId: plan.VersionId! };
}

describe('collectBackup', () => {
  const moto = useMoto();

  it('collects plans with their rules and vaults with encryption and lock; ListBackupSelections (which moto lacks) is recorded per plan', async () => {
    const seeded = await seed(moto);
    const { ctx, errors, progress } = testContext(motoClients(moto), [REGION]);
    const section = await collectBackup(ctx, REGION);
    const plan: BackupPlan = {
      arn: seeded.planArn,
      backupPlanId: seeded.planId,
      name: 'daily',
      versionId: seeded.versionId,
      creationDate: SECOND,
      rules: [
        {
          ruleName: 'nightly',
          targetBackupVaultName: 'prod',
          scheduleExpression: 'cron(0 5 ? * * *)',
          startWindowMinutes: 60,
          completionWindowMinutes: 180,
          deleteAfterDays: 35,
          moveToColdStorageAfterDays: null,
          copyActions: [{ destinationBackupVaultArn: `arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:archive`, deleteAfterDays: 365 }],
        },
      ],
    };
    const vault = (name: string, fields: Partial<BackupVault>): BackupVault => ({
      arn: `arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:${name}`,
      name,
      encryptionKeyArn: null,
      locked: false,
      minRetentionDays: null,
      maxRetentionDays: null,
      creationDate: SECOND,
      ...fields,
    });
    expect(section).toEqual({
      arn: `arn:aws:backup:${REGION}:${ACCOUNT}:`,
      plans: [plan],
      vaults: [vault('archive', {}), vault('prod', { encryptionKeyArn: KEY, locked: true, minRetentionDays: 7, maxRetentionDays: 365 })],
    });
    expect(errors.map((e) => [e.service, e.operation, e.code, e.pointer])).toEqual([
      ['backup', 'ListBackupSelections', 'Unsupported', `/accounts/${ACCOUNT}/regions/${REGION}/backup/plans/0/selections`],
    ]);
    expect(progress).toEqual([`${ACCOUNT} ${REGION} backup 1`]);
  });
});
