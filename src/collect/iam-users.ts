import {
  GetAccessKeyLastUsedCommand,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  type AccessKeyMetadata,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { AccessKey, IamUser, MfaDevice } from '../snapshot/schema.ts';
import { callFillingEach } from './calls.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { IAM, iamSite } from './iam-call.ts';
import { isoTime } from './normalize.ts';
import { allIamPages } from './paginate.ts';

/**
 * Adds each user's access keys and MFA devices (`users` already sorted, so `index` is the user's place in the
 * snapshot). A failed listing leaves that user's `accessKeys` or `mfaDevices` absent, recorded at
 * `/iam/users/INDEX/accessKeys` (or `mfaDevices`).
 */
export async function addUserCredentials(ctx: AccountContext, iam: IAMClient, users: IamUser[]): Promise<void> {
  await Promise.all(
    users.map(async (user, index) => {
      const [accessKeys, mfaDevices] = await Promise.all([
        listAccessKeys(ctx, iam, user.userName, index),
        listMfaDevices(ctx, iam, user.userName, index),
      ]);
      if (accessKeys) user.accessKeys = accessKeys;
      if (mfaDevices) user.mfaDevices = mfaDevices;
    }),
  );
}

async function listAccessKeys(ctx: AccountContext, iam: IAMClient, userName: string, index: number) {
  const pages = await ctx.call(iamSite('ListAccessKeys', 'users', index, 'accessKeys'), () =>
    allIamPages((Marker) => iam.send(new ListAccessKeysCommand({ UserName: userName, Marker }))),
  );
  if (!pages) return undefined;
  const keys = sortByKey(
    pages.flatMap((page) => page.AccessKeyMetadata ?? []),
    (key) => key.AccessKeyId ?? '',
  );
  return Promise.all(keys.map((key, k) => withLastUsed(ctx, iam, key, ['iam', 'users', index, 'accessKeys', k])));
}

const LAST_USED_FIELDS = ['lastUsedDate', 'lastUsedRegion', 'lastUsedService'] as const;

/** A key with its last use; if GetAccessKeyLastUsed fails, the three last-used fields are absent (each recorded). */
async function withLastUsed(ctx: AccountContext, iam: IAMClient, key: AccessKeyMetadata, path: (string | number)[]) {
  const accessKey = {
    accessKeyId: key.AccessKeyId ?? '',
    status: key.Status as AccessKey['status'],
    createDate: isoTime(key.CreateDate) ?? '',
  };
  const places = LAST_USED_FIELDS.map((field) => [...path, field]);
  const answer = await callFillingEach(ctx, { ...IAM, operation: 'GetAccessKeyLastUsed' }, places, () =>
    iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKey.accessKeyId })),
  );
  if (!answer) return accessKey as AccessKey;
  const used = answer.AccessKeyLastUsed;
  return {
    ...accessKey,
    lastUsedDate: isoTime(used?.LastUsedDate),
    lastUsedRegion: unlessNotApplicable(used?.Region),
    lastUsedService: unlessNotApplicable(used?.ServiceName),
  };
}

/** AWS answers `N/A` for the region and service of a key never used. */
function unlessNotApplicable(value: string | undefined): string | null {
  return value && value !== 'N/A' ? value : null;
}

async function listMfaDevices(ctx: AccountContext, iam: IAMClient, userName: string, index: number) {
  const pages = await ctx.call(iamSite('ListMFADevices', 'users', index, 'mfaDevices'), () =>
    allIamPages((Marker) => iam.send(new ListMFADevicesCommand({ UserName: userName, Marker }))),
  );
  if (!pages) return undefined;
  return sortByKey(
    pages.flatMap((page) => page.MFADevices ?? []).map((device): MfaDevice => ({
      serialNumber: device.SerialNumber ?? '',
      enableDate: isoTime(device.EnableDate) ?? '',
    })),
    (device) => device.serialNumber,
  );
}
