import { describe, expect, it } from 'vitest';
import { AccountClient, PutAlternateContactCommand } from '@aws-sdk/client-account';
import { collectAlternateContacts } from '../../src/collect/alternate-contacts.ts';
import { motoClientConfig } from '../support/moto.ts';
import { deniedContext, motoClients, testContext, useMoto } from './moto-context.ts';

const ACCOUNT = '123456789012';

describe('collectAlternateContacts', () => {
  const moto = useMoto();

  it('collects the security contact; contacts never set are null, not errors', async () => {
    await new AccountClient(motoClientConfig(moto)).send(
      new PutAlternateContactCommand({
        AlternateContactType: 'SECURITY',
        Name: 'Security Team',
        Title: 'CISO',
        EmailAddress: 'security@example.com',
        PhoneNumber: '+1-555-0100',
      }),
    );
    const { ctx, errors, progress } = testContext(motoClients(moto), ['us-east-1']);
    expect(await collectAlternateContacts(ctx)).toEqual({
      security: { name: 'Security Team', title: 'CISO', emailAddress: 'security@example.com', phoneNumber: '+1-555-0100' },
      operations: null,
      billing: null,
    });
    expect(errors).toEqual([]);
    expect(progress).toEqual([`${ACCOUNT} global account 0`]);
  });

  it('leaves each contact absent, recorded at its own pointer, when GetAlternateContact is denied', async () => {
    const { ctx, errors } = await deniedContext(moto, 'no-contacts', ['account:GetAlternateContact'], ['us-east-1']);
    expect(await collectAlternateContacts(ctx)).toEqual({});
    expect(errors.map((e) => [e.service, e.region, e.operation, e.code, e.pointer]).sort()).toEqual(
      ['billing', 'operations', 'security'].map((field) => [
        'account',
        'global',
        'GetAlternateContact',
        'AccessDenied',
        `/accounts/${ACCOUNT}/alternateContacts/${field}`,
      ]),
    );
  });
});
