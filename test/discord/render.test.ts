import { MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  DISCORD_LIMITS,
  embedCharacterCount,
  ephemeral,
  LIVE_TAIL_CHARS,
  type RenderedMessage,
  renderLive,
  renderNotice,
  renderReply,
} from '../../src/discord/render.ts';
import { completedReply, DISCLAIMER, longProse, storedArticle } from './support/replies.ts';

function expectWithinLimits(message: RenderedMessage): void {
  expect(message.allowedMentions).toEqual({ parse: [] });
  expect((message.content ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.contentChars);
  expect(message.embeds.length).toBeLessThanOrEqual(10);
  for (const embed of message.embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitleChars);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescriptionChars);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedFooterChars);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFieldNameChars);
      expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFieldValueChars);
    }
    expect(embedCharacterCount(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotalChars);
  }
}

describe('renderReply', () => {
  it('GIVEN a model answer THEN one embed: linked title, answer, quotes, disclaimer footer, no pings', () => {
    const [message, ...rest] = renderReply(completedReply(), 'en-US');
    expect(rest).toEqual([]);
    expect(message?.content).toBeUndefined();
    const embed = message?.embeds[0];
    expect(embed?.title).toBe('Harbor City council approves tram line');
    expect(embed?.url).toBe('https://news.example/tram');
    expect(embed?.description).toBe('The council approved the tram line by 31 votes to 12.');
    expect(embed?.fields).toEqual([
      { name: 'From the article', value: '> Councillors voted 31 to 12 in favour.' },
    ]);
    expect(embed?.footer?.text).toBe(DISCLAIMER);
    expectWithinLimits(message as RenderedMessage);
  });

  it('GIVEN an article without a usable URL THEN the title is not linked', () => {
    for (const url of [null, 'javascript:alert(1)', 'not a url']) {
      const [message] = renderReply(completedReply({ article: { url } }), 'en');
      expect(message?.embeds[0]?.url).toBeUndefined();
    }
  });

  it('GIVEN the extractive provider served THEN the reply is labelled as an offline answer', () => {
    const [message] = renderReply(completedReply({ result: { provider: 'extractive' } }), 'en');
    expect(message?.content).toMatch(/offline answer/i);
  });

  it('GIVEN German as the locale THEN fixed labels are German and the quotes stay as written', () => {
    const [message] = renderReply(completedReply({ result: { provider: 'extractive' } }), 'de');
    expect(message?.content).toMatch(/Offline-Antwort/);
    expect(message?.embeds[0]?.fields?.[0]).toEqual({
      name: 'Aus dem Artikel',
      value: '> Councillors voted 31 to 12 in favour.',
    });
  });

  it('GIVEN an unknown locale THEN falls back to English labels', () => {
    const [message] = renderReply(completedReply({ result: { provider: 'extractive' } }), 'xx-YY');
    expect(message?.content).toMatch(/Offline answer/);
  });

  it('GIVEN the article was picked as the best match THEN the reply names it', () => {
    const [message] = renderReply(completedReply({ pickedBy: 'best-match' }), 'en');
    expect(message?.content).toMatch(
      /best-matching article: \*\*Harbor City council approves tram line\*\* \(<t:\d+:D>\)/,
    );
  });

  it('GIVEN the latest article was used THEN the reply names it', () => {
    const [message] = renderReply(completedReply({ pickedBy: 'latest' }), 'en');
    expect(message?.content).toMatch(/latest article: \*\*Harbor City council approves tram line\*\*/);
  });

  it('GIVEN a budget notice THEN the reply says when the budget resets', () => {
    const result = {
      provider: 'extractive' as const,
      budgetNotice: { resetsAt: '2026-12-01T23:00:00.000Z', zone: 'Europe/Berlin' },
    };
    const [message] = renderReply(completedReply({ result }), 'en');
    expect(message?.content).toMatch(/resets at midnight \(Europe\/Berlin\), <t:1796166000:R>/);
  });

  it('GIVEN an answer of 5,000 characters THEN two parts within limits, disclaimer only on the last', () => {
    const text = longProse(5_000);
    const parts = renderReply(completedReply({ result: { text } }), 'en');
    expect(parts).toHaveLength(2);
    for (const part of parts) expectWithinLimits(part);
    expect(parts[0]?.embeds[0]?.footer?.text).toBe('Continued below (1/2)');
    expect(parts[0]?.embeds[0]?.fields).toBeUndefined();
    expect(parts[1]?.embeds[0]?.footer?.text).toBe(DISCLAIMER);
    expect(parts[1]?.embeds[0]?.fields?.[0]?.name).toBe('From the article');
    expect(parts[1]?.embeds[0]?.title).toBeUndefined();
    const joined = parts.map((part) => part.embeds[0]?.description).join(' ');
    expect(joined.replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
    expect(parts[0]?.embeds[0]?.description).toMatch(/\.$/);
  });

  it('GIVEN every text at its maximum THEN the last part still fits 6,000 characters', () => {
    const citations = Array.from({ length: 12 }, (_, n) => ({
      quote: `${n} ${'quoted words '.repeat(40)}`,
      paragraph: 0,
    }));
    const reply = completedReply({
      article: { title: 'T'.repeat(400) },
      disclaimer: 'D '.repeat(1_500),
      result: { text: longProse(4_090), citations },
    });
    const parts = renderReply(reply, 'en');
    for (const part of parts) expectWithinLimits(part);
    expect(parts.at(-1)?.embeds[0]?.footer?.text).toMatch(/^D D/);
  });

  it('GIVEN a runaway answer THEN at most five parts and the cut is marked', () => {
    const parts = renderReply(completedReply({ result: { text: longProse(40_000) } }), 'en');
    expect(parts).toHaveLength(5);
    for (const part of parts) expectWithinLimits(part);
    expect(parts[4]?.embeds[0]?.description).toMatch(/shortened to fit Discord/);
  });

  it('GIVEN repeated and very long citations THEN quotes are deduplicated and shortened', () => {
    const quote = 'Councillors voted 31 to 12 in favour.';
    const long = `${'a long sentence '.repeat(50)}end.`;
    const result = {
      citations: [
        { quote, paragraph: 1 },
        { quote, paragraph: 1 },
        { quote: long, paragraph: 0 },
      ],
    };
    const field = renderReply(completedReply({ result }), 'en')[0]?.embeds[0]?.fields?.[0];
    const lines = field?.value.split('\n') ?? [];
    expect(lines).toHaveLength(2);
    expect(lines[1]?.length).toBeLessThanOrEqual(302);
    expect(lines[1]?.endsWith('…')).toBe(true);
  });

  it('GIVEN no citations THEN no quotes field', () => {
    const [message] = renderReply(completedReply({ result: { citations: [], answered: false } }), 'en');
    expect(message?.embeds[0]?.fields).toBeUndefined();
    expect(message?.embeds[0]?.footer?.text).toBe(DISCLAIMER);
  });

  it('GIVEN an article title carrying @everyone THEN the note cannot read as a ping', () => {
    const reply = completedReply({
      pickedBy: 'best-match',
      article: { title: '@everyone the library is closed' },
    });
    const [message] = renderReply(reply, 'en');
    expect(message?.content).not.toMatch(/@everyone/);
    expect(message?.allowedMentions).toEqual({ parse: [] });
  });
});

describe('renderNotice', () => {
  it('GIVEN a long notice THEN plain content within 2,000, ephemeral on request', () => {
    const notice = ephemeral(renderNotice('x'.repeat(3_000)));
    expect(notice.content?.length).toBe(2_000);
    expect(notice.flags).toBe(MessageFlags.Ephemeral);
    expect(notice.allowedMentions).toEqual({ parse: [] });
  });
});

describe('renderLive', () => {
  const head = { article: storedArticle(), pickedBy: 'id' as const };

  it('GIVEN text so far THEN the heading, the text and a writing marker instead of quotes and disclaimer', () => {
    const message = renderLive(head, 'The council approved', 'en');
    expect(message.content).toBe('');
    expect(message.embeds[0]).toMatchObject({
      title: 'Harbor City council approves tram line',
      url: 'https://news.example/tram',
      description: 'The council approved',
      footer: { text: '✍️ Writing…' },
    });
    expect(message.embeds[0]?.fields).toBeUndefined();
    expectWithinLimits(message);
  });

  it('GIVEN a long stream THEN only its latest words, within limits, never a broken emoji', () => {
    for (const lead of ['', 'x']) {
      const text = `${longProse(3_000)} ${lead}${'🚋'.repeat(1_000)}`;
      const message = renderLive(head, text, 'en');
      const description = message.embeds[0]?.description ?? '';
      expect(description.length).toBeLessThanOrEqual(LIVE_TAIL_CHARS);
      expect(description.startsWith('…')).toBe(true);
      expect(description).not.toMatch(
        /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
      );
      expectWithinLimits(message);
    }
  });

  it('GIVEN a German reader and a best-match article THEN the marker and the note are German', () => {
    const message = renderLive({ ...head, pickedBy: 'best-match' }, 'Der Rat', 'de');
    expect(message.content).toMatch(/^Beantwortet aus dem passendsten Artikel/);
    expect(message.embeds[0]?.footer?.text).toBe('✍️ Schreibt…');
  });
});

describe('offline labels', () => {
  it('GIVEN an answer served offline because the budget ran out THEN the label says so', () => {
    const result = { provider: 'extractive' as const, fallbackReason: 'over-budget' as const };
    const [message] = renderReply(completedReply({ result }), 'en');
    expect(message?.content).toMatch(/AI budget for today is used up/);
  });
});
