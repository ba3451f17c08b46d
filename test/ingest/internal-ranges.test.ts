import { describe, expect, it } from 'vitest';
import { internalRangeOf } from '../../src/ingest/internal-ranges.ts';

describe('internal address ranges', () => {
  it('GIVEN public addresses THEN none is called internal; GIVEN their internal neighbours THEN each is', () => {
    for (const address of [
      '93.184.216.34',
      '100.128.0.1',
      '172.32.0.1',
      '2606:4700::1111',
      '64:ff9b::5db8:d822',
    ])
      expect(internalRangeOf(address), address).toBeNull();
    expect(internalRangeOf('100.127.255.255')).toBe('carrier-grade NAT (100.64/10)');
    expect(internalRangeOf('172.31.255.255')).toBe('private (RFC 1918)');
    expect(internalRangeOf('::ffff:7f00:1')).toBe('loopback');
    expect(internalRangeOf('[::1]')).toBe('loopback');
    expect(internalRangeOf('::')).toBe('unspecified ("this host")');
    expect(internalRangeOf('ff02::1')).toBe('multicast');
    expect(internalRangeOf('255.255.255.255')).toBe('reserved or broadcast');
  });
});
