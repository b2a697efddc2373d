import { describe, expect, it } from 'vitest';
import {
  CreateKeyCommand,
  EnableKeyRotationCommand,
  KMSClient,
  ScheduleKeyDeletionCommand,
  type CreateKeyCommandInput,
} from '@aws-sdk/client-kms';
import { collectKms } from '../../src/collect/kms.ts';
import type { KmsKey, PolicyDocument } from '../../src/snapshot/schema.ts';
import { motoClientConfig, type Moto } from '../support/moto.ts';
import { deniedContext, motoClients, testContext, useMoto } from './moto-context.ts';

const ACCOUNT = '123456789012';
const SECOND = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/);
const POLICY = {
  Version: '2012-10-17',
  Id: 'key-policy',
  Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
};

const PARSED_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Id: 'key-policy',
  Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`] }, Action: ['kms:*'], Resource: ['*'] }],
};

interface Seeded {
  rotated: string;
  signing: string;
  deleted: string;
}

async function seed(moto: Moto): Promise<Seeded> {
  const kms = new KMSClient(motoClientConfig(moto, 'eu-west-1'));
  const create = async (input: CreateKeyCommandInput) =>
    (await kms.send(new CreateKeyCommand(input))).KeyMetadata!.Arn!;
  // moto leaves KeyUsage unset unless given; AWS defaults it to ENCRYPT_DECRYPT.
  const rotated = await create({ Description: 'data', KeyUsage: 'ENCRYPT_DECRYPT', Policy: JSON.stringify(POLICY) });
  await kms.send(new EnableKeyRotationCommand({ KeyId: rotated }));
  const signing = await create({ KeyUsage: 'SIGN_VERIFY', KeySpec: 'RSA_2048', Policy: JSON.stringify(POLICY) });
  const deleted = await create({ KeyUsage: 'ENCRYPT_DECRYPT', Policy: JSON.stringify(POLICY) });
  await kms.send(new ScheduleKeyDeletionCommand({ KeyId: deleted.split('/')[1], PendingWindowInDays: 7 }));
  return { rotated, signing, deleted };
}

function key(arn: string, fields: Partial<KmsKey>): KmsKey {
  return {
    arn,
    keyId: arn.split('/')[1]!,
    description: null,
    keyState: 'Enabled',
    enabled: true,
    keyUsage: 'ENCRYPT_DECRYPT',
    keySpec: 'SYMMETRIC_DEFAULT',
    origin: 'AWS_KMS',
    multiRegion: false,
    creationDate: SECOND,
    deletionDate: null,
    rotationEnabled: false,
    rotationPeriodInDays: null,
    policy: PARSED_POLICY,
    ...fields,
  };
}

describe('collectKms', () => {
  const moto = useMoto();

  it('collects customer-managed keys with state, rotation, pending deletion and the parsed key policy', async () => {
    const seeded = await seed(moto);
    const { ctx, errors, progress } = testContext(motoClients(moto), ['eu-west-1', 'us-east-1']);
    const section = await collectKms(ctx, 'eu-west-1');
    const expected = [
      key(seeded.rotated, { description: 'data', rotationEnabled: true }),
      key(seeded.signing, { keyUsage: 'SIGN_VERIFY', keySpec: 'RSA_2048' }),
      key(seeded.deleted, { keyState: 'PendingDeletion', enabled: false, deletionDate: SECOND }),
    ].sort((a, b) => (a.arn < b.arn ? -1 : 1));
    expect(section).toEqual({ arn: `arn:aws:kms:eu-west-1:${ACCOUNT}:`, keys: expected });
    expect(errors).toEqual([]);
    expect(progress).toEqual([`${ACCOUNT} eu-west-1 kms 0`]);
    expect(await collectKms(ctx, 'us-east-1')).toEqual({ arn: `arn:aws:kms:us-east-1:${ACCOUNT}:`, keys: [] });
  });

  it('leaves a key policy absent and records the denial at that key when GetKeyPolicy is denied', async () => {
    const seeded = await seed(moto);
    const { ctx, errors } = await deniedContext(moto, 'no-key-policy', ['kms:GetKeyPolicy'], ['eu-west-1']);
    const section = await collectKms(ctx, 'eu-west-1');
    expect(section.keys).toHaveLength(3);
    for (const collected of section.keys!) expect(collected).not.toHaveProperty('policy');
    expect(section.keys!.find((k) => k.arn === seeded.rotated)?.rotationEnabled).toBe(true);
    expect(errors.map((e) => [e.operation, e.code, e.pointer]).sort()).toEqual(
      [0, 1, 2].map((index) => ['GetKeyPolicy', 'AccessDenied', `/accounts/${ACCOUNT}/regions/eu-west-1/kms/keys/${index}/policy`]),
    );
  });

  it('leaves the key list absent when ListKeys is denied', async () => {
    await seed(moto);
    const { ctx, errors } = await deniedContext(moto, 'no-list-keys', ['kms:ListKeys'], ['eu-west-1']);
    expect(await collectKms(ctx, 'eu-west-1')).toEqual({ arn: `arn:aws:kms:eu-west-1:${ACCOUNT}:` });
    expect(errors.map((e) => [e.service, e.region, e.operation, e.code, e.pointer])).toEqual([
      ['kms', 'eu-west-1', 'ListKeys', 'AccessDenied', `/accounts/${ACCOUNT}/regions/eu-west-1/kms/keys`],
    ]);
  });
});
