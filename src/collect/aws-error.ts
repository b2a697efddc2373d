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
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const message = readableMessage(e.message ?? String(error), status);
  const name = e.name ?? '';
  if (!UNNAMED.has(name) && !/^\d+$/.test(name)) return { code: name, message };
  if (status === 403) return { code: 'AccessDenied', message };
  if (status === 404 || status === 500 || status === 501) return { code: 'Unsupported', message };
  if (status === 429) return { code: 'Throttling', message };
  if (e.code && /^(ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)/.test(e.code)) return { code: 'NetworkError', message };
  return { code: status ? `HTTP${status}` : 'UnknownError', message };
}

/** The SDK's own parse failure says nothing about the cause: name the HTTP status instead. */
function readableMessage(message: string, status: number | undefined): string {
  if (/Deserialization error/.test(message)) {
    return `HTTP ${status ?? 'error'} with a response that is not an AWS error document (the endpoint may not implement this operation)`;
  }
  return message.trim().slice(0, 1000);
}
