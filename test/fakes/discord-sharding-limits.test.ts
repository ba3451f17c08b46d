import { once } from 'node:events';
import { Client, type ClientOptions, Events, GatewayIntentBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type FakeDiscord, startFakeDiscord } from './discord/index.ts';
import { shardOf } from './discord/payloads.ts';
import { shardingHarness } from './discord/sharding-harness.ts';

const TOKEN = 'fake.bot.token';

const { start, login, clients } = shardingHarness();

/** Opens a raw gateway socket, waits for HELLO, sends `frame`, and settles with the close code or the next op. */
async function rawGateway(
  fake: FakeDiscord,
  frame: unknown,
): Promise<{ close?: number; op?: number; d?: unknown }> {
  const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
  return new Promise((resolve) => {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { op: number; d: unknown };
      if (message.op === 10) socket.send(JSON.stringify(frame));
      else {
        resolve(message);
        socket.terminate();
      }
    });
    socket.on('close', (code) => resolve({ close: code }));
  });
}

async function gatewayBot(fake: FakeDiscord) {
  const response = await fetch(`${fake.restApi}/v10/gateway/bot`, {
    headers: { authorization: `Bot ${TOKEN}` },
  });
  return (await response.json()) as { shards: number; session_start_limit: Record<string, number> };
}

describe('fake Discord: sharding limits', () => {
  it('GIVEN addGuilds(400) THEN the guilds spread evenly over 2 and 4 shards, with snowflake ids', async () => {
    const fake = await startFakeDiscord();
    const ids = fake.addGuilds(400).map((added) => added.guildId);
    await fake.close();
    expect(new Set(ids).size).toBe(400);
    for (const id of ids) expect(id).toMatch(/^\d{17,19}$/);
    for (const count of [2, 4]) {
      const perShard = Array.from({ length: count }, (_, shard) =>
        ids.filter((id) => shardOf(id, count) === shard),
      );
      expect(perShard.map((list) => list.length)).toEqual(Array(count).fill(400 / count));
    }
  });

  it('GIVEN a bad shard field THEN the socket closes with 4010 and the attempt is recorded', async () => {
    const fake = await start();
    const identify = (shard: unknown) =>
      rawGateway(fake, { op: 2, d: { token: TOKEN, intents: 1, properties: {}, shard } });
    for (const shard of [[2, 2], [-1, 2], [0, 0], [0], ['0', 1], [0.5, 2]])
      expect(await identify(shard)).toEqual({ close: 4010 });
    expect(fake.identifyAttempts()).toHaveLength(6);
    expect(fake.identifyAttempts().every((a) => a.refusal === 4010 && !a.accepted)).toBe(true);
  });

  it('GIVEN a RESUME of an unknown session THEN op 9 d:false', async () => {
    const fake = await start();
    const reply = await rawGateway(fake, { op: 6, d: { token: TOKEN, session_id: 'nope', seq: 3 } });
    expect(reply).toMatchObject({ op: 9, d: false });
  });

  it('GIVEN a shard over maxGuildsPerShard THEN discord.js gets 4011 and does not reconnect', async () => {
    const fake = await start({ maxGuildsPerShard: 2, guilds: 3 });
    const client = new Client({
      ...fake.clientOptions(),
      intents: [GatewayIntentBits.Guilds],
    } as ClientOptions);
    clients.push(client);
    const disconnected = once(client, Events.ShardDisconnect);
    const login = client.login(TOKEN).catch((error: unknown) => error);
    const [event] = (await disconnected) as [{ code: number }, number];
    expect(event.code).toBe(4011);
    // discord.js turns 4011 into a rejected login(), and gives the shard up.
    expect(await login).toMatchObject({ message: expect.stringMatching(/Sharding is required/) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.identifyAttempts().map((a) => a.refusal)).toEqual([4011]);
    expect(fake.sessions()).toEqual([]);
  });

  it('GIVEN /gateway/bot THEN it recommends the shards and remaining drops with each IDENTIFY', async () => {
    const fake = await start({ shards: 2, maxConcurrency: 2 });
    expect(await gatewayBot(fake)).toMatchObject({
      shards: 2,
      session_start_limit: { total: 1000, remaining: 1000, max_concurrency: 2 },
    });
    await login(fake, [0, 1], 2);
    const { session_start_limit: limit } = await gatewayBot(fake);
    expect(limit.remaining).toBe(998);
    expect(limit.reset_after).toBeGreaterThan(24 * 60 * 60_000 - 60_000);
  });
});
