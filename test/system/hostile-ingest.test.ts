import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSource } from '../../src/ingest/sources.ts';
import { type BotHarness, startHarness } from '../discord/support/harness.ts';
import { type FixtureServer, startFixtureServer } from '../ingest/feeds/fixture-server.ts';
import {
  deeplyNestedPage,
  type FeedEntry,
  hugeParagraphPage,
  manyElementsPage,
  teaserFeed,
} from '../support/hostile-sources.ts';

/** Discord's rule: an interaction not acknowledged within 3 s fails for the member. */
const ACK_LIMIT_MS = 3_000;
const INTERACTION_EVERY_MS = 150;
const MIN_INTERACTIONS = 20;

/** Each page kind a few times under different URLs: the ingest lasts long enough to overlap the traffic. */
const HOSTILE_PAGES: ReadonlyArray<readonly [string, () => string]> = [
  ['nested-2000', () => deeplyNestedPage(2_000)],
  ['nested-100000', () => deeplyNestedPage(100_000)],
  ['crowded', () => manyElementsPage(20_000)],
  ['endless', () => hugeParagraphPage(4_800_000)],
];
const COPIES = 3;

describe('the bot while a hostile feed is ingested in the same process', () => {
  let harness: BotHarness;
  let publisher: FixtureServer;

  beforeAll(async () => {
    harness = await startHarness({ logLevel: 'silent' });
    publisher = await startFixtureServer();
    const entries: FeedEntry[] = [];
    for (const [name, build] of HOSTILE_PAGES) {
      const html = build();
      publisher.route(`/${name}`, (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      });
      for (let copy = 0; copy < COPIES; copy++)
        entries.push({ title: `${name} ${copy}`, link: publisher.url(`/${name}?copy=${copy}`) });
    }
    publisher.route('/feed.xml', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(teaserFeed('Hostile', entries));
    });
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
    await publisher?.close();
  });

  it('GIVEN nested, crowded and endless pages being ingested THEN every interaction is acknowledged within 3 s and answered', async () => {
    const { discord, runtime } = harness;
    const feedState = await runtime.openKeyv('feeds');
    let ingesting = true;
    const ingest = ingestSource(publisher.url('/feed.xml'), { store: runtime.store, feedState }).finally(
      () => {
        ingesting = false;
      },
    );
    const interactions: Array<{ during: boolean; done: Promise<{ ackMs: number }> }> = [];
    for (let index = 0; ingesting || index < MIN_INTERACTIONS; index++) {
      const interaction =
        index % 2 === 0
          ? discord.command('summary', { article: '001_tram_line_vote' }, { userId: String(9_000 + index) })
          : discord.autocomplete('summary', { article: 'tram' }, 'article', {
              userId: String(9_000 + index),
            });
      interactions.push({
        during: ingesting,
        done: interaction.then(async (sent) => {
          const view = await sent.waitFor((v) => v.ackAt !== null && !v.thinking, 60_000);
          return { ackMs: (view.ackAt ?? Number.POSITIVE_INFINITY) - view.createdAt };
        }),
      });
      await new Promise((resolve) => setTimeout(resolve, INTERACTION_EVERY_MS));
    }
    const result = await ingest;
    const acks = await Promise.all(
      interactions.map(async ({ during, done }) => ({ during, ...(await done) })),
    );

    expect(result.failed.map((failure) => failure.reason).join('\n')).toContain('elements besides scripts');
    expect(result.new).toBe((HOSTILE_PAGES.length - 1) * COPIES);
    expect(acks.filter((ack) => ack.during).length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...acks.map((ack) => ack.ackMs))).toBeLessThan(ACK_LIMIT_MS);
  }, 180_000);
});
