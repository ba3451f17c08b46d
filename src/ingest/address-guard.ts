import { promises as dns } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, type Dispatcher } from 'undici';
import { isAllowedHost, parseAllowedHost } from '../core/allowed-host.ts';
import { internalRangeOf } from './internal-ranges.ts';

/**
 * Which addresses a URL from feed content may reach. A feed item's link, and every redirect on the way to any
 * page, is chosen by whoever writes the feed; left alone, a link to http://127.0.0.1:9200/ or to a name that
 * resolves to 10.0.0.5 would make the bot fetch an internal service and then quote it to any Discord member.
 *
 * The rule, per request hop: the origin the operator configured is trusted — for content found there, only as far
 * as the operator's own fetch of it went: a feed fetched from a public address may not have its name answer an
 * internal one for its links later (the publisher controls that DNS: rebinding to 169.254.169.254) —; a host in
 * FETCH_ALLOW_HOSTS is trusted; anything else must resolve only to public addresses. The name is resolved once, inside the socket's
 * own `lookup`, and the socket connects to the very address that was checked: there is no second lookup a DNS
 * change (rebinding) could slip past.
 */

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves a host name to every address it has. Injected so a test can count lookups and fake names. */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** getaddrinfo, as Node's own connect would use: /etc/hosts, then DNS. */
export const systemResolver: Resolver = async (hostname) => {
  const found = await dns.lookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/** A destination refused because it is internal; the message says what, why, and how to allow it. */
export class AddressRefusal extends Error {
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly range: string,
  ) {
    const where = hostname === address ? `${address} is` : `${hostname} resolves to ${address},`;
    super(`${where} a ${range} address`);
    this.name = 'AddressRefusal';
  }
}

/** The refusal for a host written as an IP address (Node connects to those without any lookup), or null. */
export function literalRefusal(hostname: string): AddressRefusal | null {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  const range = isIP(bare) ? internalRangeOf(bare) : null;
  return range ? new AddressRefusal(bare, bare, range) : null;
}

function refusalAmong(hostname: string, addresses: readonly ResolvedAddress[]): AddressRefusal | null {
  for (const { address } of addresses) {
    const range = internalRangeOf(address);
    // One internal answer refuses the name: a socket may try any of the addresses it was given.
    if (range) return new AddressRefusal(hostname, address, range);
  }
  return null;
}

/**
 * A `lookup` for net/tls.connect that resolves through `resolver` exactly once per connection and, when
 * `checked`, fails with an AddressRefusal instead of handing an internal address to the socket.
 */
export function guardedLookup(
  resolver: Resolver,
  checked: boolean,
  onResolved: (hostname: string, resolved: readonly ResolvedAddress[]) => void = () => {},
): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname).then(
      (resolved) => {
        onResolved(hostname, resolved);
        const refusal = checked ? refusalAmong(hostname, resolved) : null;
        if (refusal) return callback(refusal, '', 0);
        const wanted = options.family === 4 || options.family === 6 ? options.family : null;
        const usable = resolved.filter((entry) => wanted === null || entry.family === wanted);
        const first = usable[0];
        if (!first) {
          const error = Object.assign(new Error(`${hostname}: no address`), { code: 'ENOTFOUND' });
          return callback(error, '', 0);
        }
        if (options.all)
          return callback(
            null,
            usable.map((entry) => ({ ...entry })),
          );
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

/** The first AddressRefusal in an error's cause chain (fetch wraps a failed connect in "fetch failed"). */
export function refusalIn(error: unknown): AddressRefusal | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof AddressRefusal) return current;
    current = current.cause;
  }
  return null;
}

/** How many trusted hosts' last address class is remembered (one per configured feed; bounded all the same). */
const MAX_REMEMBERED_HOSTS = 1_000;

/**
 * Which trusted hosts the operator's own fetches reached at an internal address. Content found at a trusted
 * origin may go internal only when the operator's fetch of that host did (an intranet feed linking to itself).
 */
export interface OriginMemory {
  note(hostname: string, resolved: readonly ResolvedAddress[]): void;
  reachedInternally(hostname: string): boolean;
}

export function createOriginMemory(maxHosts = MAX_REMEMBERED_HOSTS): OriginMemory {
  const internal = new Map<string, boolean>();
  return {
    note(hostname, resolved) {
      internal.delete(hostname);
      internal.set(
        hostname,
        resolved.some(({ address }) => internalRangeOf(address) !== null),
      );
      const oldest = internal.keys().next();
      if (internal.size > maxHosts && !oldest.done) internal.delete(oldest.value);
    },
    // Node connects to an IP written in the URL without any lookup: an internal literal is internal by itself.
    reachedInternally: (hostname) => literalRefusal(hostname) !== null || internal.get(hostname) === true,
  };
}

export interface DestinationRouter {
  /**
   * The connection pool that may carry a request to `hop`: unchecked for FETCH_ALLOW_HOSTS and for
   * `trustedOrigin` (for content found there, only when the operator's fetch of that host reached an internal
   * address), checked at connect time otherwise. Throws an AddressRefusal for an internal IP written in the URL.
   */
  dispatcherFor(hop: URL, trustedOrigin: string, fromContent: boolean): Dispatcher;
}

export interface DestinationRouterOptions {
  readonly resolver?: Resolver | undefined;
  /** FETCH_ALLOW_HOSTS entries (see parseAllowedHost). */
  readonly allowHosts?: readonly string[] | undefined;
  readonly origins?: OriginMemory | undefined;
}

export function createDestinationRouter(options: DestinationRouterOptions = {}): DestinationRouter {
  const resolver = options.resolver ?? systemResolver;
  const allowed = (options.allowHosts ?? []).map((entry) => {
    const parsed = parseAllowedHost(entry);
    if (!parsed) throw new Error(`FETCH_ALLOW_HOSTS: ${JSON.stringify(entry)} is not a host or host:port`);
    return parsed;
  });
  // Two pools, never shared: a connection opened unchecked for a trusted origin must not be reused by a request
  // that should have been checked (undici pools by origin, and an idle connection is reused without a lookup).
  const origins = options.origins ?? createOriginMemory();
  const open = new Agent({ connect: { lookup: guardedLookup(resolver, false, origins.note) } });
  const checked = new Agent({ connect: { lookup: guardedLookup(resolver, true) } });
  return {
    dispatcherFor(hop, trustedOrigin, fromContent) {
      if (isAllowedHost(hop, allowed)) return open;
      const trusted = hop.origin === trustedOrigin;
      if (trusted && (!fromContent || origins.reachedInternally(hop.hostname))) return open;
      const refusal = literalRefusal(hop.hostname);
      if (refusal) throw refusal;
      return checked;
    },
  };
}
