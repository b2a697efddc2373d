import { describeAwsFailure } from './aws-error.ts';

/**
 * Runs one call whose "not configured" answer is an error (NoSuchBucketPolicy, ResourceNotFoundException, ...):
 * those codes are data, "collected, nothing there", and give null. Any other failure is rethrown for
 * `ctx.call` to record.
 */
export async function nullWhenNotConfigured<T>(codes: readonly string[], fetch: () => Promise<T>): Promise<T | null> {
  try {
    return await fetch();
  } catch (error) {
    if (codes.includes(describeAwsFailure(error).code)) return null;
    throw error;
  }
}
