import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateUserCommand, IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { motoClientConfig, startMoto, type Moto } from './support/moto.ts';

describe('moto harness', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto?.stop());

  it('serves IAM through the real SDK and resets between tests', async () => {
    const iam = new IAMClient(motoClientConfig(moto));
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    expect((await iam.send(new ListUsersCommand({}))).Users?.map((u) => u.UserName)).toEqual(['alice']);
    await moto.reset();
    expect((await iam.send(new ListUsersCommand({}))).Users).toEqual([]);
  });
});
