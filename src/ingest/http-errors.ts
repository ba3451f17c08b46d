import type { AddressRefusal } from './address-guard.ts';

/** A failed request; the message carries it, ofetch style: `[GET] "https://…": 500 Internal Server Error`. */
export class HttpError extends Error {
  constructor(
    readonly url: string,
    readonly status: number | null,
    detail: string,
    readonly method = 'GET',
  ) {
    super(`[${method}] ${JSON.stringify(url)}: ${detail}`);
    this.name = 'HttpError';
  }
}

/** A destination refused as internal: says which URL, which address, why, and how to allow it. */
export class AddressRefusedError extends HttpError {
  constructor(
    url: string,
    readonly hop: string,
    readonly refusal: AddressRefusal,
    trustedOrigin: string,
  ) {
    const redirected = hop === url ? '' : ` (redirected to ${JSON.stringify(hop)})`;
    const atOrigin = new URL(hop).origin === trustedOrigin;
    const rule = atOrigin
      ? `the feed at ${trustedOrigin} was fetched from a public address, so its links may not reach internal ones there (its name now answers differently)`
      : `newsdesk reaches internal addresses only at the origin you configured (${trustedOrigin}) or at hosts in FETCH_ALLOW_HOSTS`;
    super(
      url,
      null,
      `refused${redirected}: ${refusal.message}. ${rule}; to allow this one, add ${new URL(hop).host} to FETCH_ALLOW_HOSTS`,
    );
    this.name = 'AddressRefusedError';
  }
}

/** What went wrong with a request that got no answer, as an HttpError says it. */
export function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  if (error instanceof Error && error.name === 'AbortError') return 'aborted';
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}
