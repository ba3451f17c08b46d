import Keyv from 'keyv';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { openArticleStore } from '../../src/articles/store.ts';
import { runIngest } from '../../src/cli/ingest.ts';
import type { IngestCliDeps } from '../../src/cli/ingest-deps.ts';
import { ConfigError, parseConfig } from '../../src/core/config.ts';
import { silentLogger } from '../../src/core/log.ts';
import { pollFeed } from '../../src/ingest/feeds/poller.ts';
import { feedStatus, formatFeedStatus, ingestSource, startIngestion } from '../../src/ingest/sources.ts';
import { openKeyv } from '../../src/store/keyv.ts';
import { type FixtureServer, serveFixture, startFixtureServer } from './feeds/fixture-server.ts';
import { feed, type Harness, openHarness } from './feeds/harness.ts';
import { type InternalService, startInternalService } from './feeds/internal-service.ts';

/** The operator's side of the address guard: what is fetched as given, what is recorded, what config accepts. */

let site: FixtureServer;
let internal: InternalService;
let harness: Harness;

beforeEach(async () => {
  site = await startFixtureServer();
  internal = await startInternalService();
  harness = await openHarness();
});
afterEach(async () => {
  await harness.close();
  await Promise.all([site.close(), internal.close()]);
});

const internalLink = () => `http://localhost:${internal.port}/admin`;

/** A JSON Feed with one item; `long` gives it full text, so no page is fetched. */
function serveOneItem(link: string, long: boolean): string {
  const text = long ? 'The council approved the new tram line after a long debate. '.repeat(10) : 'Teaser.';
  site.route('/feed.json', (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/feed+json' });
    const item = { id: 'tram-1', url: link, title: 'Tram line approved', content_text: text };
    response.end(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'A', items: [item] }));
  });
  return site.url('/feed.json');
}

describe('operator-given URLs', () => {
  it('GIVEN an internal URL named on the command line THEN it is fetched as given', async () => {
    const feedState = await openKeyv(harness.url, { namespace: 'feeds', pool: harness.pool });
    const result = await ingestSource(internalLink(), { store: harness.store, feedState });
    expect(result).toMatchObject({ kind: 'article', new: 1, failed: [] });
    expect(internal.requests).toEqual(['/admin']);
  });

  it('GIVEN an operator URL that redirects to another internal origin THEN that redirect is refused', async () => {
    site.route(
      '/moved',
      (_request, response) => void response.writeHead(301, { location: internalLink() }).end(),
    );
    const feedState = await openKeyv(harness.url, { namespace: 'feeds', pool: harness.pool });
    const result = await ingestSource(site.url('/moved'), { store: harness.store, feedState });
    expect(result.failed[0]?.reason).toContain(`refused (redirected to "${internalLink()}")`);
    expect(internal.connections()).toBe(0);
  });
});

describe('a refused item is recorded, and nothing stored before is lost', () => {
  it('GIVEN a stored item whose link later points inside THEN the old article stays and --status names the refusal', async () => {
    const definition = feed(serveOneItem(site.url('/news/tram'), true));
    await pollFeed(definition, harness.deps);
    const [stored] = harness.store.upserted;
    serveOneItem(internalLink(), false); // same GUID, now a teaser linking to the internal service
    harness.advance(60 * 60_000);
    const second = await pollFeed(definition, harness.deps);
    expect(second.counts).toMatchObject({ failed: 1, updated: 0 });
    expect(harness.store.upserted).toHaveLength(1);
    expect((await harness.store.get(stored?.id ?? ''))?.paragraphs).toEqual(stored?.paragraphs);
    expect(internal.connections()).toBe(0);

    const feedStateKeyv = await openKeyv(harness.url, { namespace: 'feeds', pool: harness.pool });
    const rows = await feedStatus({ feedState: feedStateKeyv, feeds: [definition], now: harness.deps.now });
    expect(rows[0]).toMatchObject({ health: 'ok', itemFailureCount: 1 });
    const text = formatFeedStatus(rows);
    expect(text).toContain('1 item(s) not read at the last poll');
    expect(text).toContain('localhost resolves to 127.0.0.1, a loopback address');
    expect(text).toContain(`add localhost:${internal.port} to FETCH_ALLOW_HOSTS`);
  });
});

async function runCli(argv: string[], env: Record<string, string>) {
  const output = { stdout: '', stderr: '' };
  const sink = (name: keyof typeof output) => ({
    isTTY: false,
    write: (chunk: string) => {
      output[name] += chunk;
      return true;
    },
  });
  const deps: IngestCliDeps = {
    stdout: sink('stdout'),
    stderr: sink('stderr'),
    openStore: () => openArticleStore({ url: 'memory://' }),
    openFeedState: async () => new Keyv(),
    openLeases: async () => new Keyv(),
    now: () => Date.now(),
  };
  const code = await runIngest(argv, parseConfig({ STORE_URL: 'memory://', ...env }), silentLogger, deps);
  return { code, ...output };
}

describe('ingest command with FETCH_ALLOW_HOSTS and FETCH_CONTACT', () => {
  it('GIVEN a feed linking inside THEN the summary names the refusal; WITH the host allowed THEN it is imported', async () => {
    const feedUrl = serveOneItem(internalLink(), false);
    const refused = await runCli([feedUrl], {});
    expect(refused.stdout).toBe('0 new, 0 updated, 0 unchanged, 1 failed\n');
    expect(refused.stderr).toContain('localhost resolves to 127.0.0.1');
    expect(internal.connections()).toBe(0);
    const allowed = await runCli([feedUrl], { FETCH_ALLOW_HOSTS: `localhost:${internal.port}` });
    expect(allowed.stdout).toBe('1 new, 0 updated, 0 unchanged, 0 failed\n');
    expect(internal.requests).toEqual(['/admin']);
  });

  it('GIVEN FETCH_CONTACT as an e-mail THEN the feed and the page requests name newsdesk, its version and it', async () => {
    site.route('/news/grain', serveFixture(site, 'pages/grain-exports.html', 'text/html; charset=utf-8'));
    await runCli([serveOneItem(site.url('/news/grain'), false)], { FETCH_CONTACT: 'desk@news.example' });
    const agents = site.requests.map((request) => request.headers['user-agent']);
    expect(agents).toEqual([
      `newsdesk/${packageJson.version} (+mailto:desk@news.example)`,
      `newsdesk/${packageJson.version} (+mailto:desk@news.example)`,
    ]);
  });

  it('GIVEN a malformed FETCH_CONTACT or FETCH_ALLOW_HOSTS THEN config refuses to start and says what it expects', () => {
    const problems = (env: Record<string, string>) => {
      try {
        parseConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ FETCH_CONTACT: 'call the desk' })[0]).toMatch(
      /^FETCH_CONTACT: expected an e-mail address or/,
    );
    expect(problems({ FETCH_ALLOW_HOSTS: 'wiki.corp.example,https://x.example/' })[0]).toMatch(
      /^FETCH_ALLOW_HOSTS: "https:\/\/x.example\/" is not a host or host:port/,
    );
    expect(() => parseConfig({ FETCH_CONTACT: 'https://news.example/bot' })).not.toThrow(ConfigError);
  });

  it('GIVEN feeds to poll and no FETCH_CONTACT THEN the bot warns at start that publishers cannot reach the operator', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const feedState = await openKeyv(harness.url, { namespace: 'feeds', pool: harness.pool });
    const settings = (contact: string | undefined) => ({ allowHosts: [], contact });
    const feeds = [feed(serveOneItem(site.url('/news/tram'), true))];
    for (const contact of [undefined, 'mailto:desk@news.example']) {
      const ingestion = startIngestion({
        store: harness.store,
        feedState,
        feeds,
        logger,
        fetching: settings(contact),
      });
      await ingestion.stop();
    }
    const warnings = lines
      .map((line) => JSON.parse(line).msg as string)
      .filter((msg) => msg.includes('FETCH_CONTACT'));
    expect(warnings).toEqual([
      'FETCH_CONTACT is not set: feed publishers see "newsdesk" but no way to reach you',
    ]);
  });
});
