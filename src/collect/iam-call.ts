import { IAMClient } from '@aws-sdk/client-iam';
import type { AccountContext, CallSite } from './context.ts';

/** IAM is global: one endpoint (us-east-1 in the aws partition), its calls recorded under the region `global`. */
export const IAM = { service: 'iam', region: 'global' } as const;

export function iamClient(ctx: AccountContext): IAMClient {
  return ctx.client(IAMClient, 'us-east-1');
}

/** The site of a call whose answer fills `/accounts/ACCOUNT/iam/<path>`. */
export function iamSite(operation: string, ...path: (string | number)[]): CallSite {
  return { ...IAM, operation, path: ['iam', ...path] };
}

export class IncompleteResponse extends Error {
  override name = 'IncompleteResponse';
}

/**
 * Removes the fields an answer left out although AWS always reports them (moto omits a managed policy's
 * PolicyId and PermissionsBoundaryUsageCount), recording each as not collected: a count AWS did not give is
 * unknown, never zero.
 */
export function dropUnreported<T extends object>(
  ctx: AccountContext,
  operation: string,
  resource: T,
  fields: (keyof T & string)[],
  path: (string | number)[],
): T {
  for (const field of fields) {
    if (resource[field] !== undefined) continue;
    Reflect.deleteProperty(resource, field);
    ctx.recordFailure(iamSite(operation, ...path, field), new IncompleteResponse(`${operation} did not report ${field}`));
  }
  return resource;
}
