import { BlockList, isIP, SocketAddress } from 'node:net';

/**
 * Which IP addresses are internal (src/ingest/address-guard.ts refuses them for URLs from feed content), named as
 * an operator reads them in a refusal.
 */

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
