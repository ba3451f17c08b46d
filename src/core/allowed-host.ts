import { isIP } from 'node:net';

/**
 * FETCH_ALLOW_HOSTS entries and the feeds file's story hosts, as strings: config validates them at start, the
 * address guard (src/ingest/address-guard.ts) matches request hops against them.
 */

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
