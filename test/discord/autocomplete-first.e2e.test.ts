import { SlashCommandBuilder } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Foreground } from '../../src/core/foreground.ts';
import { DISCORD_COMMANDS } from '../../src/discord/adapter.ts';
import type { SlashCommand } from '../../src/discord/command.ts';
import { type BotHarness, startHarness } from './support/harness.ts';

/** How long the slow autocomplete takes to find its choices (a search of a huge store, say). */
const CHOICES_AFTER_MS = 400;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** When each command's own work began, by the member's word. */
const workStartedAt = new Map<string, number>();

const recording: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('tally')
    .setDescription('Counts, then answers')
    .addStringOption((option) => option.setName('word').setDescription('A word').setAutocomplete(true))
    .toJSON(),
  defer: false,
  async execute(interaction) {
    workStartedAt.set(interaction.options.getString('word') ?? '', Date.now());
    await interaction.reply({ content: 'counted' });
  },
  async autocomplete(interaction) {
    await sleep(CHOICES_AFTER_MS);
    await interaction.respond([{ name: 'harbour', value: 'harbour' }]);
  },
};

const foreground = new Foreground(60_000);
let h: BotHarness;
beforeAll(async () => {
  h = await startHarness({ foreground, commands: [...DISCORD_COMMANDS, recording] });
});
afterAll(async () => {
  await h?.close();
});

describe('autocompletes before commands', () => {
  it('GIVEN an autocomplete still finding its choices WHEN a command arrives THEN its work starts once the choices are sent', async () => {
    await h.discord.waitUntil(() => foreground.waitingInteractions === 0);
    const typing = await h.discord.autocomplete('tally', { word: 'harb' }, 'word');
    await h.discord.waitUntil(() => foreground.waitingInteractions > 0);
    const command = await h.discord.command('tally', { word: 'after' });
    const choices = await typing.waitFor((view) => view.choices !== null);
    const answered = await command.waitFor((view) => view.original !== null);
    expect(choices.choices).toEqual([{ name: 'harbour', value: 'harbour' }]);
    expect(answered.original?.content).toBe('counted');
    expect(workStartedAt.get('after')).toBeGreaterThanOrEqual(
      typing.view().createdAt + CHOICES_AFTER_MS - 20,
    );
  }, 15_000);

  it("GIVEN another command still waiting for its reply THEN a command's work does not wait for it", async () => {
    await h.discord.waitUntil(() => foreground.waitingInteractions === 0);
    const first = await h.discord.command('tally', { word: 'first' });
    const second = await h.discord.command('tally', { word: 'second' });
    await Promise.all([first, second].map((sent) => sent.waitFor((view) => view.original !== null)));
    const gap = (workStartedAt.get('second') ?? 0) - (workStartedAt.get('first') ?? 0);
    expect(Math.abs(gap)).toBeLessThan(CHOICES_AFTER_MS);
  }, 15_000);
});
