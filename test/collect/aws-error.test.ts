import { describe, expect, it } from 'vitest';
import { describeAwsFailure } from '../../src/collect/aws-error.ts';

function sdkError(name: string, message: string, status?: number, code?: string) {
  return Object.assign(new Error(message), { name, ...(code ? { code } : {}), ...(status ? { $metadata: { httpStatusCode: status } } : {}) });
}

describe('describeAwsFailure', () => {
  it("keeps the service's own error name and message", () => {
    expect(describeAwsFailure(sdkError('AccessDeniedException', 'User is not authorized', 400))).toEqual({
      code: 'AccessDeniedException',
      message: 'User is not authorized',
    });
  });

  it('names unparseable answers by their HTTP status, with a message a person can act on', () => {
    const garbled = 'Unexpected token \'<\', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response...';
    expect(describeAwsFailure(sdkError('SyntaxError', garbled, 404))).toEqual({
      code: 'Unsupported',
      message: 'HTTP 404 with a response that is not an AWS error document (the endpoint may not implement this operation)',
    });
    expect(describeAwsFailure(sdkError('Error', 'denied', 403)).code).toBe('AccessDenied');
    expect(describeAwsFailure(sdkError('Unknown', 'boom', 500)).code).toBe('Unsupported');
    expect(describeAwsFailure(sdkError('Unknown', 'slow down', 429)).code).toBe('Throttling');
    expect(describeAwsFailure(sdkError('Unknown', 'teapot', 418)).code).toBe('HTTP418');
  });

  it('names network failures that never reached a service', () => {
    expect(describeAwsFailure(sdkError('Error', 'socket hang up', undefined, 'ECONNRESET')).code).toBe('NetworkError');
    expect(describeAwsFailure('a string').code).toBe('UnknownError');
  });
});
