import { describe, expect, it } from 'vitest';
import { parseAllowedHost } from '../../src/core/allowed-host.ts';

describe('allowed hosts', () => {
  it('GIVEN FETCH_ALLOW_HOSTS entries THEN host alone means any port and IPs are read as a URL reads them', () => {
    expect(parseAllowedHost('Wiki.Corp.Example')).toEqual({ hostname: 'wiki.corp.example', port: null });
    expect(parseAllowedHost('10.0.0.5:8080')).toEqual({ hostname: '10.0.0.5', port: 8080 });
    expect(parseAllowedHost('0x0a000005:443')).toEqual({ hostname: '10.0.0.5', port: 443 });
    expect(parseAllowedHost('[FD00::5]:8443')).toEqual({ hostname: '[fd00::5]', port: 8443 });
    expect(parseAllowedHost('::1')).toEqual({ hostname: '[::1]', port: null });
    for (const bad of ['http://wiki.corp.example', 'wiki/path', 'host:0', 'host:70000', 'user@host', ''])
      expect(parseAllowedHost(bad), bad).toBeNull();
  });
});
