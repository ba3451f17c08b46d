import { subscribe } from 'node:diagnostics_channel';
import { SlashCommandBuilder } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Foreground } from '../../src/core/foreground.ts';
import { DISCORD_COMMANDS } from '../../src/discord/adapter.ts';
import type { SlashCommand } from '../../src/discord/command.ts';
import { type BotHarness, startHarness } from './support/harness.ts';

/** A command's own CPU before its first I/O: a question resolved, a model request set up — here, a spin. */
const WORK_MS = 150;
/** How long the autocomplete that opens the burst takes to find its choices, so members are waiting meanwhile. */
const SLOW_CHOICES_MS = 300;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const spin = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {}
};

/** When each command's work began, and when each autocomplete's choices were found, by the member's word. */
const workStartedAt = new Map<string, number>();
const choicesFoundAt = new Map<string, number>();
/**
 * When the bot sent each interaction's callback (its deferral), by interaction id, seen on undici's diagnostics
 * channel: the fake Discord shares this process, so its own clock stops while a command spins.
 */
const callbackSentAt = new Map<string, number>();
subscribe('undici:request:create', (message) => {
  const path = String((message as { request?: { path?: unknown } }).request?.path ?? '');
  const id = /\/interactions\/(\d+)\/[^/]+\/callback/.exec(path)?.[1];
  if (id && !callbackSentAt.has(id)) callbackSentAt.set(id, Date.now());
});

const pondering: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('ponder')
    .setDescription('Thinks hard, then answers')
    .addStringOption((option) => option.setName('word').setDescription('A word').setAutocomplete(true))
    .toJSON(),
  defer: true,
  async execute(interaction, context) {
    const word = interaction.options.getString('word') ?? '';
    workStartedAt.set(word, Date.now());
    // A reply ready at once (a cached answer): the first response itself when nothing was sent yet.
    if (word.startsWith('ready') && context.firstResponse.claim()) {
      await interaction.reply({ content: `pondered ${word}` });
      return;
    }
    spin(WORK_MS);
    await context.firstResponse.deferNow();
    await interaction.editReply({ content: `pondered ${word}` });
  },
  async autocomplete(interaction) {
    const typed = interaction.options.getFocused();
    if (typed === 'slow') await sleep(SLOW_CHOICES_MS);
    choicesFoundAt.set(typed, Date.now());
    await interaction.respond([{ name: 'harbour', value: 'harbour' }]);
  },
};

const foreground = new Foreground(60_000);
let h: BotHarness;
beforeAll(async () => {
  h = await startHarness({ foreground, commands: [...DISCORD_COMMANDS, pondering] });
});
afterAll(async () => {
  await h?.close();
});

describe('first responses before commands’ work', () => {
  it('GIVEN members waiting WHEN five slow commands arrive at once THEN those queued are acknowledged when their hold ends, their work runs in order, and a later autocomplete is answered before the last of it', async () => {
    const words = ['c1', 'c2', 'c3', 'c4', 'c5'];
    const opening = await h.discord.autocomplete('ponder', { word: 'slow' }, 'word');
    await h.discord.waitUntil(() => foreground.waitingInteractions > 0);
    const commands = await Promise.all(words.map((word) => h.discord.command('ponder', { word })));
    await h.discord.waitUntil(() => workStartedAt.has('c1'));
    const typing = await h.discord.autocomplete('ponder', { word: 'quick' }, 'word');

    const answered = await Promise.all(
      commands.map((command) =>
        command.waitFor((view) => view.original?.content.startsWith('pondered') === true),
      ),
    );
    await typing.waitFor((view) => view.choices !== null);
    await opening.waitFor((view) => view.choices !== null);
    expect(answered.map((view) => view.original?.content)).toEqual(words.map((word) => `pondered ${word}`));
    // Queued behind the first command's work, the others' held deferrals go out when their hold ends, before the
    // second command's work starts; run one after another, each would wait for its own spin and those before it.
    const secondWorkStarted = workStartedAt.get('c2') ?? 0;
    for (const command of commands.slice(1))
      expect(callbackSentAt.get(command.id)).toBeLessThan(secondWorkStarted);
    const started = words.map((word) => workStartedAt.get(word) ?? Number.NaN);
    expect(started).toEqual([...started].sort((a, b) => a - b));
    expect(choicesFoundAt.get('quick')).toBeLessThan(workStartedAt.get('c4') ?? 0);
  }, 20_000);

  it('GIVEN members waiting WHEN a command whose reply is ready waits its turn THEN the reply is its first response, not a deferral', async () => {
    await h.discord.waitUntil(() => foreground.waitingInteractions === 0);
    const opening = await h.discord.autocomplete('ponder', { word: 'slow' }, 'word');
    await h.discord.waitUntil(() => foreground.waitingInteractions > 0);
    const command = await h.discord.command('ponder', { word: 'ready-queued' });
    const view = await command.waitFor((v) => v.original?.content.startsWith('pondered') === true);
    await opening.waitFor((v) => v.choices !== null);
    expect(view.ackType).toBe(4);
    expect(view.edits).toHaveLength(0);
  }, 15_000);

  it('GIVEN a queued command whose deferral Discord refuses WHEN its turn comes THEN its work does not run', async () => {
    await h.discord.waitUntil(() => foreground.waitingInteractions === 0);
    const opening = await h.discord.autocomplete('ponder', { word: 'slow' }, 'word');
    await h.discord.waitUntil(() => foreground.waitingInteractions > 0);
    const ahead = ['d1', 'd2', 'd3', 'd4'];
    const commands = await Promise.all(ahead.map((word) => h.discord.command('ponder', { word })));
    const doomed = await h.discord.command('ponder', { word: 'doomed' });
    h.discord.failNext(
      { method: 'POST', path: new RegExp(`/interactions/${doomed.id}/`) },
      { status: 404, body: { code: 10062, message: 'Unknown interaction' } },
    );
    await Promise.all(
      commands.map((c) => c.waitFor((v) => v.original?.content.startsWith('pondered') === true)),
    );
    await opening.waitFor((v) => v.choices !== null);
    await h.discord.waitUntil(() => doomed.view().rejections.length > 0);
    await sleep(50);
    expect(workStartedAt.has('doomed')).toBe(false);
    expect(doomed.view().original).toBeNull();
  }, 20_000);

  it('GIVEN nobody else waiting THEN the work runs before anything is sent: the deferral waits for it', async () => {
    await h.discord.waitUntil(() => foreground.waitingInteractions === 0);
    const command = await h.discord.command('ponder', { word: 'alone' });
    const view = await command.waitFor((v) => v.original?.content.startsWith('pondered') === true);
    expect(view.original?.content).toBe('pondered alone');
    expect(view.ackAt ?? 0).toBeGreaterThanOrEqual((workStartedAt.get('alone') ?? 0) + WORK_MS);
  }, 15_000);
});
