import type { APIEmbed } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.ts';
import { contentHash } from '../../src/articles/identity.ts';
import { DISCORD_LIMITS, embedCharacterCount } from '../../src/discord/render.ts';
import { text } from '../fakes/anthropic.ts';
import type { UserView } from '../fakes/discord/index.ts';
import { seenAsUser } from '../support/discord-markdown.ts';
import { type BotHarness, startHarness } from './support/harness.ts';

/**
 * Article text, member questions and model answers are shown as written and never as Discord markup: what the
 * fake Discord recorded is read back with an independent Discord-Markdown parser, as a member's client would.
 */

const ARTICLE_URL = 'https://harbour-gazette.example/ferry-fares';
const HOSTILE_TITLE = '# Ferry fares ||frozen|| for [all riders](https://win.example/free)';
const HOSTILE_PARAGRAPHS = [
  'The ferry board froze fares for the winter season after a long meeting on Tuesday evening.',
  '> **Official:** [claim your refund](http://refunds.example/claim) before @everyone else, says <@123456789012345678> in <#223456789012345678>.',
  '```\nrm -rf the timetable\n``` and ~~old~~ __new__ fares, see https://timetable.example/winter or <https://hidden.example>.',
  '- first bullet that should stay a plain dash\n1. and a numbered line\n-# small print that should not shrink',
];
const WRITING = '✍️ Writing…';

function hostileArticle(): Article {
  return {
    id: 'ferry-fares',
    title: HOSTILE_TITLE,
    paragraphs: HOSTILE_PARAGRAPHS,
    category: 'Harbour news',
    disclaimer: 'The gazette republishes this automatically.',
    url: ARTICLE_URL,
    source: 'Harbour Gazette',
    language: 'en',
    publishedAt: '2026-11-29T10:00:00.000Z',
    hash: contentHash(HOSTILE_TITLE, HOSTILE_PARAGRAPHS),
  };
}

/** The bot's own markup in the quotes field: each quote is a block quote line. */
const quotedLines = (value: string) => value.split('\n').map((line) => line.replace(/^> /, ''));

/** Every text a member's client renders with Markdown in one message, less the bot's own quote marks. */
function renderedParts(message: { content: string; embeds: APIEmbed[] } | null | undefined): string[] {
  if (!message) return [];
  const embedParts = message.embeds.flatMap((embed) => [
    embed.title ?? '',
    embed.description ?? '',
    ...(embed.fields ?? []).flatMap((field) => [field.name, ...quotedLines(field.value)]),
  ]);
  return [message.content, ...embedParts].filter(Boolean);
}

const markupIn = (parts: readonly string[]) => parts.flatMap((part) => seenAsUser(part).markup);
const seenText = (part: string | undefined) => seenAsUser(part ?? '').text;
const squash = (value: string) => value.replace(/\s+/g, ' ').trim();
const finished = (view: UserView) =>
  !view.thinking && view.original !== null && view.original.embeds[0]?.footer?.text !== WRITING;

describe('escaping untrusted text in replies', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startHarness({ env: { STREAM_EDIT_INTERVAL_MS: '250' } });
    await h.runtime.store.upsert(hostileArticle());
  });
  afterEach(() => {
    h.anthropic.setResponder(undefined);
    h.anthropic.setTiming({ tokensPerSecond: 0, firstTokenDelayMs: 0 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('GIVEN the hostile text itself THEN the parser sees its markup (the check below can fail)', () => {
    const raw = [HOSTILE_TITLE, ...HOSTILE_PARAGRAPHS];
    expect(new Set(markupIn(raw))).toEqual(
      new Set([
        ...['heading', 'spoiler', 'link', 'blockQuote', 'strong', 'everyone', 'user', 'channel'],
        ...['codeBlock', 'strikethrough', 'underline', 'url', 'autolink', 'list', 'subtext'],
      ]),
    );
  });

  it('GIVEN a model answer and quotes full of markup THEN members see every character, no markup, and the article link', async () => {
    const answer = `${HOSTILE_PARAGRAPHS[1]}\n\n${HOSTILE_PARAGRAPHS[3]}`;
    h.anthropic.setResponder(() => ({ blocks: [text(answer, 1, 2)] }));
    const interaction = await h.discord.command('ask', {
      question: 'What did the [board](http://x.example) say about ||fares||?',
      article: 'ferry-fares',
    });
    const view = await interaction.waitFor(finished, 10_000);
    const embed = view.original?.embeds[0];
    expect(markupIn(renderedParts(view.original))).toEqual([]);
    expect(embed?.url).toBe(ARTICLE_URL);
    expect(seenText(embed?.title)).toBe(HOSTILE_TITLE);
    expect(seenText(embed?.description)).toBe(answer);
    const quotes = seenText(embed?.fields?.[0]?.value);
    expect(squash(quotes)).toContain(squash(HOSTILE_PARAGRAPHS[1] ?? ''));
    expect(squash(quotes)).toContain(squash(HOSTILE_PARAGRAPHS[2] ?? ''));
  });

  it('GIVEN a hostile answer streamed live THEN no live edit shows markup either', async () => {
    const answer = Array.from({ length: 12 }, () => HOSTILE_PARAGRAPHS.join('\n\n')).join('\n\n');
    h.anthropic.setResponder(() => ({ blocks: [text(answer, 1)] }));
    h.anthropic.setTiming({ tokensPerSecond: 400, firstTokenDelayMs: 0 });
    const interaction = await h.discord.command('ask', {
      question: 'Tell me all about the ferry fares, slowly',
      article: 'ferry-fares',
    });
    const view = await interaction.waitFor(finished, 20_000);
    const edits = view.edits.map((edit) => edit.body as { content: string; embeds: APIEmbed[] });
    expect(edits.length).toBeGreaterThanOrEqual(3);
    for (const edit of edits) {
      expect(markupIn(renderedParts(edit))).toEqual([]);
      expect(edit.embeds[0]?.description?.length ?? 0).toBeLessThanOrEqual(
        DISCORD_LIMITS.embedDescriptionChars,
      );
    }
    expect(view.rejections).toEqual([]);
  });

  it('GIVEN an answer that is nearly all markup characters THEN escaping it still fits every limit and loses nothing', async () => {
    // About 6,400 characters that escaping doubles: three or four parts, within the five-part cap.
    const dense = Array.from({ length: 400 }, (_, n) => `*_~|\`[${n}]<@${n}>`).join(' ');
    h.anthropic.setResponder(() => ({ blocks: [text(dense, 1)] }));
    const interaction = await h.discord.command('ask', {
      question: 'Is there anything odd in the ferry notice?',
      article: 'ferry-fares',
    });
    const disclaimer = hostileArticle().disclaimer;
    const view = await interaction.waitFor(
      (v) => v.followUps.some((part) => part.embeds[0]?.footer?.text === disclaimer),
      10_000,
    );
    const parts = [view.original, ...view.followUps];
    expect(view.rejections).toEqual([]);
    for (const part of parts) {
      expect(part?.content.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.contentChars);
      const embed = part?.embeds[0] ?? {};
      expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescriptionChars);
      expect(embedCharacterCount(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotalChars);
      expect(markupIn(renderedParts(part))).toEqual([]);
    }
    const shown = parts.map((part) => seenText(part?.embeds[0]?.description)).join(' ');
    expect(squash(shown)).toBe(squash(dense));
  });
});
