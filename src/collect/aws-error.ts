/** What a failed AWS call is recorded as: a stable code and the service's own message. */
export interface AwsFailure {
  code: string;
  message: string;
}

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number };
}

const UNNAMED = new Set(['', 'Error', 'Unknown', 'UnknownError', 'TypeError', 'SyntaxError']);

/**
 * Names the failure. Some services (and moto) answer a denial or an unimplemented call with a body the SDK
 * cannot parse into a named error, so the HTTP status decides when the name says nothing.
 */
export function describeAwsFailure(error: unknown): AwsFailure {
  const e = (error ?? {}) as SdkErrorShape;
  const message = (e.message ?? String(error)).trim().slice(0, 1000);
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const name = e.name ?? '';
  if (!UNNAMED.has(name) && !/^\d+$/.test(name)) return { code: name, message };
  if (status === 403) return { code: 'AccessDenied', message };
  if (status === 404 || status === 500 || status === 501) return { code: 'Unsupported', message };
  if (status === 429) return { code: 'Throttling', message };
  if (e.code && /^(ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)/.test(e.code)) return { code: 'NetworkError', message };
  return { code: status ? `HTTP${status}` : 'UnknownError', message };
}

export function isAccessDenied(failure: AwsFailure): boolean {
  return /AccessDenied|UnauthorizedOperation|AuthorizationError|Forbidden/i.test(failure.code);
}
