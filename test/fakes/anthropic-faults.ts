/** Something that goes wrong with one Messages request (faults apply in the order injected, one per request). */
export type FakeFault =
  /** An HTTP error in the API's error shape, with the retry headers the SDK honours. */
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly errorType?: string;
      readonly message?: string;
      /** `retry-after-ms` header: the SDK waits exactly this long before retrying. */
      readonly retryAfterMs?: number;
      /** `x-should-retry` header: overrides the SDK's retry decision. */
      readonly shouldRetry?: boolean;
      /** `error.details.error_code`, e.g. enforced_spend_limit_reached. */
      readonly errorCode?: string;
    }
  /** Hold the response headers back this long (past the client timeout → APIConnectionTimeoutError), then answer. */
  | { readonly kind: 'delay-headers'; readonly ms: number }
  /** Start a normal 200 stream, then send `event: error` once `afterChars` characters of text went out. */
  | {
      readonly kind: 'stream-error';
      readonly errorType?: string;
      readonly message?: string;
      readonly afterChars?: number;
    }
  /** Start a normal 200 stream, then close the socket without message_stop once `afterChars` went out. */
  | { readonly kind: 'cut-stream'; readonly afterChars?: number }
  /** Close the socket without answering (a connection error). */
  | { readonly kind: 'drop-connection' };

export const ERROR_TYPE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  408: 'timeout_error',
  409: 'conflict_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

/** Shorthands for the faults tests inject most. */
export const faults = {
  rateLimited: (retryAfterMs = 1): FakeFault => ({ kind: 'status', status: 429, retryAfterMs }),
  overloaded: (retryAfterMs = 1): FakeFault => ({ kind: 'status', status: 529, retryAfterMs }),
  serverError: (retryAfterMs = 1): FakeFault => ({ kind: 'status', status: 500, retryAfterMs }),
  /** A 500 the SDK must not retry (`x-should-retry: false`). */
  serverErrorNoRetry: (): FakeFault => ({ kind: 'status', status: 500, shouldRetry: false }),
  status: (status: number, errorType?: string): FakeFault => ({
    kind: 'status',
    status,
    ...(errorType ? { errorType } : {}),
  }),
  slowHeaders: (ms: number): FakeFault => ({ kind: 'delay-headers', ms }),
  midStreamError: (errorType = 'overloaded_error', afterChars = 10): FakeFault => ({
    kind: 'stream-error',
    errorType,
    afterChars,
  }),
  cutStream: (afterChars = 10): FakeFault => ({ kind: 'cut-stream', afterChars }),
  dropConnection: (): FakeFault => ({ kind: 'drop-connection' }),
};
