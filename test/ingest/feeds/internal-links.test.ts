import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pollFeed } from '../../../src/ingest/feeds/poller.ts';
import type { PoliteFetcherOptions } from '../../../src/ingest/http.ts';
import { type FixtureServer, serveFixture, startFixtureServer } from './fixture-server.ts';
import { feed, type Harness, openHarness } from './harness.ts';
import { type InternalService, recordingResolver, startInternalService } from './internal-service.ts';

/**
 * The feed lives on server A (127.0.0.1:portA), the operator's configured origin. Server B, on another port, is
 * "an internal service": feed content must not reach it unless its host is in FETCH_ALLOW_HOSTS.
 */

let site: FixtureServer;
let internal: InternalService;
let harness: Harness | undefined;

beforeEach(async () => {
  site = await startFixtureServer();
  internal = await startInternalService();
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await Promise.all([site.close(), internal.close()]);
});

const SECRET_SENTENCE = 'Replication lag on shard seven is forty one seconds';

/** A JSON Feed whose items carry only a teaser, so newsdesk fetches each item's page. */
function serveFeed(links: readonly string[]): string {
  const items = links.map((url, index) => ({
    id: `item-${index}`,
    url,
    title: `Item ${index}`,
    content_text: 'A teaser line.',
  }));
  site.route('/feed.json', (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/feed+json' });
    response.end(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Site A', items }));
  });
  return site.url('/feed.json');
}

async function poll(links: readonly string[], fetcher: PoliteFetcherOptions = {}) {
  harness = await openHarness({ fetcher });
  const result = await pollFeed(feed(serveFeed(links)), harness.deps);
  const stored = harness.store.upserted.map((article) => article.paragraphs.join('\n'));
  return { result, stored };
}

/** Ways feed content can spell "the internal service", and the FETCH_ALLOW_HOSTS entry that allows each. */
const FORMS: ReadonlyArray<readonly [string, (port: number) => string, (port: number) => string]> = [
  ['a loopback IP on another port', (p) => `http://127.0.0.1:${p}/admin`, (p) => `127.0.0.1:${p}`],
  ['a name that resolves to loopback', (p) => `http://localhost:${p}/admin`, (p) => `localhost:${p}`],
  ['IPv6 loopback [::1]', (p) => `http://[::1]:${p}/admin`, (p) => `[::1]:${p}`],
  ['IPv4-mapped IPv6', (p) => `http://[::ffff:127.0.0.1]:${p}/admin`, (p) => `[::ffff:127.0.0.1]:${p}`],
  ['decimal IPv4', (p) => `http://2130706433:${p}/admin`, (p) => `127.0.0.1:${p}`],
  ['hexadecimal IPv4', (p) => `http://0x7f.0.0.1:${p}/admin`, (p) => `0x7f000001:${p}`],
  ['octal shorthand IPv4', (p) => `http://0177.1:${p}/admin`, (p) => `127.0.0.1:${p}`],
];

describe('links in feed content to an internal service', () => {
  it.each(FORMS)(
    'GIVEN an item linking to it as %s THEN the item fails with the reason and B is never connected to',
    async (_form, link) => {
      const { result, stored } = await poll([link(internal.port)]);
      expect(result.outcome).toBe('stored'); // the feed itself was fine
      expect(result.itemFailures).toHaveLength(1);
      expect(result.itemFailures[0]?.reason).toMatch(
        /refused: .* a loopback address\. newsdesk reaches internal addresses only at the origin you configured \(http:\/\/127\.0\.0\.1:\d+\) .*add .* to FETCH_ALLOW_HOSTS/,
      );
      expect(internal.connections()).toBe(0);
      expect(stored).toEqual([]);
    },
  );

  it.each(FORMS)(
    'GIVEN an item linking to it as %s AND its host:port in FETCH_ALLOW_HOSTS THEN it is fetched and stored',
    async (_form, link, allow) => {
      const { result, stored } = await poll([link(internal.port)], { allowHosts: [allow(internal.port)] });
      expect(result.itemFailures).toEqual([]);
      expect(internal.requests).toEqual(['/admin']);
      expect(stored[0]).toContain(SECRET_SENTENCE);
    },
  );

  it('GIVEN a same-origin link and an internal one in one feed THEN the first is stored and only the second fails', async () => {
    site.route('/story', serveFixture(site, 'pages/grain-exports.html', 'text/html; charset=utf-8'));
    const { result, stored } = await poll([site.url('/story'), `http://localhost:${internal.port}/admin`]);
    expect(result.counts).toMatchObject({ new: 1, failed: 1 });
    expect(result.itemFailures[0]?.reason).toContain(`localhost resolves to 127.0.0.1, a loopback address`);
    expect(stored[0]).toContain('Exports of wheat and barley rose sharply this season');
    expect(internal.connections()).toBe(0);
  });

  it('GIVEN the host without a port in FETCH_ALLOW_HOSTS THEN every port of it is allowed; with another port, not this one', async () => {
    const link = `http://127.0.0.1:${internal.port}/admin`;
    const otherPort = internal.port === 65_535 ? 1 : internal.port + 1;
    const narrow = await poll([link], { allowHosts: [`127.0.0.1:${otherPort}`] });
    expect(narrow.result.itemFailures[0]?.reason).toContain('127.0.0.1 is a loopback address');
    expect(internal.connections()).toBe(0);
    await harness?.close();
    const wide = await poll([link], { allowHosts: ['127.0.0.1'] });
    expect(wide.stored[0]).toContain(SECRET_SENTENCE);
  });
});

describe('redirects in feed content', () => {
  it('GIVEN a same-origin link that redirects to the internal service THEN the redirect is refused and B never connected to', async () => {
    site.route('/go', (_request, response) => {
      response.writeHead(302, { location: `http://127.0.0.1:${internal.port}/admin` }).end();
    });
    const { result, stored } = await poll([site.url('/go')]);
    expect(site.hits('/go')).toHaveLength(1);
    expect(result.itemFailures[0]?.reason).toContain(
      `[GET] "${site.url('/go')}": refused (redirected to "http://127.0.0.1:${internal.port}/admin"): 127.0.0.1 is a loopback address`,
    );
    expect(internal.connections()).toBe(0);
    expect(stored.join('\n')).not.toContain(SECRET_SENTENCE);
  });

  it('GIVEN a chain of redirects through allowed names THEN each hop resolves its name exactly once and connects to that answer', async () => {
    const resolver = recordingResolver({ 'one.test': '127.0.0.1', 'two.test': '127.0.0.1' });
    site.route('/hop', (_request, response) => {
      response.writeHead(301, { location: `http://two.test:${internal.port}/admin` }).end();
    });
    const { stored } = await poll([`http://one.test:${new URL(site.origin).port}/hop`], {
      resolver,
      allowHosts: ['one.test', `two.test:${internal.port}`],
    });
    // No real DNS knows these names: success means each socket used the answer that was checked.
    expect(resolver.asked).toEqual(['one.test', 'two.test']);
    expect(stored[0]).toContain(SECRET_SENTENCE);
  });

  it('GIVEN a hop to a name not allowed that resolves to loopback THEN it is resolved once, refused, and never connected', async () => {
    const resolver = recordingResolver({ 'one.test': '127.0.0.1', 'two.test': '127.0.0.1' });
    site.route('/hop', (_request, response) => {
      response.writeHead(307, { location: `http://two.test:${internal.port}/admin` }).end();
    });
    const { result } = await poll([`http://one.test:${new URL(site.origin).port}/hop`], {
      resolver,
      allowHosts: ['one.test'],
    });
    expect(resolver.asked).toEqual(['one.test', 'two.test']);
    expect(result.itemFailures[0]?.reason).toContain('two.test resolves to 127.0.0.1, a loopback address');
    expect(result.itemFailures[0]?.reason).toContain(`add two.test:${internal.port} to FETCH_ALLOW_HOSTS`);
    expect(internal.connections()).toBe(0);
  });
});

describe('names that resolve into internal space', () => {
  const ANSWERS: ReadonlyArray<readonly [string, string]> = [
    ['10.20.30.40', 'private (RFC 1918)'],
    ['172.20.1.1', 'private (RFC 1918)'],
    ['192.168.1.10', 'private (RFC 1918)'],
    ['100.64.7.7', 'carrier-grade NAT (100.64/10)'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fd12:3456::1', 'unique-local (IPv6 private)'],
    ['0.0.0.0', 'unspecified ("this host")'],
    ['239.1.2.3', 'multicast'],
    ['::ffff:10.0.0.1', 'private (RFC 1918)'],
    ['64:ff9b::7f00:1', 'loopback'],
  ];

  it.each(ANSWERS)(
    'GIVEN a public-looking name that resolves to %s THEN it is refused as %s before any connect',
    async (address, range) => {
      const resolver = recordingResolver({ 'news.test': address });
      const { result } = await poll(['http://news.test/story'], { resolver });
      expect(resolver.asked).toEqual(['news.test']);
      expect(result.itemFailures[0]?.reason).toContain(
        `news.test resolves to ${address}, a ${range} address`,
      );
    },
  );

  it('GIVEN a name whose second answer would differ THEN the one answer checked is the one connected to', async () => {
    let answers = 0;
    const resolver = Object.assign(
      async () => {
        answers++;
        if (answers > 1) throw new Error('asked a second time');
        return [{ address: '127.0.0.1', family: 4 as const }];
      },
      { asked: [] },
    );
    const { stored } = await poll([`http://rebind.test:${internal.port}/admin`], {
      resolver,
      allowHosts: [`rebind.test:${internal.port}`],
    });
    expect(answers).toBe(1);
    expect(stored[0]).toContain(SECRET_SENTENCE);
  });
});
