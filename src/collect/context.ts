import type { CollectionError } from '../snapshot/schema.ts';
import type { ClientClass, ClientFactory } from '../aws/clients.ts';
import { describeAwsFailure } from './aws-error.ts';
import { pointerOf } from '../pointer.ts';
import { compareStrings } from '../compare.ts';

/** Where a call's answer goes, so a failure can be recorded against the place it would have filled. */
export interface CallSite {
  service: string;
  /** `global` for account-wide services. */
  region: string;
  operation: string;
  /** Segments under `/accounts/ACCOUNT`, for example `['iam', 'users']`. */
  path: (string | number)[];
}

/** Reports progress on long collection; the CLI prints it on stderr when that is a terminal. */
export interface Progress {
  done(account: string, region: string, service: string, errors: number): void;
}

export const silentProgress: Progress = { done() {} };

/** Bounds how many AWS calls are in flight across the whole run. */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A woken waiter inherits the finished task's slot, so no newcomer can take it before the waiter resumes.
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** Everything a collector needs for one account: its clients, its regions, and a way to record failures. */
export class AccountContext {
  readonly accountId: string;
  readonly regions: string[];
  readonly errors: CollectionError[];
  readonly progress: Progress;
  private readonly clients: ClientFactory;
  private readonly limiter: Limiter;

  constructor(options: {
    accountId: string;
    regions: string[];
    clients: ClientFactory;
    limiter: Limiter;
    errors: CollectionError[];
    progress?: Progress;
  }) {
    this.accountId = options.accountId;
    this.regions = options.regions;
    this.clients = options.clients;
    this.limiter = options.limiter;
    this.errors = options.errors;
    this.progress = options.progress ?? silentProgress;
  }

  client<C>(Client: ClientClass<C>, region: string): C {
    return this.clients.get(Client, region);
  }

  pointer(path: (string | number)[]): string {
    return pointerOf(['accounts', this.accountId, ...path]);
  }

  /**
   * Runs one AWS call (or one whole paginated listing). On failure, records it in `errors` against the place
   * it would have filled and returns undefined; the caller leaves that place absent and goes on.
   */
  async call<T>(site: CallSite, fetch: () => Promise<T>): Promise<T | undefined> {
    try {
      return await this.limiter.run(fetch);
    } catch (error) {
      this.recordFailure(site, error);
      return undefined;
    }
  }

  recordFailure(site: CallSite, error: unknown): void {
    const { code, message } = describeAwsFailure(error);
    this.errors.push({
      account: this.accountId,
      region: site.region,
      service: site.service,
      operation: site.operation,
      code,
      message,
      pointer: this.pointer(site.path),
    });
  }
}

/** Sorts resources the way every array in the snapshot is sorted: by ARN, else by the given key. */
export function sortByKey<T>(items: T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareStrings(key(a), key(b)));
}

