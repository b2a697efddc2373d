// Builds collection contexts against a test file's moto server, including ones whose credentials differ by
// region, so a denial (moto checks actions only, never regions) can hit one region and not another.
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { ClientFactory, type ClientClass } from '../../src/aws/clients.ts';
import { AccountContext, Limiter, type Progress } from '../../src/collect/context.ts';
import type { CollectionError } from '../../src/snapshot/schema.ts';
import { DEFAULT_ACCOUNT, motoClientConfig, startMoto, TEST_CREDENTIALS, type Moto } from '../support/moto.ts';

/**
 * The moto server of the enclosing describe (or file): started before its tests, stopped after them, and emptied
 * before each test, with authorization turned off after each. Usable only inside hooks and tests. `env`: moto's own
 * settings (MOTO_IAM_LOAD_MANAGED_POLICIES ...).
 */
export function useMoto(env: Record<string, string> = {}): Moto {
  let server: Moto | undefined;
  const started = (): Moto => {
    if (!server) throw new Error('useMoto: the moto server is not started yet (use it inside hooks and tests)');
    return server;
  };
  beforeAll(async () => {
    server = await startMoto(env);
  });
  afterAll(async () => server?.stop());
  beforeEach(async () => started().reset());
  afterEach(async () => started().setAuthorization(false));
  return {
    get endpoint() {
      return started().endpoint;
    },
    reset: () => started().reset(),
    setAuthorization: (on) => started().setAuthorization(on),
    stop: () => started().stop(),
  };
}

export function motoClients(moto: Moto, credentials: AwsCredentialIdentity = TEST_CREDENTIALS): ClientFactory {
  return new ClientFactory({ endpoint: moto.endpoint, credentials: async () => credentials, maxAttempts: 2, requestTimeoutMs: 5000 });
}

/** Clients of one factory, except in the regions given their own. */
export class PerRegionClients extends ClientFactory {
  private readonly byRegion: Map<string, ClientFactory>;
  private readonly others: ClientFactory;

  constructor(others: ClientFactory, byRegion: Record<string, ClientFactory>) {
    super({ maxAttempts: 1, requestTimeoutMs: 1000, credentials: async () => TEST_CREDENTIALS });
    this.others = others;
    this.byRegion = new Map(Object.entries(byRegion));
  }

  override get<C>(Client: ClientClass<C>, region: string): C {
    return (this.byRegion.get(region) ?? this.others).get(Client, region);
  }
}

export interface TestContext {
  ctx: AccountContext;
  errors: CollectionError[];
  /** Every progress report, as `region service errors`. */
  progress: string[];
}

export function testContext(clients: ClientFactory, regions: string[]): TestContext {
  const errors: CollectionError[] = [];
  const progress: string[] = [];
  const recorder: Progress = { done: (account, region, service, count) => progress.push(`${account} ${region} ${service} ${count}`) };
  const ctx = new AccountContext({ accountId: DEFAULT_ACCOUNT, regions, clients, limiter: new Limiter(8), errors, progress: recorder });
  return { ctx, errors, progress };
}

/** An IAM user allowed everything except `deniedActions`; its credentials. Create it before authorization is on. */
export async function userDenied(moto: Moto, name: string, deniedActions: string[]): Promise<AwsCredentialIdentity> {
  const iam = new IAMClient(motoClientConfig(moto));
  await iam.send(new CreateUserCommand({ UserName: name }));
  const statements: object[] = [{ Effect: 'Allow', Action: '*', Resource: '*' }];
  if (deniedActions.length > 0) statements.push({ Effect: 'Deny', Action: deniedActions, Resource: '*' });
  const policy = { Version: '2012-10-17', Statement: statements };
  await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'test', PolicyDocument: JSON.stringify(policy) }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
}

/** A context calling as a new user denied `deniedActions`, moto's authorization on from now (until the test ends). */
export async function deniedContext(moto: Moto, user: string, deniedActions: string[], regions: string[]): Promise<TestContext> {
  const credentials = await userDenied(moto, user, deniedActions);
  await moto.setAuthorization(true);
  return testContext(motoClients(moto, credentials), regions);
}
