import { describe, expect, it } from 'vitest';
import type { DigestConfig } from '../../../src/digest/types.ts';
import { parseDigestCustomId } from '../../../src/discord/digest/custom-ids.ts';
import {
  DIGEST_LIMITS,
  type DigestItem,
  type DigestMessage,
  renderDigest,
  renderEmptyDigest,
} from '../../../src/discord/digest/layout.ts';
import { embedCharacterCount } from '../../../src/discord/render.ts';
import { seenAsUser } from '../../support/discord-markdown.ts';

const config: DigestConfig = {
  guildId: '200000000000000002',
  channelId: '300000000000000003',
  time: '09:00',
  timeZone: 'Europe/Berlin',
  items: 10,
  announceEmpty: false,
  language: 'en',
  since: '2026-01-01T00:00:00.000Z',
};
const NOW = new Date('2026-03-29T07:00:00Z');
const SITE = 'Not all news on the site expresses the point of view of the site.';

function item(n: number, overrides: Partial<DigestItem> = {}): DigestItem {
  return {
    articleId: `article-${n}`,
    title: `Headline number ${n}`,
    url: `https://news.example/${n}`,
    publishedAt: '2026-03-29T05:00:00.000Z',
    summary: `Summary sentence of article ${n}. A second sentence.`,
    offline: false,
    disclaimer: SITE,
    ...overrides,
  };
}

function expectWithinLimits(messages: readonly DigestMessage[]) {
  for (const message of messages) {
    expect(message.content?.length ?? 0).toBeLessThanOrEqual(DIGEST_LIMITS.contentChars);
    expect(message.embeds.length).toBeLessThanOrEqual(10);
    expect(message.components.length).toBeLessThanOrEqual(DIGEST_LIMITS.actionRowsPerMessage);
    expect(message.embeds.reduce((sum, embed) => sum + embedCharacterCount(embed), 0)).toBeLessThanOrEqual(
      6000,
    );
    for (const embed of message.embeds) {
      expect(embed.title?.length ?? 0).toBeLessThanOrEqual(256);
      expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
      expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(2048);
    }
    for (const row of message.components)
      for (const button of row.components) {
        expect(button.custom_id.length).toBeLessThanOrEqual(100);
        expect(button.label?.length ?? 0).toBeLessThanOrEqual(80);
      }
  }
}

describe('digest layout', () => {
  it('GIVEN one source with a 3,000-character disclaimer before two others THEN the footer fits and names every source', () => {
    const hostile = `This page's notice. ${'Nothing here is the view of anyone at all. '.repeat(70)}`;
    const canal = 'Canal Gazette republishes this automatically.';
    const wire = 'Wire copy: the agency is responsible for its content.';
    const messages = renderDigest(
      [item(1, { disclaimer: hostile }), item(2, { disclaimer: canal }), item(3, { disclaimer: wire })],
      config,
      NOW,
    );
    expectWithinLimits(messages);
    const footer = messages.at(-1)?.embeds.at(-1)?.footer?.text ?? '';
    expect(footer).toContain(canal);
    expect(footer).toContain(wire);
    expect(footer).toMatch(/^This page's notice\./);
  });

  it('GIVEN 10 items THEN two messages of 5, a heading first, each item linked with its own two buttons', () => {
    const messages = renderDigest(
      Array.from({ length: 10 }, (_, i) => item(i + 1)),
      config,
      NOW,
    );
    expect(messages).toHaveLength(2);
    expect(messages[0]?.content).toMatch(/Daily digest.*Sunday, March 29, 2026.*10 new articles/);
    expect(messages[1]?.content).toBeUndefined();
    const embeds = messages.flatMap((m) => m.embeds);
    expect(embeds.map((e) => e.title)).toEqual(
      Array.from({ length: 10 }, (_, i) => `${i + 1}. Headline number ${i + 1}`),
    );
    expect(embeds[3]?.url).toBe('https://news.example/4');
    const ids = messages.flatMap((m) =>
      m.components.flatMap((row) => row.components.map((b) => b.custom_id)),
    );
    expect(ids.slice(0, 6)).toEqual([
      'article:summary:article-1',
      'article:ask:article-1',
      'thread:article:article-1',
      'article:summary:article-2',
      'article:ask:article-2',
      'thread:article:article-2',
    ]);
    expectWithinLimits(messages);
  });

  it('GIVEN several sources THEN the distinct disclaimers appear once, at the end only', () => {
    const items = [
      item(1),
      item(2, { disclaimer: 'Other source disclaimer.' }),
      item(3),
      item(4),
      item(5),
      item(6),
    ];
    const messages = renderDigest(items, config, NOW);
    const footers = messages.flatMap((m) => m.embeds.map((e) => e.footer?.text ?? null));
    expect(footers.filter(Boolean)).toEqual([`${SITE}\nOther source disclaimer.`]);
    expect(footers.at(-1)).toBe(`${SITE}\nOther source disclaimer.`);
  });

  it('GIVEN huge titles, summaries and disclaimers THEN every message still fits Discord’s limits', () => {
    const long = 'word '.repeat(2000);
    const items = Array.from({ length: 10 }, (_, i) =>
      item(i + 1, {
        title: long,
        summary: long,
        disclaimer: `${i} ${long}`,
        articleId: `${'a'.repeat(78)}${i}`,
      }),
    );
    const messages = renderDigest(items, config, NOW);
    expectWithinLimits(messages);
    expect(messages.flatMap((m) => m.embeds)).toHaveLength(10);
  });

  it('GIVEN an article without URL and an offline summary THEN the title is not linked and the item is labelled', () => {
    const [message] = renderDigest([item(1, { url: null, offline: true })], config, NOW);
    expect(message?.embeds[0]?.url).toBeUndefined();
    expect(message?.embeds[0]?.description).toMatch(/Offline extract/);
    expect(message?.content).toMatch(/offline extracts/);
  });

  it('GIVEN a summary that tries to ping THEN readers see the text, not a mention', () => {
    const summary = 'Hello @everyone and <@123456789012345678>.';
    const [message] = renderDigest([item(1, { summary })], config, NOW);
    const seen = seenAsUser(message?.embeds[0]?.description ?? '');
    expect(seen.markup).toEqual([]);
    expect(seen.text).toBe(summary);
  });

  it('GIVEN no new articles and the one-liner chosen THEN one short message without buttons', () => {
    expect(renderEmptyDigest()).toEqual([
      { content: expect.stringMatching(/No new articles/), embeds: [], components: [] },
    ]);
  });

  it('GIVEN a custom id THEN it parses back to the action and article, and foreign ids are ignored', () => {
    expect(parseDigestCustomId('digest:ask:abc_1-2')).toEqual({ action: 'ask', articleId: 'abc_1-2' });
    expect(parseDigestCustomId('digest:question:x')).toEqual({ action: 'question', articleId: 'x' });
    expect(parseDigestCustomId('digest:delete:x')).toBeNull();
    expect(parseDigestCustomId('digest:summary:')).toBeNull();
    expect(parseDigestCustomId('other:summary:x')).toBeNull();
  });
});
