import { describe, expect, it } from 'vitest';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { collectSecurityHub } from '../../src/collect/securityhub.ts';
import { motoClientConfig } from '../support/moto.ts';
import { motoClients, testContext, useMoto } from './moto-context.ts';

const ACCOUNT = '123456789012';
const SECOND = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/);

describe('collectSecurityHub', () => {
  const moto = useMoto();

  it('says hub null where Security Hub is off: data, not an error', async () => {
    const { ctx, errors, progress } = testContext(motoClients(moto), ['eu-west-1']);
    expect(await collectSecurityHub(ctx, 'eu-west-1')).toEqual({ arn: `arn:aws:securityhub:eu-west-1:${ACCOUNT}:`, hub: null });
    expect(errors).toEqual([]);
    expect(progress).toEqual([`${ACCOUNT} eu-west-1 securityhub 0`]);
  });

  it('collects an enabled hub, and records GetEnabledStandards (which moto lacks) as unsupported at the hub\'s standards', async () => {
    await new SecurityHubClient(motoClientConfig(moto, 'eu-west-1')).send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));
    const { ctx, errors } = testContext(motoClients(moto), ['eu-west-1']);
    expect(await collectSecurityHub(ctx, 'eu-west-1')).toEqual({
      arn: `arn:aws:securityhub:eu-west-1:${ACCOUNT}:`,
      hub: {
        arn: `arn:aws:securityhub:eu-west-1:${ACCOUNT}:hub/default`,
        subscribedAt: SECOND,
        autoEnableControls: true,
        controlFindingGenerator: 'SECURITY_CONTROL',
      },
    });
    expect(errors.map((e) => [e.service, e.region, e.operation, e.code, e.pointer])).toEqual([
      ['securityhub', 'eu-west-1', 'GetEnabledStandards', 'Unsupported', `/accounts/${ACCOUNT}/regions/eu-west-1/securityhub/hub/standards`],
    ]);
  });
});
