import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enabledRegions } from '../../src/collect/regions.ts';
import { UserError } from '../../src/user-error.ts';
import { startMoto, type Moto } from '../support/moto.ts';
import { motoClients, userDenied } from './moto-context.ts';

describe('enabledRegions', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto?.stop());

  it('lists the enabled regions, sorted, leaving out those not opted in', async () => {
    // moto 5.2 answers the same list for every account, opt-in regions included (marked `not-opted-in`).
    expect(await enabledRegions(motoClients(moto), 'eu-west-1')).toEqual([
      'af-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1',
      'ap-southeast-2', 'ap-southeast-3', 'ca-central-1', 'cn-north-1', 'cn-northwest-1', 'eu-central-1',
      'eu-north-1', 'eu-south-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-1', 'us-east-2',
      'us-gov-east-1', 'us-gov-west-1', 'us-west-1', 'us-west-2',
    ]);
  });

  it('stops with a UserError that says to pass --regions when DescribeRegions is denied', async () => {
    const noEc2 = await userDenied(moto, 'no-ec2', ['ec2:DescribeRegions']);
    await moto.setAuthorization(true);
    try {
      const failure = await enabledRegions(motoClients(moto, noEc2), 'us-east-1').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(UserError);
      expect((failure as UserError).exitCode).toBe(2);
      expect((failure as UserError).message).toBe(
        "cannot list the account's enabled regions (EC2 DescribeRegions in us-east-1: AccessDenied: " +
          'User: arn:aws:iam::123456789012:user/no-ec2 is not authorized to perform: ec2:DescribeRegions). ' +
          'Name the regions to collect with --regions, for example --regions us-east-1,eu-west-1.',
      );
    } finally {
      await moto.setAuthorization(false);
    }
  });
});
