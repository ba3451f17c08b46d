import packageJson from '../../package.json' with { type: 'json' };
import { decodeBody } from './web/charset.ts';

/**
 * The polite fetcher every feed poll and page fetch goes through: it names the bot, asks conditionally, accepts
 * compressed bodies, follows at most a few redirects, gives up after a timeout, caps the body size, sends one
 * request at a time per host, and decodes the body with the right charset.
 */

export const USER_AGENT = `newsdesk/${packageJson.version} (+https://github.com/newsdesk-bot/newsdesk)`;
export const FETCH_TIMEOUT_MS = 15_000;
export const MAX_REDIRECTS = 5;
/** A 10,000-item feed with full content runs to ~40 MB; anything past this is refused, not buffered. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** A server asking us to come back in a day is still polled hourly. */
export const MAX_AGE_CAP_SECONDS = 3_600;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The validators a conditional GET sends back: kept per feed in the store so a restart also asks conditionally. */
export interface Validators {
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export const NO_VALIDATORS: Validators = { etag: null, lastModified: null };

interface OutcomeBase {
  /** The URL that answered, after redirects. */
  readonly url: string;
  readonly validators: Validators;
  /** Cache-Control max-age in seconds, capped at MAX_AGE_CAP_SECONDS; null when the server gave none. */
  readonly maxAgeSeconds: number | null;
}

export interface FetchedBody extends OutcomeBase {
  readonly kind: 'body';
  readonly contentType: string | null;
  readonly text: string;
}

export interface NotModified extends OutcomeBase {
  readonly kind: 'not-modified';
}

export type FetchOutcome = FetchedBody | NotModified;

export interface GetOptions {
  readonly validators?: Validators;
  readonly accept?: string;
  readonly signal?: AbortSignal;
  readonly maxBodyBytes?: number;
}

export interface PoliteFetcher {
  get(url: string, options?: GetOptions): Promise<FetchOutcome>;
}

export interface PoliteFetcherOptions {
  readonly fetch?: typeof globalThis.fetch;
  readonly timeoutMs?: number;
  readonly maxRedirects?: number;
  readonly maxBodyBytes?: number;
  readonly userAgent?: string;
}

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

/** One request at a time per host: each caller waits for the previous holder of that host to release it. */
function createHostGate() {
  const tails = new Map<string, Promise<void>>();
  return async function acquire(host: string): Promise<() => void> {
    const previous = tails.get(host) ?? Promise.resolve();
    let release = () => {};
    const tail = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
    tails.set(host, tail);
    await previous;
    return () => {
      release();
      if (tails.get(host) === tail) tails.delete(host); // keeps the map as small as the hosts in use
    };
  };
}

function maxAgeOf(cacheControl: string | null): number | null {
  if (!cacheControl) return null;
  if (/\b(no-store|no-cache)\b/i.test(cacheControl)) return 0;
  const match = cacheControl.match(/\bmax-age\s*=\s*"?(\d+)/i);
  return match?.[1] ? Math.min(Number(match[1]), MAX_AGE_CAP_SECONDS) : null;
}

function validatorsOf(response: Response, sent: Validators): Validators {
  return {
    etag: response.headers.get('etag') ?? sent.etag,
    lastModified: response.headers.get('last-modified') ?? sent.lastModified,
  };
}

async function readCapped(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const tooLarge = () => new HttpError(url, response.status, `response body exceeds ${maxBytes} bytes`);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body ?? []) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge(); // leaving the loop cancels the stream
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function requestHeaders(userAgent: string, options: GetOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept: options.accept ?? '*/*',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.validators?.etag) headers['if-none-match'] = options.validators.etag;
  if (options.validators?.lastModified) headers['if-modified-since'] = options.validators.lastModified;
  return headers;
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  if (error instanceof Error && error.name === 'AbortError') return 'aborted';
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}

export function createPoliteFetcher(options: PoliteFetcherOptions = {}): PoliteFetcher {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const userAgent = options.userAgent ?? USER_AGENT;
  const acquire = createHostGate();

  /** One hop: holds the host for the request and, when it is the final answer, for reading the body. */
  async function hop(url: string, getOptions: GetOptions): Promise<FetchOutcome | { redirect: string }> {
    const release = await acquire(new URL(url).host);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = getOptions.signal ? AbortSignal.any([getOptions.signal, timeout]) : timeout;
    try {
      const response = await fetchImpl(url, {
        headers: requestHeaders(userAgent, getOptions),
        redirect: 'manual',
        signal,
      });
      const location = response.headers.get('location');
      if (REDIRECT_STATUSES.has(response.status) && location) {
        await response.body?.cancel();
        return { redirect: new URL(location, url).toString() };
      }
      const base = {
        url,
        validators: validatorsOf(response, getOptions.validators ?? NO_VALIDATORS),
        maxAgeSeconds: maxAgeOf(response.headers.get('cache-control')),
      };
      if (response.status === 304) return { kind: 'not-modified', ...base };
      if (!response.ok) {
        await response.body?.cancel();
        throw new HttpError(url, response.status, `${response.status} ${response.statusText}`.trim());
      }
      const bytes = await readCapped(
        response,
        url,
        getOptions.maxBodyBytes ?? options.maxBodyBytes ?? MAX_BODY_BYTES,
      );
      const contentType = response.headers.get('content-type');
      return { kind: 'body', ...base, contentType, text: decodeBody(bytes, contentType) };
    } catch (error) {
      throw error instanceof HttpError ? error : new HttpError(url, null, describeFailure(error, timeoutMs));
    } finally {
      release();
    }
  }

  async function get(url: string, getOptions: GetOptions = {}): Promise<FetchOutcome> {
    let current = url;
    for (let redirects = 0; ; redirects++) {
      const protocol = URL.canParse(current) ? new URL(current).protocol : null;
      if (!protocol) throw new HttpError(url, null, 'not a valid URL');
      if (protocol !== 'http:' && protocol !== 'https:') {
        throw new HttpError(url, null, `only http(s) URLs are fetched, not ${protocol} (${current})`);
      }
      const result = await hop(current, getOptions);
      if (!('redirect' in result)) return result;
      if (redirects >= maxRedirects) throw new HttpError(url, null, `more than ${maxRedirects} redirects`);
      current = result.redirect;
    }
  }

  return { get };
}
