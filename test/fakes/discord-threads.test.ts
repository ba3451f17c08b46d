import { once } from 'node:events';
import {
  ChannelType,
  type Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Message,
  PermissionFlagsBits,
  type TextChannel,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loginTestClient } from './discord/client.ts';
import { ALL_PERMISSIONS, type FakeDiscord, startFakeDiscord } from './discord/index.ts';
import { mayReadContent } from './discord/message-create.ts';
import { createWorld } from './discord/world.ts';

let fake: FakeDiscord;
const clients: Client[] = [];

const MESSAGES = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];

async function start(options: Parameters<typeof startFakeDiscord>[0] = {}, intents = MESSAGES) {
  fake = await startFakeDiscord(options);
  const client = await loginTestClient(fake, { intents });
  clients.push(client);
  return client;
}

afterEach(async () => {
  for (const client of clients.splice(0)) await client.destroy();
  await fake?.close();
});

function textChannel(client: Client): TextChannel {
  return client.channels.cache.get(fake.channelId) as TextChannel;
}

async function apiError(promise: Promise<unknown>): Promise<{ status: number; code: number | string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DiscordAPIError))
    throw new Error(`expected a Discord API error, got ${String(error)}`);
  return { status: error.status, code: error.code };
}

function nextMessage(client: Client): Promise<Message> {
  return once(client, Events.MessageCreate).then(([message]) => message as Message);
}

describe('fake Discord: threads', () => {
  it('GIVEN a bot post WHEN a thread is started from it THEN the thread has its id, the client knows it, and a second start is 160004', async () => {
    const client = await start();
    const post = await textChannel(client).send('An answer');
    const thread = await post.startThread({ name: 'Harbor City tram' });
    expect(thread.id).toBe(post.id);
    expect(thread.type).toBe(ChannelType.PublicThread);
    expect(thread.parentId).toBe(fake.channelId);
    expect(thread.ownerId).toBe(fake.botUserId);
    expect(fake.thread(post.id)).toMatchObject({ name: 'Harbor City tram', parentId: fake.channelId });
    await fake.waitUntil(() => client.channels.cache.has(post.id));
    expect(await apiError(post.startThread({ name: 'Again' }))).toEqual({ status: 400, code: 160004 });
  });

  it('GIVEN a name of 0 or 101 characters THEN Discord refuses it with 50035', async () => {
    const client = await start();
    const channel = textChannel(client);
    for (const name of ['', 'x'.repeat(101)]) {
      const refused = apiError(channel.threads.create({ name, type: ChannelType.PublicThread }));
      expect(await refused).toEqual({ status: 400, code: 50035 });
    }
    expect(fake.threads()).toEqual([]);
  });

  it('GIVEN no Create Public Threads WHEN the bot starts a thread with or without a message THEN 50013', async () => {
    const client = await start();
    const post = await textChannel(client).send('An answer');
    fake.setChannelPermissions(fake.channelId, ALL_PERMISSIONS & ~PermissionFlagsBits.CreatePublicThreads);
    expect(await apiError(post.startThread({ name: 'Tram' }))).toEqual({ status: 403, code: 50013 });
    const bare = textChannel(client).threads.create({ name: 'Tram', type: ChannelType.PublicThread });
    expect(await apiError(bare)).toEqual({ status: 403, code: 50013 });
  });

  it('GIVEN a thread without a message WHEN the bot posts in it THEN it needs Send Messages in Threads, not Send Messages', async () => {
    const client = await start();
    const thread = await textChannel(client).threads.create({ name: 'Tram', type: ChannelType.PublicThread });
    expect(thread.id).not.toBe(fake.channelId);
    fake.setChannelPermissions(fake.channelId, ALL_PERMISSIONS & ~PermissionFlagsBits.SendMessages);
    await thread.send('In the thread');
    expect(fake.channelMessages(thread.id).map((m) => m.content)).toEqual(['In the thread']);
    fake.setChannelPermissions(fake.channelId, ALL_PERMISSIONS & ~PermissionFlagsBits.SendMessagesInThreads);
    expect(await apiError(thread.send('Refused'))).toEqual({ status: 403, code: 50013 });
    expect(fake.channelMessages(thread.id)).toHaveLength(1);
  });

  it('GIVEN a thread WHEN the bot tries to start a thread inside it THEN 50024', async () => {
    const client = await start();
    const thread = await textChannel(client).threads.create({ name: 'Tram', type: ChannelType.PublicThread });
    const inner = await client.rest
      .post(`/channels/${thread.id}/threads`, { body: { name: 'Inner', type: 11 } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(inner).toBeInstanceOf(DiscordAPIError);
    expect((inner as DiscordAPIError).code).toBe(50024);
  });

  it('GIVEN a thread WHEN the client reconnects THEN GUILD_CREATE lists it and messages there still arrive', async () => {
    const first = await start();
    const thread = await textChannel(first).threads.create({ name: 'Tram', type: ChannelType.PublicThread });
    await first.destroy();
    const second = await loginTestClient(fake, { intents: MESSAGES });
    clients.push(second);
    expect(second.channels.cache.get(thread.id)?.isThread()).toBe(true);
    const arrived = nextMessage(second);
    await fake.memberMessage(thread.id, `<@${fake.botUserId}> still there?`);
    expect((await arrived).channelId).toBe(thread.id);
  });
});

describe('fake Discord: MESSAGE_CREATE and the Message Content intent', () => {
  it('GIVEN GuildMessages without Message Content THEN a member message arrives empty unless it mentions the bot', async () => {
    const client = await start();
    const plain = nextMessage(client);
    await fake.memberMessage(fake.channelId, 'what about the tram?');
    const seen = await plain;
    expect(seen.content).toBe('');
    expect(seen.author.id).toBe(fake.userId);
    const mention = nextMessage(client);
    await fake.memberMessage(fake.channelId, `<@${fake.botUserId}> what about the tram?`);
    const mentioned = await mention;
    expect(mentioned.content).toBe(`<@${fake.botUserId}> what about the tram?`);
    expect(mentioned.mentions.users.has(fake.botUserId)).toBe(true);
  });

  it("GIVEN the bot's own post THEN its MESSAGE_CREATE carries the content even without Message Content", async () => {
    const client = await start();
    const own = nextMessage(client);
    await textChannel(client).send('Daily digest');
    const seen = await own;
    expect(seen.content).toBe('Daily digest');
    expect(seen.author.id).toBe(fake.botUserId);
  });

  it('GIVEN Message Content enabled for the app and asked for THEN every member message arrives whole', async () => {
    const client = await start({ privilegedIntents: GatewayIntentBits.MessageContent }, [
      ...MESSAGES,
      GatewayIntentBits.MessageContent,
    ]);
    const plain = nextMessage(client);
    await fake.memberMessage(fake.channelId, 'what about the tram?');
    expect((await plain).content).toBe('what about the tram?');
  });

  it('GIVEN only the Guilds intent THEN no MESSAGE_CREATE is sent at all', async () => {
    const client = await start({}, [GatewayIntentBits.Guilds]);
    let seen = 0;
    client.on(Events.MessageCreate, () => seen++);
    await fake.memberMessage(fake.channelId, `<@${fake.botUserId}> hello`);
    await fake.waitUntil(() => fake.gatewayEvents.length > 0);
    expect(fake.gatewayEvents.filter((e) => e.t === 'MESSAGE_CREATE')).toHaveLength(0);
    expect(seen).toBe(0);
  });

  it('GIVEN Message Content not enabled for the app WHEN the client asks for it THEN the gateway closes with 4014', async () => {
    fake = await startFakeDiscord();
    const failed = loginTestClient(fake, { intents: [...MESSAGES, GatewayIntentBits.MessageContent] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    await fake.waitUntil(() => fake.gatewayEvents.some((e) => e.dir === 'in' && e.op === 2));
    const error = await failed;
    expect(String(error)).toMatch(/disallowed intents/i);
  });

  it('GIVEN a DM THEN its content is readable without Message Content (the rule, as the fake applies it)', () => {
    const world = createWorld(
      () => '1',
      () => 0,
    );
    const dm = {
      ...{
        id: '1',
        channelId: '2',
        guildId: null,
        content: 'hi',
        embeds: [],
        components: [],
        attachments: [],
      },
      ...{ flags: 0, nonce: null, pings: { everyone: false, users: [], roles: [] }, webhookId: null },
      ...{
        interactionId: null,
        createdAt: 0,
        editedAt: null,
        editCount: 0,
        deleted: false,
        defaultParse: [],
      },
      authorId: '400000000000000004',
    };
    expect(mayReadContent(dm, world, 0)).toBe(true);
    expect(mayReadContent({ ...dm, guildId: '200000000000000002' }, world, 0)).toBe(false);
  });
});
