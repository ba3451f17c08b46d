import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { AddressRefusal, guardedLookup, type Resolver } from '../../src/ingest/address-guard.ts';
import { internalRangeOf } from '../../src/ingest/internal-ranges.ts';

/** What a socket's lookup hands back: the error, or the addresses the socket will connect to. */
function lookUp(resolver: Resolver, hostname: string, all: boolean) {
  return new Promise<{ error: Error | null; addresses: string[] }>((resolve) => {
    guardedLookup(resolver, true)(hostname, { all }, (error, address) => {
      const list = Array.isArray(address) ? address.map((entry: LookupAddress) => entry.address) : [address];
      resolve({ error, addresses: error ? [] : list });
    });
  });
}

describe('address guard', () => {
  it('GIVEN answers that carry an internal IPv4 address to a translator or tunnel THEN each is refused by that address', async () => {
    const carriers: Record<string, string> = {
      '::ffff:0:7f00:1': 'loopback', // IPv4-translated (SIIT)
      '0:0:0:0:ffff:0:a00:5': 'private (RFC 1918)',
      '2002:7f00:1::': 'loopback', // 6to4
      '2002:a9fe:a9fe::1': 'link-local', // 6to4 to 169.254.169.254, the cloud metadata service
      '64:ff9b:1::a00:5': 'local-use NAT64 (64:ff9b:1::/48)',
      '198.18.0.7': 'benchmarking (198.18/15), used by fake-IP DNS proxies',
      '192.0.0.170': 'IETF protocol assignments (192.0.0/24)',
    };
    for (const [address, range] of Object.entries(carriers)) {
      expect(internalRangeOf(address), address).toBe(range);
      const resolver: Resolver = async () => [{ address, family: address.includes(':') ? 6 : 4 }];
      const { error, addresses } = await lookUp(resolver, 'carrier.test', true);
      expect(error?.message, address).toBe(`carrier.test resolves to ${address}, a ${range} address`);
      expect(addresses).toEqual([]);
    }
    // Their public neighbours still connect: a 6to4 address of a public IPv4 host, public SIIT.
    for (const address of ['2002:5db8:d822::1', '::ffff:0:5db8:d822', '198.20.0.1'])
      expect(internalRangeOf(address), address).toBeNull();
  });

  it('GIVEN a checked lookup with a public answer THEN the socket gets exactly the address that was checked', async () => {
    let lookups = 0;
    const resolver: Resolver = async () => {
      lookups++;
      return [{ address: '203.0.113.7', family: 4 }];
    };
    expect(await lookUp(resolver, 'news.test', true)).toEqual({ error: null, addresses: ['203.0.113.7'] });
    expect(await lookUp(resolver, 'news.test', false)).toEqual({ error: null, addresses: ['203.0.113.7'] });
    expect(lookups).toBe(2); // once per connection, never twice for one
  });

  it('GIVEN a name with one public and one internal answer THEN the socket gets neither', async () => {
    const resolver: Resolver = async () => [
      { address: '203.0.113.7', family: 4 },
      { address: '10.0.0.8', family: 4 },
    ];
    const { error, addresses } = await lookUp(resolver, 'mixed.test', true);
    expect(error).toBeInstanceOf(AddressRefusal);
    expect(error?.message).toBe('mixed.test resolves to 10.0.0.8, a private (RFC 1918) address');
    expect(addresses).toEqual([]);
  });
});
