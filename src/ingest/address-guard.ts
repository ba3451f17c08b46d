import { promises as dns } from 'node:dns';
import { BlockList, isIP, type LookupFunction, SocketAddress } from 'node:net';
import { Agent, type Dispatcher } from 'undici';

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

/** Internal address space, by the name an operator reads in a refusal. First match names the address. */
const INTERNAL_RANGES: ReadonlyArray<readonly [label: string, network: string, prefix: number]> = [
  ['loopback', '127.0.0.0', 8],
  ['loopback', '::1', 128],
  ['unspecified ("this host")', '0.0.0.0', 8],
  ['unspecified ("this host")', '::', 128],
  ['private (RFC 1918)', '10.0.0.0', 8],
  ['private (RFC 1918)', '172.16.0.0', 12],
  ['private (RFC 1918)', '192.168.0.0', 16],
  ['carrier-grade NAT (100.64/10)', '100.64.0.0', 10],
  ['link-local', '169.254.0.0', 16],
  ['link-local', 'fe80::', 10],
  ['site-local (deprecated IPv6)', 'fec0::', 10],
  ['unique-local (IPv6 private)', 'fc00::', 7],
  ['multicast', '224.0.0.0', 4],
  ['multicast', 'ff00::', 8],
  ['reserved or broadcast', '240.0.0.0', 4],
  ['IETF protocol assignments (192.0.0/24)', '192.0.0.0', 24],
  ['benchmarking (198.18/15), used by fake-IP DNS proxies', '198.18.0.0', 15],
  ['local-use NAT64 (64:ff9b:1::/48)', '64:ff9b:1::', 48],
  ['IPv4-compatible IPv6 (deprecated)', '::', 96],
];

function blockListOf(ranges: typeof INTERNAL_RANGES): BlockList {
  const list = new BlockList();
  for (const [, network, prefix] of ranges)
    list.addSubnet(network, prefix, isIP(network) === 6 ? 'ipv6' : 'ipv4');
  return list;
}

/** Every range at once, for the common answer (public: one check); the labelled lists only name a refusal. */
const ALL_INTERNAL = blockListOf(INTERNAL_RANGES);
const LABELLED: ReadonlyArray<readonly [label: string, list: BlockList]> = INTERNAL_RANGES.map((range) => [
  range[0],
  blockListOf([range]),
]);

/** The eight 16-bit groups of an IPv6 address, however it is spelled (the URL parser writes it canonically). */
function ipv6Groups(address: string): number[] | null {
  const url = `http://[${address.split('%')[0]}]/`; // a zone (fe80::1%eth0) is no part of the address
  if (!URL.canParse(url)) return null;
  const canonical = new URL(url).hostname.slice(1, -1);
  const [head = '', tail] = canonical.split('::');
  const part = (text: string) => (text ? text.split(':').map((group) => Number.parseInt(group, 16)) : []);
  const front = part(head);
  const back = tail === undefined ? [] : part(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

const dotted = (high: number, low: number) => [high >> 8, high & 255, low >> 8, low & 255].join('.');

/**
 * The IPv4 address an IPv6 address carries to a translator or tunnel, judged instead of the IPv6 one: NAT64
 * (64:ff9b::/96, so DNS64 networks keep working), IPv4-translated (::ffff:0:0/96, SIIT) and 6to4 (2002::/16,
 * where 2002:7f00:1:: is 127.0.0.1's tunnel end). IPv4-mapped (::ffff:0:0/96 without the 0) BlockList judges itself.
 */
function embeddedIPv4(address: string): string | null {
  const groups = ipv6Groups(address);
  if (!groups) return null;
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups;
  if (g0 === 0x2002) return dotted(g1 ?? 0, g2 ?? 0);
  const zeroMiddle = g2 === 0 && g3 === 0;
  if (g0 === 0x64 && g1 === 0xff9b && zeroMiddle && g4 === 0 && g5 === 0) return dotted(g6, g7);
  if (g0 === 0 && g1 === 0 && zeroMiddle && g4 === 0xffff && g5 === 0) return dotted(g6, g7);
  return null;
}

/**
 * The internal range an IP address is in ("loopback", "private (RFC 1918)", …), or null for a public address.
 * IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is: BlockList does so itself.
 */
export function internalRangeOf(address: string): string | null {
  const bare = address.startsWith('[') ? address.slice(1, -1) : address;
  const family = isIP(bare);
  if (family === 0) return null;
  const carried = family === 6 ? embeddedIPv4(bare) : null;
  if (carried) return internalRangeOf(carried);
  // One SocketAddress for all checks: BlockList.check(string) parses the address again at every call.
  const socketAddress = new SocketAddress({ address: bare, family: family === 6 ? 'ipv6' : 'ipv4' });
  if (!ALL_INTERNAL.check(socketAddress)) return null;
  return LABELLED.find(([, list]) => list.check(socketAddress))?.[0] ?? null;
}

/** One FETCH_ALLOW_HOSTS entry: a host, and the port it is limited to (null: any port). */
export interface AllowedHost {
  /** As URL.hostname spells it: lowercase, IPv4 in dotted decimal, IPv6 in brackets. */
  readonly hostname: string;
  readonly port: number | null;
}

const ALLOW_ENTRY = /^(\[[0-9a-f:.]+\]|[^\s:/?#@[\]]+)(?::(\d{1,5}))?$/i;

/**
 * Parses "intranet.example", "intranet.example:8080", "10.0.0.5", "[fd00::5]:8443" or a bare "::1"; null when it
 * is none of these. The host goes through the URL parser, so "2130706433" and "127.1" mean 127.0.0.1, as in a URL.
 */
export function parseAllowedHost(entry: string): AllowedHost | null {
  const text = isIP(entry) === 6 ? `[${entry}]` : entry.trim();
  const match = ALLOW_ENTRY.exec(text);
  if (!match?.[1]) return null;
  const port = match[2] === undefined ? null : Number(match[2]);
  if (port !== null && (port < 1 || port > 65_535)) return null;
  if (!URL.canParse(`http://${match[1]}/`)) return null;
  return { hostname: new URL(`http://${match[1]}/`).hostname, port };
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };

export function isAllowedHost(url: URL, allowed: readonly AllowedHost[]): boolean {
  const port = url.port ? Number(url.port) : (DEFAULT_PORTS[url.protocol] ?? 0);
  return allowed.some((entry) => entry.hostname === url.hostname && (entry.port ?? port) === port);
}

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
  readonly resolver?: Resolver;
  /** FETCH_ALLOW_HOSTS entries (see parseAllowedHost). */
  readonly allowHosts?: readonly string[];
  readonly origins?: OriginMemory;
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
