import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { digest as digestDefinition } from '../../commands/digest.ts';
import { discordCommand } from '../../src/discord/adapter.ts';
import { faults } from '../fakes/anthropic.ts';
import { ALL_PERMISSIONS, type UserView } from '../fakes/discord/index.ts';
import { type DigestBot, type DigestWorld, eventually, startDigestWorld } from './harness.ts';

const NOON = '2026-03-28T11:00:00Z';
// /digest as Discord registers it (built from commands/ by the adapter).
const digestCommand = discordCommand(digestDefinition);

describe('/digest and the digest buttons, end to end', () => {
  let world: DigestWorld;
  let bot: DigestBot;
  afterEach(async () => world?.close());

  async function begin(start = NOON) {
    world = await startDigestWorld(start);
    bot = await world.connect();
  }

  async function run(
    subcommand: string,
    options: Record<string, string | number | boolean> = {},
    followUps = 0,
  ) {
    const interaction = await world.discord.command('digest', options, { subcommand });
    return interaction.waitFor((v) => v.original !== null && !v.thinking && v.followUps.length >= followUps);
  }

  const set = (options: Record<string, string | number | boolean> = {}) =>
    run('set', { channel: world.discord.channelId, time: '09:00', timezone: 'Europe/Berlin', ...options });

  /** Whether the bot's client sees that it may do `flag` in the default channel. */
  function botMay(flag: bigint): boolean {
    const channel = bot.client.channels.cache.get(world.discord.channelId);
    const user = bot.client.user;
    if (!channel || !user || !('permissionsFor' in channel)) return false;
    return channel.permissionsFor(user)?.has(flag) ?? false;
  }

  async function denyEmbeds() {
    const allow = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;
    world.discord.setChannelPermissions(world.discord.channelId, allow);
    await eventually(() => !botMay(PermissionFlagsBits.EmbedLinks));
  }

  /** What a reader sees of a message: the parts the digest controls. */
  const seen = (m: { content: string; embeds: unknown[]; components: unknown[] }) => ({
    content: m.content,
    embeds: m.embeds,
    components: m.components,
  });

  it('GIVEN /digest THEN only members who may manage the server see it, and only in servers', () => {
    expect(digestCommand.data.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(digestCommand.data.contexts).toEqual([0]);
    expect(digestCommand.data.options?.map((o) => o.name)).toEqual([
      'set',
      'off',
      'status',
      'preview',
      'post-now',
    ]);
  });

  it('GIVEN valid settings THEN they are saved and the reply names the next post in the server’s zone', async () => {
    await begin();
    const view = await set({ timezone: 'europe/berlin', time: '7:30', items: 3 });
    expect(view.ephemeral).toBe(true);
    expect(view.original?.content).toContain('at 07:30 Europe/Berlin, up to 3 articles');
    expect(view.original?.content).toContain('Next post: Sunday, March 29, 2026 at 7:30 AM (Europe/Berlin)');
    expect(await world.repo.config(world.discord.guildId)).toMatchObject({
      channelId: world.discord.channelId,
      time: '07:30',
      timeZone: 'Europe/Berlin',
      items: 3,
    });
  });

  it('GIVEN a bad time, zone or channel permission THEN a clear private message and nothing saved', async () => {
    await begin();
    expect((await set({ time: '25:00' })).original?.content).toMatch(/not a time of day: use HH:MM/);
    expect((await set({ timezone: 'Mars/Base' })).original?.content).toMatch(/not a time zone I know/);
    await denyEmbeds();
    const denied = await set();
    expect(denied.ephemeral).toBe(true);
    expect(denied.original?.content).toMatch(/I lack Embed Links there/);
    expect(await world.repo.config(world.discord.guildId)).toBeUndefined();
  });

  it('GIVEN a paused digest THEN /digest status shows the reason, and /digest set resumes it', async () => {
    await begin('2026-03-28T07:00:00Z');
    await set();
    await world.ingest([1]);
    await denyEmbeds();
    world.at('2026-03-28T08:00:01Z');
    await bot.digest.tick();
    const status = await run('status');
    expect(status.ephemeral).toBe(true);
    // Named: the one permission missing, not the list of all the bot needs.
    expect(status.original?.content).toMatch(
      /\*\*Paused\*\* since <t:\d+:f>: The bot lacks Embed Links in the digest channel\./,
    );
    expect(status.original?.content).not.toMatch(/Send Messages/);
    expect(status.original?.content).not.toMatch(/Next post/);
    world.discord.setChannelPermissions(world.discord.channelId, ALL_PERMISSIONS);
    await eventually(() => botMay(PermissionFlagsBits.EmbedLinks));
    await set();
    expect((await world.repo.state(world.discord.guildId)).paused).toBeNull();
    expect((await run('status')).original?.content).toMatch(/Next post: Sunday, March 29, 2026/);
  });

  it('GIVEN a configured digest THEN status shows the next post in its zone and the last post', async () => {
    await begin('2026-03-28T07:00:00Z');
    await set();
    await world.ingest([1, 2]);
    world.at('2026-03-28T08:00:01Z');
    await bot.digest.tick();
    const content = (await run('status')).original?.content ?? '';
    expect(content).toContain(
      'Next post: Sunday, March 29, 2026 at 9:00 AM (Europe/Berlin), <t:1774767600:R>.',
    );
    expect(content).toMatch(/Last post: <t:\d+:f>, 2 articles — https:\/\/discord\.com\/channels\//);
  });

  it('GIVEN a preview THEN post-now posts exactly what it showed', async () => {
    await begin();
    await set({ items: 7 });
    await world.ingest([1, 2, 3, 4, 5, 6, 7]);
    const preview = await run('preview', {}, 1);
    const shown = [preview.original, ...preview.followUps].map((m) =>
      seen(m as NonNullable<UserView['original']>),
    );
    expect(shown).toHaveLength(2);
    expect(preview.followUps.every((m) => m.ephemeral)).toBe(true);
    const modelCalls = world.anthropic.requests.length;
    expect(modelCalls).toBe(7);
    const posted = await run('post-now');
    expect(posted.original?.content).toMatch(/Posted the digest \(7 articles\)/);
    expect(world.discord.channelMessages().map(seen)).toEqual(shown);
    expect(world.anthropic.requests).toHaveLength(modelCalls); // the preview's summaries were reused
  });

  it('GIVEN the model overloaded THEN the digest still goes out, with labelled offline one-liners', async () => {
    await begin();
    await set();
    await world.ingest([1, 2]);
    world.anthropic.injectFaults(...Array.from({ length: 4 }, () => faults.overloaded()));
    await run('post-now');
    const [message] = world.discord.channelMessages();
    expect(message?.content).toMatch(/Some summaries are offline extracts/);
    expect(message?.embeds.map((e) => e.description?.split('\n').at(-1))).toEqual([
      '*Offline extract: the summarizer was unavailable.*',
      '*Offline extract: the summarizer was unavailable.*',
    ]);
  });

  it('GIVEN nothing new THEN preview and post-now say so and nothing is posted', async () => {
    await begin();
    await set();
    expect((await run('preview')).original?.content).toMatch(/Nothing would be posted now/);
    expect((await run('post-now')).original?.content).toMatch(/No new articles since the last digest/);
    expect(world.discord.channelMessages()).toEqual([]);
  });

  it('GIVEN a posted digest THEN its Summary and Ask buttons answer privately from the right article', async () => {
    await begin();
    await set();
    await world.ingest([1, 2, 3]);
    await run('post-now');
    const message = world.discord.channelMessages()[0]!;
    const rows = message.components as { components: { custom_id: string }[] }[];
    const [summaryId, askId] = rows[1]!.components.map((b) => b.custom_id) as [string, string];
    expect(summaryId).toMatch(/^article:summary:/);
    const second = await world.runtime.store.get(summaryId.replace('article:summary:', ''));
    expect(message.embeds[1]?.title).toBe(`2. ${second?.title}`);

    const onMessage = { messageId: message.id };
    const summary = await (await world.discord.button(summaryId, onMessage)).waitFor(
      (v) => v.original !== null && !v.thinking,
    );
    expect(summary.ephemeral).toBe(true);
    expect(summary.original?.embeds[0]?.title).toBe(second?.title);

    const ask = await (await world.discord.button(askId, onMessage)).waitFor((v) => v.modal !== null);
    const modal = ask.modal as { custom_id: string };
    expect(modal.custom_id).toBe(askId.replace('article:ask:', 'article:question:'));
    const answer = await (
      await world.discord.modalSubmit(modal.custom_id, { question: 'What happened?' })
    ).waitFor((v) => v.original !== null && !v.thinking);
    expect(answer.ephemeral).toBe(true);
    expect(answer.original?.embeds[0]?.title).toBe(second?.title);
    expect(answer.rejections).toEqual([]);
  });

  it('GIVEN a button of an article no longer stored THEN a private note says so, not another article', async () => {
    await begin();
    await world.ingest([1]);
    const pressed = await world.discord.button('digest:summary:no-such-article');
    const view = await pressed.waitFor((v) => !v.thinking && v.original !== null);
    expect(view.ephemeral).toBe(true);
    expect(JSON.stringify(view.original)).toContain('That article is no longer stored');
    expect(world.anthropic.requests).toHaveLength(0);
  });

  it('GIVEN the timezone box THEN matching IANA zones with their offsets, common ones when empty', async () => {
    await begin();
    const typed = await world.discord.autocomplete('digest', { timezone: 'berl' }, 'timezone', {
      subcommand: 'set',
    });
    const berlin = await typed.waitFor((v) => v.choices !== null);
    expect(berlin.choices?.[0]).toEqual({ name: 'Europe/Berlin (UTC+01:00)', value: 'Europe/Berlin' });
    const empty = await world.discord.autocomplete('digest', { timezone: '' }, 'timezone', {
      subcommand: 'set',
    });
    const common = await empty.waitFor((v) => v.choices !== null);
    expect(common.choices).toHaveLength(25);
    expect(common.choices?.[0]?.value).toBe('UTC');
  });

  it('GIVEN /digest off THEN no digest is posted any more', async () => {
    await begin('2026-03-28T07:00:00Z');
    await set();
    expect((await run('off')).original?.content).toBe('The daily digest is off.');
    await world.ingest([1]);
    world.at('2026-03-28T08:00:01Z');
    await bot.digest.tick();
    expect(world.discord.channelMessages()).toEqual([]);
  });
});
