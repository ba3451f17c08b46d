import { fetch, type Response } from 'undici';
import packageJson from '../../package.json' with { type: 'json' };
import {
  createDestinationRouter,
  type DestinationRouter,
  type OriginMemory,
  type Resolver,
  refusalIn,
} from './address-guard.ts';
import { maxAgeOf, NO_VALIDATORS, type Validators, validatorsOf } from './conditional.ts';
import { AddressRefusedError, describeFailure, HttpError } from './http-errors.ts';
import { decodeBody } from './web/charset.ts';

/**
 * The polite fetcher every feed poll and page fetch goes through: it names the bot, asks conditionally, accepts
 * compressed bodies, follows at most a few redirects, gives up after a timeout, caps the body size, sends one
 * request at a time per host, decodes the body with the right charset, and keeps URLs that come from feed content
 * away from internal addresses (src/ingest/address-guard.ts), on every redirect hop.
 */

/** The product token every request names: publishers see which software and version asks. */
export const USER_AGENT_PRODUCT = `newsdesk/${packageJson.version}`;

/** `newsdesk/0.1.0 (+mailto:ops@example.org)`: how a feed publisher reaches whoever runs this bot (FETCH_CONTACT). */
export function userAgentFor(contact: string | undefined): string {
  return contact ? `${USER_AGENT_PRODUCT} (+${contact})` : USER_AGENT_PRODUCT;
}

export const FETCH_TIMEOUT_MS = 15_000;
export const MAX_REDIRECTS = 5;
/** A 10,000-item feed with full content runs to ~40 MB; anything past this is refused, not buffered. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

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
  readonly signal?: AbortSignal | undefined;
  readonly maxBodyBytes?: number;
  /**
   * The operator-configured URL (a feed) this URL was found in: only that URL's origin is trusted, every other
   * destination must be public or in FETCH_ALLOW_HOSTS. Without it the URL is the operator's own and is fetched
   * as given; where it redirects to is checked the same way, against its own origin.
   */
  readonly linkedFrom?: string;
}

export interface PoliteFetcher {
  get(url: string, options?: GetOptions): Promise<FetchOutcome>;
}

/** The operator's side of fetching: config.fetch. */
export interface FetchSettings {
  readonly allowHosts: readonly string[];
  readonly contact: string | undefined;
}

export interface PoliteFetcherOptions {
  readonly timeoutMs?: number;
  readonly maxRedirects?: number;
  readonly maxBodyBytes?: number;
  /** FETCH_CONTACT, already a URL or mailto: URL; named in the User-Agent. */
  readonly contact?: string | undefined;
  /** FETCH_ALLOW_HOSTS: internal hosts feed content may reach. */
  readonly allowHosts?: readonly string[];
  /** Resolves host names, once per connection; getaddrinfo unless a test injects one. */
  readonly resolver?: Resolver;
  /** Which trusted hosts the operator's fetches reached internally (see createOriginMemory); one per fetcher. */
  readonly origins?: OriginMemory;
}

/**
 * The fetcher as seen by one feed's content: every URL is treated as found in `feedUrl` (linkedFrom), so item
 * links and their redirects may reach the feed's own origin but no other internal address.
 */
export function contentFetcher(fetcher: PoliteFetcher, feedUrl: string): PoliteFetcher {
  return { get: (url, options = {}) => fetcher.get(url, { ...options, linkedFrom: feedUrl }) };
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

/** What every hop of one fetcher shares. */
interface HopSettings {
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  readonly maxBodyBytes: number;
  readonly userAgent: string;
  readonly router: DestinationRouter;
  readonly acquire: (host: string) => Promise<() => void>;
}

/** Where a chain of redirects started, and whose origin its hops may reach internally. */
interface HopChain {
  readonly requested: string;
  readonly trustedOrigin: string;
  readonly fromContent: boolean;
}

export function createPoliteFetcher(options: PoliteFetcherOptions = {}): PoliteFetcher {
  const settings: HopSettings = {
    timeoutMs: options.timeoutMs ?? FETCH_TIMEOUT_MS,
    maxRedirects: options.maxRedirects ?? MAX_REDIRECTS,
    maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES,
    userAgent: userAgentFor(options.contact),
    router: createDestinationRouter({
      resolver: options.resolver,
      allowHosts: options.allowHosts,
      origins: options.origins,
    }),
    acquire: createHostGate(),
  };
  return { get: (url, getOptions = {}) => followRedirects(settings, url, getOptions) };
}

async function followRedirects(
  settings: HopSettings,
  url: string,
  getOptions: GetOptions,
): Promise<FetchOutcome> {
  let current = url;
  const trusted = getOptions.linkedFrom ?? url;
  const chain: HopChain = {
    requested: url,
    trustedOrigin: URL.canParse(trusted) ? new URL(trusted).origin : 'null',
    fromContent: getOptions.linkedFrom !== undefined,
  };
  for (let redirects = 0; ; redirects++) {
    const protocol = URL.canParse(current) ? new URL(current).protocol : null;
    if (!protocol) throw new HttpError(url, null, 'not a valid URL');
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw new HttpError(url, null, `only http(s) URLs are fetched, not ${protocol} (${current})`);
    }
    const result = await hop(settings, current, chain, getOptions);
    if (!('redirect' in result)) return result;
    const { maxRedirects } = settings;
    if (redirects >= maxRedirects) throw new HttpError(url, null, `more than ${maxRedirects} redirects`);
    current = result.redirect;
  }
}

/** One hop: holds the host for the request and, when it is the final answer, for reading the body. */
async function hop(
  settings: HopSettings,
  url: string,
  chain: HopChain,
  getOptions: GetOptions,
): Promise<FetchOutcome | { redirect: string }> {
  const release = await settings.acquire(new URL(url).host);
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  const signal = getOptions.signal ? AbortSignal.any([getOptions.signal, timeout]) : timeout;
  try {
    const response = await fetch(url, {
      headers: requestHeaders(settings.userAgent, getOptions),
      redirect: 'manual',
      signal,
      dispatcher: settings.router.dispatcherFor(new URL(url), chain.trustedOrigin, chain.fromContent),
    });
    const location = response.headers.get('location');
    if (REDIRECT_STATUSES.has(response.status) && location) {
      await response.body?.cancel();
      return { redirect: new URL(location, url).toString() };
    }
    return await answerOf(response, url, getOptions, settings.maxBodyBytes);
  } catch (error) {
    const refusal = refusalIn(error);
    if (refusal) throw new AddressRefusedError(chain.requested, url, refusal, chain.trustedOrigin);
    throw error instanceof HttpError
      ? error
      : new HttpError(url, null, describeFailure(error, settings.timeoutMs));
  } finally {
    release();
  }
}

/** A final (non-redirect) response as an outcome: not modified, the decoded body, or an HttpError. */
async function answerOf(
  response: Response,
  url: string,
  getOptions: GetOptions,
  maxBodyBytes: number,
): Promise<FetchOutcome> {
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
  const bytes = await readCapped(response, url, getOptions.maxBodyBytes ?? maxBodyBytes);
  const contentType = response.headers.get('content-type');
  return { kind: 'body', ...base, contentType, text: decodeBody(bytes, contentType) };
}
