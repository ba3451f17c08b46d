import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/articles/article.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { silentLogger } from '../../src/core/log.ts';
import { type ComposeDeps, composeDigest, digestWindow, leadSentences } from '../../src/digest/compose.ts';
import { type ComposedDigest, EMPTY_STATE } from '../../src/digest/types.ts';
import { digestMessages } from '../../src/discord/digest/layout.ts';
import { seenAsUser } from '../support/discord-markdown.ts';
import { countingModel, digestConfig, ingestFresh, testNewsroom } from './support.ts';

const NOW = new Date('2026-03-29T07:00:00Z');
const HOUR_MS = 3_600_000;

describe('digest compose', () => {
  let store: ArticleStore;
  beforeEach(async () => {
    store = await openArticleStore({ url: 'memory://' });
  });
  afterEach(async () => store.close());

  function deps(
    model = countingModel(),
  ): ComposeDeps & { calls: string[]; control: { down: boolean; uncited: boolean } } {
    const newsroom = testNewsroom(store, model.answerer);
    return { store, newsroom, sourceDisclaimer: 'Configured.', logger: silentLogger, ...model };
  }

  /** The composed digest as the Discord transport posts it. */
  const messagesOf = (composed: ComposedDigest) => digestMessages(composed, digestConfig(), NOW);
  const titles = (messages: ReturnType<typeof messagesOf>) =>
    messages.flatMap((m) => m.embeds.map((e) => e.title));

  it('GIVEN articles of the last day and older THEN only the last 24 h, newest first, at most N', async () => {
    const articles = await ingestFresh(store, NOW, [1, 30, 3, 2, 23, 5]);
    const composed = await composeDigest(deps(), digestConfig({ items: 3 }), EMPTY_STATE, NOW);
    expect(composed.articleIds).toHaveLength(3);
    expect(titles(messagesOf(composed))).toEqual([
      `1. ${articles[0]?.title}`,
      `2. ${articles[3]?.title}`,
      `3. ${articles[2]?.title}`,
    ]);
  });

  it('GIVEN a previous digest THEN articles since it, and late arrivals it did not post, are included', async () => {
    // Published 1 h, 4 h, 5.5 h (posted last time), 6 h (arrived late) and 8 h ago; the last digest was 5 h ago.
    const [recent, earlier, posted, late] = await ingestFresh(store, NOW, [1, 4, 5.5, 6, 8]);
    const lastPost = {
      at: '',
      windowEnd: new Date(NOW.getTime() - 5 * HOUR_MS).toISOString(),
      channelId: '',
      messageIds: [],
      articleIds: [posted?.id ?? ''],
    };
    const window = digestWindow({ lastPost }, NOW);
    expect(NOW.getTime() - window.from.getTime()).toBe(7 * HOUR_MS);
    const composed = await composeDigest(deps(), digestConfig(), { lastPost }, NOW);
    expect(composed.articleIds).toEqual([recent?.id, earlier?.id, late?.id]);
    expect(composed.windowEnd).toEqual(NOW);
  });

  it('GIVEN summaries already made THEN composing again makes no model call and gives the same messages', async () => {
    await ingestFresh(store, NOW, [1, 2, 3, 4, 5]);
    const d = deps();
    const first = await composeDigest(d, digestConfig(), EMPTY_STATE, NOW);
    expect(d.calls).toHaveLength(5);
    const second = await composeDigest(d, digestConfig(), EMPTY_STATE, NOW);
    expect(d.calls).toHaveLength(5);
    expect(messagesOf(second)).toEqual(messagesOf(first));
    const description = messagesOf(first)[0]?.embeds[0]?.description ?? '';
    expect(seenAsUser(description).text).toMatch(/^Model brief of [\w-]+\. It matters\.$/);
  });

  it('GIVEN the model down THEN each item is an extractive one-liner, labelled offline', async () => {
    await ingestFresh(store, NOW, [1, 2]);
    const d = deps();
    d.control.down = true;
    const composed = await composeDigest(d, digestConfig(), EMPTY_STATE, NOW);
    const [message] = messagesOf(composed);
    expect(message?.content).toMatch(/offline extracts/);
    for (const embed of message?.embeds ?? []) expect(embed.description).toMatch(/Offline extract/);
  });

  it('GIVEN the model returns summaries citing nothing THEN each item shows the article lead, labelled offline, never a withheld notice', async () => {
    const [article] = await ingestFresh(store, NOW, [1]);
    const d = deps();
    d.control.uncited = true;
    const composed = await composeDigest(d, digestConfig(), EMPTY_STATE, NOW);
    const [embed] = messagesOf(composed)[0]?.embeds ?? [];
    const firstWords = article?.paragraphs[0]?.split(' ').slice(0, 4).join(' ') ?? 'missing';
    expect(seenAsUser(embed?.description ?? '').text).toContain(firstWords);
    expect(embed?.description).toMatch(/Offline extract/);
    expect(embed?.description).not.toMatch(/Model brief|does not support/);
  });

  it('GIVEN nothing new THEN nothing to post, or the one-liner when the server chose it', async () => {
    await ingestFresh(store, NOW, [30]);
    expect(messagesOf(await composeDigest(deps(), digestConfig(), EMPTY_STATE, NOW))).toEqual([]);
    const announced = await composeDigest(deps(), digestConfig({ announceEmpty: true }), EMPTY_STATE, NOW);
    expect(messagesOf(announced)).toEqual([
      expect.objectContaining({ content: expect.stringMatching(/No new articles/) }),
    ]);
  });

  it('GIVEN a long summary THEN the item keeps its first one or two sentences', () => {
    expect(leadSentences('One. Two. Three.', 'en')).toBe('One. Two.');
    const first = `The council ${'voted again '.repeat(25).trim()}.`;
    expect(leadSentences(`${first} The mayor ${'spoke '.repeat(20).trim()}. Then.`, 'en')).toBe(first);
    expect(leadSentences('x'.repeat(1000), 'en')).toHaveLength(350);
  });
});
