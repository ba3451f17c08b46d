import {
  AnthropicError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ContentTooLargeError,
  InternalServerError,
  NotFoundError,
  OverloadedError,
  PaymentRequiredError,
  PermissionDeniedError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import type { FallbackReason } from '../types.ts';

/** The model declined to answer (`stop_reason: "refusal"`): the offline answer serves instead. */
export class ModelRefusalError extends Error {
  constructor(readonly model: string) {
    super(`${model} declined the request (stop_reason "refusal")`);
    this.name = 'ModelRefusalError';
  }
}

/** The article has no text to send (the API rejects an empty document): the offline path must serve. */
export class EmptyArticleError extends Error {
  constructor(readonly articleId: string) {
    super(`article ${articleId} has no paragraphs to send to the model`);
    this.name = 'EmptyArticleError';
  }
}

/** The stream went silent after it started: the SDK's timeout only covers the wait for response headers. */
export class StreamStalledError extends APIConnectionTimeoutError {
  constructor(idleMs: number) {
    super({ message: `The Anthropic stream sent nothing for ${idleMs} ms.` });
  }
}

/** Error types the API sends in an `event: error` frame after a 200 (status undefined there). */
const STREAM_ERROR_TYPES: Readonly<Record<string, FallbackReason>> = {
  overloaded_error: 'overloaded',
  rate_limit_error: 'rate-limited',
  api_error: 'server-error',
  timeout_error: 'timeout',
  invalid_request_error: 'rejected',
};

/**
 * Requests the API refuses for a reason the operator must fix (bad request, key, permission, billing, unknown
 * model, article too large): retrying cannot help, the offline answer serves and one log line says why.
 */
const REJECTED_CLASSES = [
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  PaymentRequiredError,
  NotFoundError,
  ContentTooLargeError,
] as const;

function classifyByStatus(error: APIError): FallbackReason | null {
  if (error instanceof RateLimitError) return 'rate-limited';
  if (error instanceof OverloadedError || error.status === 529) return 'overloaded';
  if (error instanceof InternalServerError || (error.status ?? 0) >= 500) return 'server-error';
  if (error.status === 408) return 'timeout';
  if (REJECTED_CLASSES.some((rejected) => error instanceof rejected)) return 'rejected';
  return null;
}

/**
 * Why the offline answer should serve instead of the model, or null when the error is not a model failure (a bug,
 * or the caller aborting). Called after the SDK's own retries are spent.
 */
export function classifyAnthropicError(error: unknown): FallbackReason | null {
  if (error instanceof ModelRefusalError || error instanceof EmptyArticleError) return 'rejected';
  if (error instanceof APIUserAbortError) return null;
  // The SDK wraps what breaks a started stream (the socket cut, a stream that ends without message_stop) in a
  // plain AnthropicError: the server's side failed, not our code.
  if (!(error instanceof APIError)) return error instanceof AnthropicError ? 'server-error' : null;
  if (error instanceof APIConnectionTimeoutError) return 'timeout';
  if (error instanceof APIConnectionError) return 'server-error';
  if (error.status === undefined) return STREAM_ERROR_TYPES[error.type ?? ''] ?? 'server-error';
  return classifyByStatus(error);
}
