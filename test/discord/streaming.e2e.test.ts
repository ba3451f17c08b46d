import type { APIEmbed } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SITE_DISCLAIMER } from '../../src/core/config.ts';
import { LIVE_TAIL_CHARS } from '../../src/discord/render.ts';
import { faults, text } from '../fakes/anthropic.ts';
import { type FakeInteraction, rateLimitReply, type UserView } from '../fakes/discord/index.ts';
import { type BotHarness, startHarness } from './support/harness.ts';
import { longProse } from './support/replies.ts';

const INTERVAL_MS = 300;
const TRAM = '001_tram_line_vote';
const WRITING = '✍️ Writing…';

interface EditBody {
  content?: string;
  embeds?: APIEmbed[];
}

const embedOf = (edit: { body: unknown } | undefined) => (edit?.body as EditBody | undefined)?.embeds?.[0];
const finished = (view: UserView) =>
  !view.thinking && view.original?.embeds[0]?.footer?.text !== undefined && !isLive(view);
const isLive = (view: UserView) => view.original?.embeds[0]?.footer?.text === WRITING;

/** A long answer citing paragraph 1, streamed at `tokensPerSecond`. */
function streamLongAnswer(h: BotHarness, chars: number, tokensPerSecond: number): string {
  const answer = longProse(chars);
  h.anthropic.setResponder(() => ({ blocks: [text(answer, 1)] }));
  h.anthropic.setTiming({ tokensPerSecond, firstTokenDelayMs: 0 });
  return answer;
}

async function ask(h: BotHarness, question: string, article = TRAM): Promise<FakeInteraction> {
  return h.discord.command('ask', { question, article });
}

describe('live edits', () => {
  let h: BotHarness;
  beforeAll(async () => {
    // A long hold, so a cached answer is the first response even on a loaded machine.
    const env = { STREAM_EDIT_INTERVAL_MS: String(INTERVAL_MS), DEFERRAL_HOLD_MS: '1000' };
    h = await startHarness({ env });
  });
  afterEach(() => {
    h.anthropic.setResponder(undefined);
    h.anthropic.setTiming({ tokensPerSecond: 0, firstTokenDelayMs: 0 });
    h.discord.clearFaults();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('GIVEN a fast token stream THEN edits are spaced by at least the interval, each showing the text so far', async () => {
    const answer = streamLongAnswer(h, 2_400, 300);
    const interaction = await ask(h, 'Tell me everything about the tram, slowly');
    const view = await interaction.waitFor(finished, 10_000);
    const { edits } = view;
    expect(edits.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < edits.length; i++) {
      expect((edits[i]?.at ?? 0) - (edits[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(INTERVAL_MS);
    }
    const live = edits.slice(0, -1).map(embedOf);
    for (const embed of live) {
      expect(embed?.footer?.text).toBe(WRITING);
      expect(embed?.fields).toBeUndefined();
      expect(embed?.description?.length ?? 0).toBeLessThanOrEqual(LIVE_TAIL_CHARS);
    }
    // The text grows edit by edit (a long one shows its latest words).
    expect(live[0]?.description?.length ?? 0).toBeLessThan(live.at(-1)?.description?.length ?? 0);
    expect(answer.replace(/\s+/g, ' ')).toContain(live[0]?.description?.replace(/\s+/g, ' '));
    const final = embedOf(edits.at(-1));
    expect(final?.footer?.text).toBe(SITE_DISCLAIMER);
    expect(final?.fields?.[0]?.value).toMatch(/^> Councillors voted 31 to 12/m);
    expect(final?.description?.replace(/\s+/g, ' ')).toBe(answer.replace(/\s+/g, ' '));
    expect(view.rejections).toEqual([]);
  });

  it('GIVEN the first words THEN they are visible well within a second', async () => {
    streamLongAnswer(h, 600, 100);
    const interaction = await ask(h, 'What happens first with the tram?');
    const view = await interaction.waitFor((v) => v.edits.length > 0, 5_000);
    const firstEdit = view.edits[0];
    expect(embedOf(firstEdit)?.footer?.text).toBe(WRITING);
    // From the deferral (the model starts at once) to the first visible text.
    expect((firstEdit?.at ?? 0) - (view.ackAt ?? 0)).toBeLessThan(1_000);
    await interaction.waitFor(finished, 10_000);
  });

  it('GIVEN Discord answers live edits with 429 THEN they are skipped, nothing crashes and the final answer arrives', async () => {
    streamLongAnswer(h, 1_600, 300);
    h.discord.failNext({ method: 'PATCH', path: /\/messages\/@original$/ }, rateLimitReply(0.4), 2);
    const interaction = await ask(h, 'What did the council decide about the tram line?');
    const view = await interaction.waitFor(finished, 10_000);
    expect(view.rejections.map((r) => [r.status, r.injected])).toEqual([
      [429, true],
      [429, true],
    ]);
    expect(embedOf(view.edits.at(-1))?.footer?.text).toBe(SITE_DISCLAIMER);
    expect(view.original?.embeds[0]?.fields?.[0]?.value).toMatch(/^> /);
    expect(h.logs.lines.filter((l) => l.msg === 'command failed')).toEqual([]);
  });

  it('GIVEN the final edit is rate-limited THEN it is retried and delivered', async () => {
    // The model fails before writing: the deferral goes out, and the offline answer is one final edit.
    h.anthropic.injectFaults(faults.overloaded());
    h.discord.failNext({ method: 'PATCH', path: /\/messages\/@original$/ }, rateLimitReply(0.2), 1);
    const view = await (await ask(h, 'Who opposed the tram line?')).waitFor(finished);
    expect(view.rejections.map((r) => r.status)).toEqual([429]);
    expect(view.edits).toHaveLength(1);
    expect(view.original?.embeds[0]?.footer?.text).toBe(SITE_DISCLAIMER);
  });

  it('GIVEN the model fails after streaming THEN the streamed text is replaced by the labelled offline answer', async () => {
    const answer = streamLongAnswer(h, 2_000, 150);
    h.anthropic.injectFaults(faults.midStreamError('overloaded_error', 700));
    const interaction = await ask(h, 'How did the councillors vote on the tram?');
    const view = await interaction.waitFor(finished, 10_000);
    expect(view.edits.length).toBeGreaterThanOrEqual(2);
    expect(embedOf(view.edits[0])?.footer?.text).toBe(WRITING);
    expect(answer).toContain(embedOf(view.edits[0])?.description?.slice(0, 40));
    expect(view.original?.content).toMatch(/Offline answer/);
    expect(view.original?.embeds[0]?.description).not.toContain('Sentence 1 says');
    expect(view.original?.embeds[0]?.footer?.text).toBe(SITE_DISCLAIMER);
  });

  it('GIVEN the offline answerer serves THEN the answer arrives in one edit', async () => {
    h.anthropic.injectFaults(faults.overloaded());
    const interaction = await ask(h, 'How long will the tram line be?');
    const view = await interaction.waitFor(finished);
    expect(view.edits).toHaveLength(1);
    expect(view.original?.content).toMatch(/Offline answer/);
  });

  it('GIVEN a cached answer THEN it is the first response itself: no "thinking…", no edit', async () => {
    streamLongAnswer(h, 1_000, 400);
    const first = await (await ask(h, 'What will the tram line cost?')).waitFor(finished, 10_000);
    // A model call shows "thinking…" at once, not after the hold.
    expect(first.ackType).toBe(5);
    expect((first.ackAt ?? Infinity) - first.createdAt).toBeLessThan(500);
    const calls = h.anthropic.requests.length;
    const view = await (await ask(h, 'What will the tram line cost?')).waitFor(finished);
    expect(h.anthropic.requests.length).toBe(calls);
    expect(view.ackType).toBe(4);
    expect(view.ephemeral).toBe(false);
    expect(view.edits).toEqual([]);
    expect(view.original?.embeds[0]?.description).toBe(first.original?.embeds[0]?.description);
    expect(view.original?.embeds[0]?.footer?.text).toBe(SITE_DISCLAIMER);
  });
});

describe('DEFERRAL_HOLD_MS=0', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startHarness({ env: { DEFERRAL_HOLD_MS: '0' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('GIVEN no hold THEN even a cached answer is deferred first and shown in one edit', async () => {
    await (await ask(h, 'How many councillors voted against?')).waitFor(finished, 10_000);
    const calls = h.anthropic.requests.length;
    const view = await (await ask(h, 'How many councillors voted against?')).waitFor(finished);
    expect(h.anthropic.requests.length).toBe(calls);
    expect(view.ackType).toBe(5);
    expect(view.edits).toHaveLength(1);
  });
});

describe('the interaction token', () => {
  const TOKEN_LIFETIME_MS = 1_500;
  let h: BotHarness;
  beforeAll(async () => {
    h = await startHarness({
      env: { STREAM_EDIT_INTERVAL_MS: String(INTERVAL_MS) },
      discord: { tokenLifetimeMs: TOKEN_LIFETIME_MS },
      live: { tokenLifetimeMs: TOKEN_LIFETIME_MS, stopMarginMs: 500 },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('GIVEN an answer outlasting the token THEN live edits stop before it expires and nothing is sent after', async () => {
    streamLongAnswer(h, 1_000, 120);
    const interaction = await ask(h, 'Tell me about the tram at length');
    await h.discord.waitUntil(
      () => h.logs.lines.some((l) => l.msg === 'interaction no longer accepts replies'),
      10_000,
    );
    const view = interaction.view();
    expect(view.edits.length).toBeGreaterThan(0);
    for (const edit of view.edits) {
      expect(embedOf(edit)?.footer?.text).toBe(WRITING);
      expect(edit.at - view.createdAt).toBeLessThan(TOKEN_LIFETIME_MS);
    }
    expect(view.rejections).toEqual([]);
    expect(h.logs.lines.some((l) => l.msg === 'live edits stopped: the interaction token expires soon')).toBe(
      true,
    );
  });
});
