import { SlashCommandBuilder } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyEvent } from '../../src/answer/newsroom-types.ts';
import { Foreground } from '../../src/core/foreground.ts';
import { DISCORD_COMMANDS } from '../../src/discord/adapter.ts';
import type { SlashCommand } from '../../src/discord/command.ts';
import { HOLD_UNTIL_AGE_MS, holdFor } from '../../src/discord/first-response.ts';
import type { FakeInteraction } from '../fakes/discord/index.ts';
import { type BotHarness, startHarness } from './support/harness.ts';

/** The longest hold the configuration allows, so that a hold not cut short would miss the deadline. */
const HOLD_MS = 1_000;
/** Discord's acknowledgement deadline, counted from the interaction's creation. */
const DEADLINE_MS = 3_000;
/** Nothing of the summary is ready for this long, and no model call is announced: only the hold's end defers. */
const SLOW_START_MS = 2_500;

async function* slowStart(events: AsyncIterable<ReplyEvent>): AsyncIterable<ReplyEvent> {
  await new Promise((resolve) => setTimeout(resolve, SLOW_START_MS));
  yield* events;
}

/** A command that answers by itself (no deferral), after some work of its own. */
const SELF_ANSWER_MS = 600;
const selfAnswering: SlashCommand = {
  data: new SlashCommandBuilder().setName('tally').setDescription('Counts, then answers').toJSON(),
  defer: false,
  async execute(interaction) {
    await new Promise((resolve) => setTimeout(resolve, SELF_ANSWER_MS));
    await interaction.reply({ content: 'counted' });
  },
};

const foreground = new Foreground(60_000);
let h: BotHarness;
beforeAll(async () => {
  h = await startHarness({
    foreground,
    commands: [...DISCORD_COMMANDS, selfAnswering],
    newsroom: (real) => ({ ...real, summary: (request) => slowStart(real.summary(request)) }),
    discord: { ackDeadlineMs: DEADLINE_MS },
    env: { DEFERRAL_HOLD_MS: String(HOLD_MS) },
  });
});
afterAll(async () => {
  await h?.close();
});

/**
 * Sends an interaction, then has background ingest ask for its turn: still held `forMs` later. Returns the
 * interaction and the ingest's turn, for the test to say when it comes.
 */
async function ingestHeldBy(send: () => Promise<FakeInteraction>, forMs: number) {
  // The earlier tests' interactions are acknowledged on Discord's side a moment before the bot hears back.
  await h.discord.waitUntil(() => foreground.waitingInteractions === 0);
  const interaction = await send();
  await h.discord.waitUntil(() => foreground.waitingInteractions > 0);
  let ingestGoesOn = false;
  const ingest = foreground.yield().then(() => {
    ingestGoesOn = true;
  });
  await new Promise((resolve) => setTimeout(resolve, forMs));
  expect(ingestGoesOn).toBe(false);
  return { interaction, ingest };
}

describe('an interaction delivered late', () => {
  it('GIVEN an interaction that reaches the bot 2.2 s after Discord made it THEN it is deferred at once, inside the 3 s, and answered', async () => {
    // Held the full second, the deferral would reach Discord at 3.2 s: "Unknown interaction", no answer at all.
    const interaction = await h.discord.command(
      'summary',
      { article: '001_tram_line_vote' },
      { deliveredAfterMs: 2_200 },
    );
    const ack = await interaction.waitForAck();
    expect(ack.type).toBe(5);
    expect(ack.latencyMs).toBeLessThan(DEADLINE_MS);
    const view = await interaction.waitFor((v) => !v.thinking && v.original !== null, 10_000);
    expect(view.rejections).toEqual([]);
    expect(view.original?.embeds[0]?.footer?.text).toMatch(/^Not all news/);
  }, 15_000);

  it('GIVEN an interaction on time THEN the deferral still waits the configured hold for a reply that might be ready', async () => {
    const interaction = await h.discord.command('summary', { article: '001_tram_line_vote' });
    const ack = await interaction.waitForAck();
    expect(ack.type).toBe(5);
    expect(ack.latencyMs).toBeGreaterThanOrEqual(HOLD_MS - 50);
    expect(ack.latencyMs).toBeLessThan(DEADLINE_MS);
  }, 15_000);

  it('GIVEN a command waiting for its first response THEN background ingest waits for it, and only until the acknowledgement', async () => {
    const { interaction, ingest } = await ingestHeldBy(
      () => h.discord.command('summary', { article: '001_tram_line_vote' }),
      HOLD_MS / 2,
    );
    await interaction.waitForAck();
    // The summary is still seconds away (SLOW_START_MS): the answer's own work is not foreground.
    await ingest;
    expect(await interaction.waitFor((v) => v.thinking)).toBeTruthy();
    await interaction.waitFor((v) => !v.thinking && v.original !== null, 10_000);
  }, 15_000);
});

describe('background ingest and commands that answer by themselves', () => {
  it('GIVEN a command that answers without deferring THEN ingest waits until its reply is sent', async () => {
    const { interaction, ingest } = await ingestHeldBy(() => h.discord.command('tally'), SELF_ANSWER_MS / 2);
    const view = await interaction.waitFor((v) => v.original !== null);
    expect(view.original?.content).toBe('counted');
    await ingest;
  }, 15_000);
});

describe('how long a deferral may be held', () => {
  const created = 1_000_000;
  it('GIVEN a fresh interaction THEN the configured hold', () => {
    expect(holdFor(created, 200, created + 5)).toBe(200);
  });
  it('GIVEN an interaction close to the hold limit THEN only what is left until it', () => {
    expect(holdFor(created, 1_000, created + HOLD_UNTIL_AGE_MS - 300)).toBe(300);
  });
  it('GIVEN an interaction older than the hold limit THEN no hold', () => {
    expect(holdFor(created, 1_000, created + HOLD_UNTIL_AGE_MS + 700)).toBe(0);
  });
  it('GIVEN a local clock behind Discord (the interaction seems to come from the future) THEN at most the configured hold', () => {
    expect(holdFor(created, 50, created - 10_000)).toBe(50);
  });
});
