/**
 * The feeds of the ingest-during-traffic scenarios, each the one feed NEWS_FEEDS names, held back until
 * `release()` so its ingest starts when the measured traffic does. `hostile-sources`: teaser items linking to pages
 * built to exhaust the extractor, items whose own text is one huge paragraph, and links to a second local server
 * standing for an internal service on the bot's network. `first-poll`: a big site's 10,000 ordinary full-text
 * items (issue 17 point 4).
 */
import { type FixtureServer, startFixtureServer } from '../../test/ingest/feeds/fixture-server.ts';
import {
  deeplyNestedPage,
  type FeedEntry,
  hugeParagraph,
  hugeParagraphPage,
  manyElementsPage,
  teaserFeed,
} from '../../test/support/hostile-sources.ts';

/** A word no stored article uses: if it is ever searchable, the internal page's text was stored. */
export const INTERNAL_MARKER = 'quartermasterzebra';
/** The fetcher gives up on a response after 15 s: the feed is released before that whatever happens. */
const MAX_HOLD_MS = 10_000;

const PAGE_KINDS: ReadonlyArray<readonly [name: string, copies: number, build: () => string]> = [
  ['nested-2000', 6, () => deeplyNestedPage(2_000)],
  ['nested-100000', 3, () => deeplyNestedPage(100_000)],
  ['crowded', 3, () => manyElementsPage(20_000)],
  ['endless', 3, () => hugeParagraphPage(4_800_000)],
];
const INTERNAL_LINKS = 3;
const FEED_TEXT_ITEMS = 2;
const FEED_TEXT_CHARS = 1_000_000;

export interface HeldFeed {
  readonly feedUrl: string;
  readonly items: number;
  /** Requests the internal service received (any > 0: a feed link reached it). */
  internalRequests(): number;
  /** Lets the held feed response go out; returns the moment it did (epoch ms). */
  release(): number;
  close(): Promise<void>;
}

function internalPage(): string {
  const secret = `Internal administration console. Service accounts and their ${INTERNAL_MARKER} keys are listed below. `;
  return `<!doctype html><html><body><article><h1>Admin</h1><p>${secret.repeat(8)}</p></article></body></html>`;
}

function hostileEntries(publisher: FixtureServer, internal: FixtureServer): FeedEntry[] {
  const list: FeedEntry[] = [];
  for (const [name, copies, build] of PAGE_KINDS) {
    const html = build();
    publisher.route(`/${name}`, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    });
    for (let copy = 0; copy < copies; copy++)
      list.push({ title: `${name} ${copy}`, link: publisher.url(`/${name}?copy=${copy}`) });
  }
  for (let index = 0; index < INTERNAL_LINKS; index++)
    list.push({ title: `Internal ${index}`, link: internal.url(`/admin?n=${index}`) });
  for (let index = 0; index < FEED_TEXT_ITEMS; index++) {
    const text = hugeParagraph(FEED_TEXT_CHARS);
    list.push({ title: `Feed text ${index}`, link: publisher.url(`/feed-text/${index}`), description: text });
  }
  return list;
}

/** Ordinary full-text items, as a big site's first poll brings them: three HTML paragraphs each (escaped in RSS). */
function bulkEntries(publisher: FixtureServer, count: number): FeedEntry[] {
  return Array.from({ length: count }, (_, index) => {
    const paragraphs = [0, 1, 2].map(
      (part) => `&lt;p&gt;${hugeParagraph(220).replace(/item \d+/g, `story ${index}.${part}`)}&lt;/p&gt;`,
    );
    return {
      title: `Bulk story ${index}`,
      link: publisher.url(`/bulk/${index}`),
      description: paragraphs.join(''),
    };
  });
}

/** A feed held back until release() (or MAX_HOLD_MS), and an internal service beside it. */
async function startHeldFeed(
  build: (publisher: FixtureServer, internal: FixtureServer) => FeedEntry[],
): Promise<HeldFeed> {
  const publisher = await startFixtureServer();
  const internal = await startFixtureServer();
  internal.route('/admin', (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' }).end(internalPage());
  });
  const list = build(publisher, internal);
  const feed = teaserFeed('Held Gazette', list);
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  publisher.route('/feed.xml', async (_request, response) => {
    await Promise.race([gate, new Promise((resolve) => setTimeout(resolve, MAX_HOLD_MS))]);
    response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed);
  });
  return {
    feedUrl: publisher.url('/feed.xml'),
    items: list.length,
    internalRequests: () => internal.requests.length,
    release() {
      open();
      return performance.timeOrigin + performance.now();
    },
    close: async () => {
      await Promise.all([publisher.close(), internal.close()]);
    },
  };
}

export const startHostileFeed = () => startHeldFeed(hostileEntries);
export const startBulkFeed = (count: number) => startHeldFeed((publisher) => bulkEntries(publisher, count));
