/**
 * Which URLs a source speaks for. A feed or page is trusted for its own site only: the same host, or a host one
 * is a subdomain of (www. ignored), on the same port. Anything else it links to belongs to someone else.
 */

/** "www.news.example" and "news.example" are one site; the port stays part of it (two servers, two owners). */
function siteOf(url: URL): { host: string; port: string } {
  return { host: url.hostname.toLowerCase().replace(/^www\./, ''), port: url.port };
}

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** One host is the other or a subdomain of it. Without a public-suffix list, "a.github.io" is "github.io"'s. */
function isHostFamily(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/** A page's rel=canonical is believed only when it names the page's own site (its host, a parent or a child). */
export function isSameSite(link: string, base: string): boolean {
  const [a, b] = [parse(link), parse(base)];
  if (!a || !b) return false;
  const [siteA, siteB] = [siteOf(a), siteOf(b)];
  return siteA.port === siteB.port && isHostFamily(siteA.host, siteB.host);
}

/**
 * A feed speaks for a link on its own site or on a host the operator listed for it ("hosts" in NEWS_FEEDS_FILE,
 * for a feed served from feeds.example while its stories live on www.example).
 */
export function isOwnLink(link: string, feedUrl: string, hosts: readonly string[] = []): boolean {
  if (isSameSite(link, feedUrl)) return true;
  const url = parse(link);
  if (!url) return false;
  const host = url.host.toLowerCase();
  return hosts.some((listed) => listed.toLowerCase() === host || listed.toLowerCase() === url.hostname);
}
