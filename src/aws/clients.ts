import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider, RetryStrategyV2 } from '@smithy/types';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** How every SDK client of a run is built: one place for endpoint, retries, timeouts and credentials. */
export interface AwsOptions {
  /** Passed to every client; the SDK also honours AWS_ENDPOINT_URL on its own when this is unset. */
  endpoint?: string;
  profile?: string;
  credentials?: AwsCredentialIdentityProvider;
  /** Attempts per call, first one included (SDK default 3). */
  maxAttempts: number;
  /** Milliseconds before a request with no response is abandoned and retried. */
  requestTimeoutMs: number;
  /**
   * A retry strategy per client, in place of the SDK's adaptive mode with `maxAttempts`: the fault tests use an
   * adaptive strategy with millisecond back-off, so that hundreds of throttled requests take seconds.
   */
  retryStrategy?: () => RetryStrategyV2;
}

export const DEFAULT_AWS_OPTIONS: AwsOptions = { maxAttempts: 8, requestTimeoutMs: 30_000 };

/** Called once for every request a client sends (every page, every retry excluded). */
export type CallObserver = (service: string, operation: string, region: string) => void;

interface SdkClient {
  send(command: never): Promise<unknown>;
  middlewareStack: {
    add(middleware: unknown, options: { step: 'initialize'; name: string }): void;
  };
}

// SDK client constructors each take their own config type; `any` lets one factory build them all.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ClientClass<C> = new (config: any) => C;

/**
 * Builds and caches SDK v3 clients per class and region. Retries use the SDK's adaptive mode, which also
 * rate-limits the client when AWS throttles it.
 */
export class ClientFactory {
  private readonly cache = new Map<string, unknown>();
  private readonly credentials: AwsCredentialIdentityProvider;
  private readonly options: AwsOptions;
  private readonly observe: CallObserver;

  constructor(options: AwsOptions, observe: CallObserver = () => {}) {
    this.options = options;
    this.observe = observe;
    this.credentials =
      options.credentials ?? fromNodeProviderChain(options.profile ? { profile: options.profile } : {});
  }

  /** The same factory with other credentials: for an assumed role in another account. */
  withCredentials(credentials: AwsCredentialIdentityProvider): ClientFactory {
    return new ClientFactory({ ...this.options, credentials }, this.observe);
  }

  get<C>(Client: ClientClass<C>, region: string): C {
    const key = `${Client.name}:${region}`;
    let client = this.cache.get(key) as C | undefined;
    if (!client) {
      client = new Client({
        region,
        credentials: this.credentials,
        ...(this.options.retryStrategy
          ? { retryStrategy: this.options.retryStrategy() }
          : { retryMode: 'adaptive', maxAttempts: this.options.maxAttempts }),
        requestHandler: new NodeHttpHandler({
          connectionTimeout: Math.min(this.options.requestTimeoutMs, 10_000),
          requestTimeout: this.options.requestTimeoutMs,
          // Without it the handler only logs a warning and a request that never gets an answer hangs the run.
          throwOnRequestTimeout: true,
        }),
        ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
      });
      this.instrument(client as SdkClient, region);
      this.cache.set(key, client);
    }
    return client;
  }

  private instrument(client: SdkClient, region: string): void {
    const observe = this.observe;
    client.middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: { clientName?: string; commandName?: string }) =>
        (args: unknown) => {
          observe(serviceName(context.clientName), (context.commandName ?? '').replace(/Command$/, ''), region);
          return next(args);
        },
      { step: 'initialize', name: 'soc2EvidenceCallObserver' },
    );
  }
}

function serviceName(clientName: string | undefined): string {
  return (clientName ?? 'Unknown').replace(/Client$/, '');
}
