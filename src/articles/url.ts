import { createHash } from 'node:crypto';

/** Query parameters that only track the click, never select the content. */
const TRACKING_PARAM = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|igshid)$/i;

/**
 * The canonical form of an article URL: absolute, http(s), no fragment, no tracking parameters. Host case and
 * default ports are normalised by URL itself. Returns null for anything that is not an http(s) URL.
 */
export function canonicalUrl(raw: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) {
    if (TRACKING_PARAM.test(name)) url.searchParams.delete(name);
  }
  if (url.search === '?') url.search = '';
  return url.toString();
}

export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value.trim()) && canonicalUrl(value) !== null;
}

/**
 * A stable article id for something that lives at a URL or under a feed GUID: 'u' + 15 hex characters of
 * SHA-256. It comes from where the article lives, never from its text, so every version keeps the same id.
 */
export function articleIdFromKey(key: string): string {
  return `u${createHash('sha256').update(key).digest('hex').slice(0, 15)}`;
}
