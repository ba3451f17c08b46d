import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type DigestWorld, eventually, startDigestWorld } from './harness.ts';

describe('digest schedule, end to end', () => {
  let world: DigestWorld;
  afterEach(async () => world.close());

  const posts = (channelId = world.discord.channelId) => world.discord.channelMessages(channelId);
  const headings = (channelId?: string) =>
    posts(channelId)
      .map((m) => m.content)
      .filter((c) => c.startsWith('**Daily digest**'));

  async function tickAt(bot: { digest: { tick(): Promise<void> } }, iso: string) {
    world.at(iso);
    await bot.digest.tick();
  }

  it('GIVEN 09:00 Europe/Berlin THEN it posts at 09:00 local the day before and the day after the March change', async () => {
    world = await startDigestWorld('2026-03-28T06:00:00Z');
    await world.configure();
    await world.ingest([1, 2, 3]);
    const bot = await world.connect();
    await tickAt(bot, '2026-03-28T07:59:30Z');
    expect(posts()).toHaveLength(0);
    await tickAt(bot, '2026-03-28T08:00:01Z'); // 09:00 CET
    expect(headings()).toEqual([expect.stringContaining('Saturday, March 28, 2026')]);
    await tickAt(bot, '2026-03-29T06:00:00Z');
    await world.ingest([1, 2]);
    await tickAt(bot, '2026-03-29T06:59:30Z'); // 08:59 CEST: one hour earlier in UTC than the day before
    expect(headings()).toHaveLength(1);
    await tickAt(bot, '2026-03-29T07:00:01Z');
    expect(headings()).toEqual([expect.anything(), expect.stringContaining('Sunday, March 29, 2026')]);
    await tickAt(bot, '2026-03-29T08:00:01Z');
    expect(headings()).toHaveLength(2);
  });

  it('GIVEN 09:00 Europe/Berlin THEN it posts at 09:00 local around the October change too', async () => {
    world = await startDigestWorld('2026-10-24T05:00:00Z');
    await world.configure();
    await world.ingest([1]);
    const bot = await world.connect();
    await tickAt(bot, '2026-10-24T07:00:01Z'); // 09:00 CEST
    await tickAt(bot, '2026-10-25T06:00:00Z');
    await world.ingest([1]);
    await tickAt(bot, '2026-10-25T07:00:01Z'); // 08:00 CET: not yet
    expect(headings()).toHaveLength(1);
    await tickAt(bot, '2026-10-25T08:00:01Z'); // 09:00 CET
    expect(headings()).toEqual([
      expect.stringContaining('Saturday, October 24, 2026'),
      expect.stringContaining('Sunday, October 25, 2026'),
    ]);
  });

  it('GIVEN two servers in different zones THEN each gets its digest at its own 09:00', async () => {
    world = await startDigestWorld('2026-03-28T06:00:00Z');
    const other = world.discord.addGuild({ name: 'New York' });
    await world.configure();
    await world.configure({ ...other, timeZone: 'America/New_York' });
    await world.ingest([1, 2]);
    const bot = await world.connect();
    await tickAt(bot, '2026-03-28T08:00:01Z');
    expect([headings().length, headings(other.channelId).length]).toEqual([1, 0]);
    await tickAt(bot, '2026-03-28T13:00:01Z'); // 09:00 EDT
    expect([headings().length, headings(other.channelId).length]).toEqual([1, 1]);
  });

  it('GIVEN a restart at the posting minute THEN exactly one post', async () => {
    world = await startDigestWorld('2026-03-28T06:00:00Z');
    await world.configure();
    await world.ingest([1, 2, 3, 4, 5, 6]);
    const first = await world.connect();
    await tickAt(first, '2026-03-28T08:00:01Z');
    await first.stop();
    const second = await world.connect();
    await tickAt(second, '2026-03-28T08:00:40Z');
    expect(headings()).toHaveLength(1);
  });

  it('GIVEN a post interrupted between sending and recording THEN the restarted bot completes it without a copy', async () => {
    world = await startDigestWorld('2026-03-28T06:00:00Z');
    await world.configure({ items: 10 });
    await world.ingest([1, 2, 3, 4, 5, 6, 7, 8]); // two messages
    const first = await world.connect();
    // The process "dies" right after Discord accepted the first part: the store never hears of it.
    const realSet = world.keyv.set.bind(world.keyv);
    world.keyv.set = (async (key: string, value: { sending?: { sentIds: string[] } }, ttl?: number) => {
      if (value?.sending?.sentIds.length === 1) throw new Error('process died');
      return realSet(key, value, ttl);
    }) as typeof world.keyv.set;
    await tickAt(first, '2026-03-28T08:00:01Z');
    expect(posts()).toHaveLength(1);
    world.keyv.set = realSet;
    await first.stop();
    const second = await world.connect();
    await tickAt(second, '2026-03-28T08:01:01Z');
    const sent = posts();
    expect(sent).toHaveLength(2);
    expect(sent.map((m) => m.embeds.length)).toEqual([5, 3]);
    expect((await world.repo.state(world.discord.guildId)).lastPost?.messageIds).toEqual(
      sent.map((m) => m.id),
    );
  });

  it('GIVEN the bot down over the time THEN one catch-up post on return, and none after the window', async () => {
    world = await startDigestWorld('2026-03-28T06:00:00Z');
    await world.configure();
    await world.ingest([1, 2]);
    const bot = await world.connect();
    await tickAt(bot, '2026-03-28T13:30:00Z'); // 5.5 h late: caught up
    await tickAt(bot, '2026-03-28T13:31:00Z');
    expect(headings()).toHaveLength(1);
    await world.ingest([1]);
    await tickAt(bot, '2026-03-29T13:30:00Z'); // 6.5 h late: that day is skipped
    await tickAt(bot, '2026-03-29T18:00:00Z');
    expect(headings()).toHaveLength(1);
    expect((await world.repo.state(world.discord.guildId)).lastSlotDate).toBe('2026-03-29');
  });

  it('GIVEN the bot starting after downtime THEN the catch-up goes out at start, not a minute later', async () => {
    world = await startDigestWorld('2026-03-28T10:00:00Z');
    await world.configure({ since: '2026-03-27T12:00:00.000Z' });
    await world.ingest([1]);
    const bot = await world.connect();
    bot.digest.start();
    await eventually(() => headings().length === 1);
    await bot.digest.stop();
  });

  it('GIVEN no new articles THEN no post; with the one-line note chosen THEN just that line', async () => {
    world = await startDigestWorld('2026-03-28T06:00:00Z');
    await world.configure();
    const quiet = world.discord.addGuild({ name: 'Quiet' });
    await world.configure({ ...quiet, announceEmpty: true });
    await world.ingest([30]); // older than a day
    const bot = await world.connect();
    await tickAt(bot, '2026-03-28T08:00:01Z');
    expect(posts()).toHaveLength(0);
    expect(posts(quiet.channelId).map((m) => [m.content, m.embeds.length])).toEqual([
      ['**Daily digest** · No new articles since the last digest.', 0],
    ]);
  });

  it('GIVEN a lost permission or a deleted channel THEN that digest pauses with the reason, others still post', async () => {
    world = await startDigestWorld('2026-03-28T06:00:00Z');
    const gone = world.discord.addGuild({ name: 'Gone' });
    const healthy = world.discord.addGuild({ name: 'Healthy' });
    for (const ids of [{}, gone, healthy]) await world.configure(ids);
    await world.ingest([1, 2]);
    const bot = await world.connect();
    world.discord.setChannelPermissions(
      world.discord.channelId,
      PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages,
    );
    world.discord.deleteChannel(gone.channelId);
    await eventually(() => !bot.client.channels.cache.has(gone.channelId));
    const denied = () => bot.client.channels.cache.get(world.discord.channelId);
    await eventually(() => {
      const channel = denied();
      return (
        channel !== undefined &&
        'permissionOverwrites' in channel &&
        channel.permissionOverwrites.cache.size > 0
      );
    });
    await tickAt(bot, '2026-03-28T08:00:01Z');
    expect(headings(healthy.channelId)).toHaveLength(1);
    expect(posts()).toHaveLength(0);
    const refused = world.discord.requests.filter(
      (r) => r.path === `/channels/${world.discord.channelId}/messages`,
    );
    expect(refused).toEqual([]); // checked before sending: no refused requests counted against the bot
    const state = await world.repo.state(world.discord.guildId);
    expect(state.paused).toMatchObject({
      code: 'missing-permissions',
      reason: expect.stringMatching(/Embed Links/),
    });
    expect((await world.repo.state(gone.guildId)).paused).toMatchObject({ code: 'channel-missing' });
  });

  it('GIVEN Discord answers 5xx THEN the post is retried and goes out once', async () => {
    world = await startDigestWorld('2026-03-28T06:00:00Z');
    await world.configure();
    await world.ingest([1]);
    const bot = await world.connect();
    world.discord.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/ }, { status: 502 }, 2);
    await tickAt(bot, '2026-03-28T08:00:01Z');
    expect(headings()).toHaveLength(1);
    const attempts = world.discord.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/messages'),
    );
    expect(attempts.map((r) => r.status)).toEqual([502, 502, 200]);
  });

  it('GIVEN a server this process does not hold (another shard) THEN this process never posts for it', async () => {
    world = await startDigestWorld('2026-03-28T06:00:00Z');
    await world.configure({ guildId: '299999999999999999', channelId: '399999999999999999' });
    await world.ingest([1]);
    const bot = await world.connect();
    await tickAt(bot, '2026-03-28T08:00:01Z');
    expect(world.discord.requests.filter((r) => r.path.includes('399999999999999999'))).toEqual([]);
    expect((await world.repo.state('299999999999999999')).lastSlotDate).toBeNull();
  });
});
