import { once } from 'node:events';
import { Events, GatewayIntentBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { onNextInteraction, shortIdentifyThrottler } from './discord/client.ts';
import type { FakeDiscord } from './discord/index.ts';
import { shardOf } from './discord/payloads.ts';
import { shardingHarness } from './discord/sharding-harness.ts';

const { start, login } = shardingHarness();

/** A guild of the fake on shard `shard` of `count`. */
function guildOn(fake: FakeDiscord, shard: number, count: number): string {
  const [found] = fake.guildIdsOnShard(shard, count);
  if (!found) throw new Error(`no guild on shard ${shard}`);
  return found;
}

/** Opens a raw gateway socket, waits for HELLO, sends `frame`, and settles with the close code or the next op. */
describe('fake Discord: sharding', () => {
  it('GIVEN one Client with shards [0,1] of 2 THEN each guild arrives once, on its shard, and READY names it', async () => {
    const fake = await start();
    fake.addGuilds(7);
    const client = await login(fake, [0, 1], 2);
    expect(client.guilds.cache.size).toBe(8);
    for (const guild of client.guilds.cache.values()) expect(guild.shardId).toBe(shardOf(guild.id, 2));
    const creates = fake.gatewayEvents.filter((e) => e.t === 'GUILD_CREATE');
    expect(creates).toHaveLength(8);
    const sessions = fake.sessions();
    expect(sessions.map((s) => s.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const session of sessions) {
      const held = client.guilds.cache.filter((guild) => guild.shardId === session.shard[0]).map((g) => g.id);
      expect(session.guildIds.sort()).toEqual(held.sort());
    }
    for (const session of sessions) expect(session).toMatchObject({ connected: true, ready: true });
    const ready = fake.gatewayEvents.filter((e) => e.t === 'READY').map((e) => e.shard);
    expect(ready.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it('GIVEN two Clients, one per shard THEN each sees only its guilds and an interaction reaches only its owner', async () => {
    const fake = await start();
    fake.addGuilds(5);
    const zero = await login(fake, [0], 2);
    const one = await login(fake, [1], 2);
    for (const guild of zero.guilds.cache.values()) expect(shardOf(guild.id, 2)).toBe(0);
    for (const guild of one.guilds.cache.values()) expect(shardOf(guild.id, 2)).toBe(1);
    expect(zero.guilds.cache.size + one.guilds.cache.size).toBe(6);
    const strays: string[] = [];
    zero.on(Events.InteractionCreate, (interaction) => strays.push(interaction.id));
    const answered = onNextInteraction(one, async (interaction) => {
      if (!interaction.isRepliable()) throw new Error('expected a repliable interaction');
      await interaction.reply(`shard ${interaction.guild?.shardId}`);
    });
    const sent = await fake.command('summary', {}, { guildId: guildOn(fake, 1, 2) });
    await answered;
    expect(sent.delivery.shard).toEqual([1, 2]);
    expect(sent.view().original?.content).toBe('shard 1');
    expect(strays).toEqual([]);
  });

  it('GIVEN two Clients, one per shard WHEN a DM interaction comes THEN only shard 0 receives it', async () => {
    const fake = await start();
    const zero = await login(fake, [0], 2);
    const one = await login(fake, [1], 2);
    const strays: string[] = [];
    one.on(Events.InteractionCreate, (interaction) => strays.push(interaction.id));
    const answered = onNextInteraction(zero, async (interaction) => {
      if (!interaction.isRepliable()) throw new Error('expected a repliable interaction');
      await interaction.reply(interaction.inGuild() ? 'guild' : 'dm');
    });
    const sent = await fake.command('help', {}, { dm: true });
    await answered;
    expect(sent.delivery.shard).toEqual([0, 2]);
    expect(sent.view().original?.content).toBe('dm');
    expect(strays).toEqual([]);
  });

  it('GIVEN two Clients on one shard THEN an interaction goes to the newer only, a message to both', async () => {
    const fake = await start();
    const intents = { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] };
    const older = await login(fake, [0], 1, intents);
    const newer = await login(fake, [0], 1, intents);
    const got: string[] = [];
    older.on(Events.InteractionCreate, () => got.push('older: interaction'));
    newer.on(Events.InteractionCreate, () => got.push('newer: interaction'));
    older.on(Events.MessageCreate, () => got.push('older: message'));
    newer.on(Events.MessageCreate, () => got.push('newer: message'));
    const sent = await fake.command('summary');
    await fake.memberMessage(fake.channelId, 'hello');
    await fake.waitUntil(() => got.length === 3);
    expect(got.sort()).toEqual(['newer: interaction', 'newer: message', 'older: message']);
    expect(sent.delivery.sessionId).toBe(fake.sessions().at(-1)?.id);
  });

  it('GIVEN two Clients, one per shard WHEN a member posts THEN only the shard of the guild gets MESSAGE_CREATE', async () => {
    const fake = await start();
    const { channelId } =
      fake.addGuilds(2).find((ids) => fake.guildIdsOnShard(1, 2).includes(ids.guildId)) ?? {};
    const intents = { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] };
    const zero = await login(fake, [0], 2, intents);
    const one = await login(fake, [1], 2, intents);
    const got: string[] = [];
    zero.on(Events.MessageCreate, () => got.push('shard 0'));
    one.on(Events.MessageCreate, (message) => got.push(`shard ${message.guild?.shardId}`));
    await fake.memberMessage(channelId ?? '', 'on shard 1');
    await fake.waitUntil(() => got.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(got).toEqual(['shard 1']);
  });

  it('GIVEN no session holds the guild shard THEN the injected interaction fails naming the shard', async () => {
    const fake = await start({ sessionWaitMs: 200 });
    fake.addGuilds(3);
    await login(fake, [0], 2);
    await expect(fake.command('summary', {}, { guildId: guildOn(fake, 1, 2) })).rejects.toThrow(
      /waiting for a gateway session holding the shard of guild \d+; sessions now hold shards \[0\/2\]/,
    );
  });

  it('GIVEN 400 guilds and 4 shards over two Clients THEN each Client holds the guilds of its shards', async () => {
    const fake = await start({ guilds: 400, shards: 4 });
    const began = Date.now();
    const [low, high] = await Promise.all([login(fake, [0, 1], 4), login(fake, [2, 3], 4)]);
    // Measured 0.9–1.6 s on 2 shared cores (4 identifies in one bucket, 150 ms apart, with op 9 retries).
    expect(Date.now() - began).toBeLessThan(5000);
    const held = (shards: number[]) => shards.flatMap((shard) => fake.guildIdsOnShard(shard, 4)).sort();
    expect([...low.guilds.cache.keys()].sort()).toEqual(held([0, 1]));
    expect([...high.guilds.cache.keys()].sort()).toEqual(held([2, 3]));
    expect(low.guilds.cache.size + high.guilds.cache.size).toBe(400);
    for (const guild of high.guilds.cache.values()) expect([2, 3]).toContain(guild.shardId);
    expect(
      fake
        .sessions()
        .map((s) => s.shard[0])
        .sort(),
    ).toEqual([0, 1, 2, 3]);
  });

  it('GIVEN two processes identify in one bucket at once THEN the second gets op 9 and identifies after the interval', async () => {
    // A wide bucket, so the two logins surely land in one window even on a busy machine.
    const bucketMs = 500;
    const fake = await start({ identifyIntervalMs: bucketMs });
    const wide = { ws: { buildIdentifyThrottler: shortIdentifyThrottler(bucketMs) } };
    const [zero, one] = await Promise.all([login(fake, [0], 2, wide), login(fake, [1], 2, wide)]);
    expect(zero.isReady() && one.isReady()).toBe(true);
    const attempts = fake.identifyAttempts();
    expect(attempts.map((a) => a.refusal)).toEqual([null, 'invalid-session', null]);
    expect(attempts.map((a) => a.bucket)).toEqual([0, 0, 0]);
    expect(attempts[1]?.shard).toEqual(attempts[2]?.shard);
    expect((attempts[2]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(bucketMs);
  });

  it('GIVEN max_concurrency 2 THEN shards 0 and 1 identify together with discord.js own throttling', async () => {
    const fake = await start({ maxConcurrency: 2, identifyIntervalMs: 5000 });
    const began = Date.now();
    await login(fake, [0, 1], 2, { ws: {} });
    const attempts = fake.identifyAttempts();
    expect(attempts.map((a) => [a.bucket, a.accepted])).toEqual(
      expect.arrayContaining([
        [0, true],
        [1, true],
      ]),
    );
    expect(attempts).toHaveLength(2);
    expect(Date.now() - began).toBeLessThan(3000);
  });

  it('GIVEN dropShard(1) THEN discord.js resumes shard 1 only and gets the interaction sent meanwhile', async () => {
    const fake = await start();
    fake.addGuilds(3);
    const client = await login(fake, [0, 1], 2);
    const before = fake.sessions();
    const resumed = once(client, Events.ShardResume);
    fake.dropShard(1);
    const answered = onNextInteraction(client, async (interaction) => {
      if (!interaction.isRepliable()) throw new Error('expected a repliable interaction');
      await interaction.reply(`back on ${interaction.guild?.shardId}`);
    });
    const sent = await fake.command('summary', {}, { guildId: guildOn(fake, 1, 2) });
    const [shardId, replayed] = (await resumed) as [number, number];
    await answered;
    expect(shardId).toBe(1);
    expect(replayed).toBeGreaterThanOrEqual(1);
    expect(sent.view().original?.content).toBe('back on 1');
    const resumedOn = fake.gatewayEvents.filter((e) => e.t === 'RESUMED').map((e) => e.shard);
    expect(resumedOn).toEqual([[1, 2]]);
    expect(fake.sessions().map((s) => s.id)).toEqual(before.map((s) => s.id));
    expect(fake.identifyAttempts()).toHaveLength(2);
  });
});
