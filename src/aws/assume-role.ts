import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ClientFactory } from './clients.ts';

/** A role in another account, as an accounts file or `--org` names it. */
export interface RoleToAssume {
  roleArn: string;
  externalId?: string;
}

/** Temporary credentials are renewed this long before they expire, so no call is signed with expiring ones. */
const RENEW_BEFORE_MS = 5 * 60_000;
const SESSION_NAME = 'soc2-evidence-snapshot';
/** One hour: the longest session role chaining allows, and far longer than one account takes. */
const SESSION_SECONDS = 3600;

/**
 * Credentials for `role`, obtained with STS AssumeRole through `clients` (the caller's), so the call is observed,
 * retried and timed out like every other. Renewed before they expire; a failure is the caller's to record.
 */
export function assumedRoleCredentials(clients: ClientFactory, region: string, role: RoleToAssume): AwsCredentialIdentityProvider {
  const assume = async (): Promise<AwsCredentialIdentity> => {
    const answer = await clients.get(STSClient, region).send(
      new AssumeRoleCommand({
        RoleArn: role.roleArn,
        RoleSessionName: SESSION_NAME,
        DurationSeconds: SESSION_SECONDS,
        ...(role.externalId ? { ExternalId: role.externalId } : {}),
      }),
    );
    const credentials = answer.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
      throw Object.assign(new Error(`AssumeRole ${role.roleArn} returned no credentials`), { name: 'IncompleteResponse' });
    }
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      ...(credentials.SessionToken ? { sessionToken: credentials.SessionToken } : {}),
      ...(credentials.Expiration ? { expiration: credentials.Expiration } : {}),
    };
  };
  let current: Promise<AwsCredentialIdentity> | undefined;
  let renewAt = Infinity;
  return () => {
    if (!current || Date.now() >= renewAt) {
      renewAt = Infinity;
      const attempt = assume();
      current = attempt;
      attempt.then(
        (held) => {
          if (held.expiration) renewAt = held.expiration.getTime() - RENEW_BEFORE_MS;
        },
        () => {
          if (current === attempt) current = undefined; // the next request tries again
        },
      );
    }
    return current;
  };
}
