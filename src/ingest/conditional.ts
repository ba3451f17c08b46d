import type { Response } from 'undici';

/**
 * What a conditional GET needs: the validators to send back (kept per feed in the store, so a restart also asks
 * conditionally) and how long the server says its answer stays fresh.
 */

/** A server asking us to come back in a day is still polled hourly. */
export const MAX_AGE_CAP_SECONDS = 3_600;

/** ETag and Last-Modified, sent back as If-None-Match and If-Modified-Since. */
export interface Validators {
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export const NO_VALIDATORS: Validators = { etag: null, lastModified: null };

export function maxAgeOf(cacheControl: string | null): number | null {
  if (!cacheControl) return null;
  if (/\b(no-store|no-cache)\b/i.test(cacheControl)) return 0;
  const match = cacheControl.match(/\bmax-age\s*=\s*"?(\d+)/i);
  return match?.[1] ? Math.min(Number(match[1]), MAX_AGE_CAP_SECONDS) : null;
}

export function validatorsOf(response: Response, sent: Validators): Validators {
  return {
    etag: response.headers.get('etag') ?? sent.etag,
    lastModified: response.headers.get('last-modified') ?? sent.lastModified,
  };
}
