import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ArticleNotResolvedError } from '../../src/answer/resolve.ts';
import { SITE_DISCLAIMER } from '../../src/core/config.ts';
import { localizeUnresolved } from '../../src/discord/render.ts';
import { text } from '../fakes/anthropic.ts';
import type { UserView } from '../fakes/discord/index.ts';
import { privateMessage, privateNotice, toldPrivately } from './support/first-response.ts';
import { type BotHarness, startHarness } from './support/harness.ts';

const WRITING = '✍️ Writing…';
const TRAM = '001_tram_line_vote';
const UNCITED = 'Councillors privately hope the carriages will be decorated with giant murals of seagulls.';

const isLive = (view: UserView) => view.original?.embeds[0]?.footer?.text === WRITING;
const finished = (view: UserView) =>
  !view.thinking && view.original?.embeds[0]?.footer?.text !== undefined && !isLive(view);

describe('/summary and /ask in Discord: confident articles, cited answers', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startHarness({ env: { STREAM_EDIT_INTERVAL_MS: '300' } });
  });
  afterEach(() => {
    h.anthropic.setResponder(undefined);
    h.anthropic.setTiming({ tokensPerSecond: 0, firstTokenDelayMs: 0 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('GIVEN a word in two titles THEN an ephemeral plain-text reply says no article matches and lists both', async () => {
    const interaction = await h.discord.command('summary', { article: 'urges' });
    const view = await interaction.waitFor(toldPrivately);
    const notice = privateMessage(view);
    expect(notice?.embeds ?? []).toEqual([]);
    expect(notice?.content).toMatch(/No stored article matches “urges”/);
    expect(notice?.content).toContain('- Armenia urges Putin to take action against Karabakh blockade');
    expect(notice?.content).toContain('Heatwave pushes electricity demand');
    expect(h.anthropic.requests).toHaveLength(0);
  });

  it('GIVEN a German member and a word in two titles THEN the reply and its list are in German', async () => {
    const interaction = await h.discord.command('summary', { article: 'urges' }, { locale: 'de' });
    const notice = privateNotice(await interaction.waitFor(toldPrivately));
    expect(notice).toMatch(/^Kein gespeicherter Artikel passt sicher genug zu „urges“/);
    expect(notice).toContain('Ähnliche Titel:');
  });

  it('GIVEN a made-up name THEN no title is offered and the member is told how to pick one', async () => {
    const interaction = await h.discord.command('summary', { article: 'Quorblin Festspiele' });
    const view = await interaction.waitFor(toldPrivately);
    expect(privateNotice(view)).toMatch(/^No stored article matches that\. Start typing/);
  });

  it('GIVEN /ask without an article and a question two articles match alike THEN it names the articles considered', async () => {
    const interaction = await h.discord.command('ask', { question: 'What did the officials urge?' });
    const view = await interaction.waitFor(toldPrivately);
    expect(privateNotice(view)).toMatch(/Articles considered:/);
    expect(h.anthropic.requests).toHaveLength(0);
  });

  it('GIVEN an uncited answer streamed live THEN the final message does not show it as the answer', async () => {
    h.anthropic.setResponder(() => ({ blocks: [text(`${UNCITED} ${UNCITED} ${UNCITED}`)] }));
    h.anthropic.setTiming({ tokensPerSecond: 60, firstTokenDelayMs: 0 });
    const interaction = await h.discord.command('ask', {
      question: 'What will the carriages look like?',
      article: TRAM,
    });
    const view = await interaction.waitFor(finished, 10_000);
    const liveTexts = view.edits.slice(0, -1).map((edit) => JSON.stringify(edit.body));
    expect(liveTexts.some((body) => body.includes('seagulls'))).toBe(true);
    const final = view.original?.embeds[0];
    expect(final?.description).not.toContain('seagulls');
    expect(final?.description).toMatch(/does not support an answer/);
    expect(final?.footer?.text).toBe(SITE_DISCLAIMER);
  });
});

describe('the "no article matches" text', () => {
  it('GIVEN a title carrying markup and a masked link THEN it is listed as plain text', () => {
    const title = '# Big **news** [read this](https://evil.example/) now';
    const entry = { id: 'x', title, publishedAt: '2026-03-01T00:00:00.000Z', category: null, url: null };
    const error = new ArticleNotResolvedError('big news', [entry], 'reference');
    const localized = localizeUnresolved(error, 'en');
    expect(localized).toBeInstanceOf(Error);
    const message = (localized as Error).message;
    expect(message).not.toContain('**news**');
    expect(message).not.toMatch(/(?<!\\)\[read this\]\(/);
    expect(message).toContain('\\[read this\\]');
    expect(message).toContain('2026-03-01');
  });
});
