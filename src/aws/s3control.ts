import { S3ControlClient } from '@aws-sdk/client-s3-control';
import type { AccountContext } from '../collect/context.ts';

const adapted = new WeakSet<S3ControlClient>();

/**
 * The run's S3 Control client for a region. s3control's endpoint rules put the account id in front of the host
 * (`ACCOUNT.s3-control.REGION.amazonaws.com`); an endpoint given by hand (moto or a proxy on loopback,
 * `http://127.0.0.1:PORT`) cannot take that prefix (`ACCOUNT.127.0.0.1` is not a host), so requests go to a
 * given endpoint exactly as given. Clients on AWS's own endpoints are left as they are.
 */
export function s3ControlClient(ctx: AccountContext, region: string): S3ControlClient {
  const client = ctx.client(S3ControlClient, region);
  if (!adapted.has(client)) {
    adapted.add(client);
    const resolve = client.config.endpointProvider;
    client.config.endpointProvider = (params, context) => (params.Endpoint ? { url: new URL(params.Endpoint) } : resolve(params, context));
  }
  return client;
}
