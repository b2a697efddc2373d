// Assumed-role credentials: one AssumeRole shared by every client of an account, renewed before they expire, and
// asked again after a failure instead of the failure being kept.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assumedRoleCredentials } from '../../src/aws/assume-role.ts';
import { ClientFactory } from '../../src/aws/clients.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { startMoto, TEST_CREDENTIALS, type Moto } from '../support/moto.ts';

const ROLE = { roleArn: 'arn:aws:iam::111111111111:role/Soc2EvidenceCollector' };

describe('assumedRoleCredentials', () => {
  let moto: Moto;
  let proxy: FaultProxy;
  let assumed = 0;
  let clients: ClientFactory;

  beforeAll(async () => {
    moto = await startMoto();
    proxy = await startFaultProxy(moto.endpoint, 1);
    clients = new ClientFactory(
      { endpoint: proxy.endpoint, credentials: async () => TEST_CREDENTIALS, maxAttempts: 1, requestTimeoutMs: 5000 },
      (service, operation) => {
        if (`${service}:${operation}` === 'STS:AssumeRole') assumed++;
      },
    );
  });
  afterAll(async () => {
    vi.useRealTimers();
    await proxy?.stop();
    await moto?.stop();
  });

  it('assumes the role once however often asked, and again five minutes before the credentials expire', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const credentials = assumedRoleCredentials(clients, 'us-east-1', ROLE);
    const [first, second] = await Promise.all([credentials(), credentials()]);
    expect(second).toBe(first);
    expect(first.accessKeyId).toMatch(/^ASIA/);
    expect(assumed).toBe(1);
    vi.setSystemTime(first.expiration!.getTime() - 6 * 60_000);
    expect(await credentials()).toBe(first);
    vi.setSystemTime(first.expiration!.getTime() - 4 * 60_000);
    const renewed = await credentials();
    expect(renewed.accessKeyId).not.toBe(first.accessKeyId);
    expect(assumed).toBe(2);
    vi.useRealTimers();
  });

  it('asks again after a failure', async () => {
    proxy.setRules([{ service: 'sts', operation: 'AssumeRole', fault: 'deny', times: 1 }]);
    const credentials = assumedRoleCredentials(clients, 'us-east-1', ROLE);
    await expect(credentials()).rejects.toMatchObject({ name: 'AccessDenied' });
    expect((await credentials()).accessKeyId).toMatch(/^ASIA/);
  });
});
