import {
  type APIEmbed,
  type Client,
  DiscordAPIError,
  type InteractionEditReplyOptions,
  PermissionFlagsBits,
  Routes,
  type SendableChannels,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginTestClient, onNextInteraction } from './discord/client.ts';
import { type FakeDiscord, startFakeDiscord, type UserView } from './discord/index.ts';

let fake: FakeDiscord;
let client: Client<true>;

beforeAll(async () => {
  fake = await startFakeDiscord();
  client = await loginTestClient(fake);
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

/** Defers a fresh command, then edits the reply with `options`; returns the client's error (or null) and the view. */
async function editReplyWith(
  options: InteractionEditReplyOptions,
): Promise<{ error: unknown; view: UserView }> {
  const outcome = onNextInteraction(client, async (interaction) => {
    if (!interaction.isRepliable()) throw new Error('expected a repliable interaction');
    await interaction.deferReply();
    return interaction.editReply(options).then(
      () => null,
      (error: unknown) => error,
    );
  });
  const sent = await fake.command('ask', { question: 'limits?' });
  const error = await outcome;
  return { error, view: sent.view() };
}

function code(error: unknown): number | string | null {
  return error instanceof DiscordAPIError ? error.code : null;
}

const many = <T>(count: number, make: (i: number) => T): T[] =>
  Array.from({ length: count }, (_, i) => make(i));

describe('fake Discord: message limits', () => {
  it('GIVEN content of 2001 characters THEN editReply rejects with 50035 and the view keeps the rejection', async () => {
    const { error, view } = await editReplyWith({ content: 'x'.repeat(2001) });
    expect(code(error)).toBe(50035);
    expect(String((error as Error).message)).toContain('content[BASE_TYPE_MAX_LENGTH]');
    expect(view.rejections).toEqual([expect.objectContaining({ status: 400, code: 50035, method: 'PATCH' })]);
    expect(view.thinking).toBe(true);
  });

  it('GIVEN content of exactly 2000 characters THEN it is accepted', async () => {
    const { error, view } = await editReplyWith({ content: 'x'.repeat(2000) });
    expect(error).toBeNull();
    expect(view.original?.content).toHaveLength(2000);
  });

  it.each([
    ['a title of 257', [{ title: 't'.repeat(257) }], 'embeds[0].title'],
    ['a description of 4097', [{ description: 'd'.repeat(4097) }], 'embeds[0].description'],
    ['26 fields', [{ fields: many(26, (i) => ({ name: `n${i}`, value: 'v' })) }], 'embeds[0].fields'],
    [
      'a field name of 257',
      [{ fields: [{ name: 'n'.repeat(257), value: 'v' }] }],
      'embeds[0].fields[0].name',
    ],
    [
      'a field value of 1025',
      [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }],
      'embeds[0].fields[0].value',
    ],
    ['a footer of 2049', [{ footer: { text: 'f'.repeat(2049) } }], 'embeds[0].footer.text'],
    ['an author name of 257', [{ author: { name: 'a'.repeat(257) } }], 'embeds[0].author.name'],
    ['11 embeds', many(11, () => ({ title: 'x' })), 'embeds[BASE_TYPE_MAX_LENGTH]'],
    ['6001 characters over two embeds', many(2, () => ({ description: 'd'.repeat(3001) })), 'MAX_EMBED_SIZE'],
    ['a title link that is not a URL', [{ title: 'x', url: 'not a url' }], 'embeds[0].url'],
  ])('GIVEN embeds with %s THEN the edit is refused with 50035', async (_case, embeds, where) => {
    const { error } = await editReplyWith({ embeds: embeds as APIEmbed[] });
    expect(code(error)).toBe(50035);
    expect(String((error as Error).message)).toContain(where);
  });

  it('GIVEN embeds exactly at every limit THEN they are accepted', async () => {
    const fields = many(25, () => ({ name: 'n', value: 'v'.repeat(100) }));
    const embeds = [{ title: 't'.repeat(256), description: 'd'.repeat(3000), fields }];
    const { error, view } = await editReplyWith({ embeds });
    expect(error).toBeNull();
    expect(view.original?.embeds[0]?.fields).toHaveLength(25);
  });

  it('GIVEN allowed_mentions with parse users AND a users list THEN 50035', async () => {
    const allowedMentions = { parse: ['users' as const], users: [fake.userId] };
    const { error } = await editReplyWith({ content: 'hi', allowedMentions });
    expect(code(error)).toBe(50035);
    expect(String((error as Error).message)).toContain('MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE');
  });

  it('GIVEN a reply that mentions a user with parse [] THEN nobody is pinged', async () => {
    const { view } = await editReplyWith({
      content: `<@${fake.userId}> @everyone`,
      allowedMentions: { parse: [] },
    });
    expect(view.original?.pings).toEqual({ everyone: false, users: [], roles: [] });
  });
});

describe('fake Discord: autocomplete limits', () => {
  async function respondWith(choices: { name: string; value: string }[]) {
    const outcome = onNextInteraction(client, async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
      return interaction.respond(choices).then(
        () => null,
        (error: unknown) => error,
      );
    });
    const sent = await fake.autocomplete('summary', { article: '' }, 'article');
    return { error: await outcome, view: sent.view() };
  }

  it.each([
    ['26 choices', Array.from({ length: 26 }, (_, i) => ({ name: `a${i}`, value: `${i}` }))],
    ['an empty name', [{ name: '', value: 'a' }]],
    ['a name of 101', [{ name: 'n'.repeat(101), value: 'a' }]],
    ['a value of 101', [{ name: 'n', value: 'v'.repeat(101) }]],
  ])('GIVEN %s THEN respond() is refused with 50035 and no choices are shown', async (_case, choices) => {
    const { error, view } = await respondWith(choices);
    expect(code(error)).toBe(50035);
    expect(view.choices).toBeNull();
    expect(view.rejections[0]?.code).toBe(50035);
  });
});

describe('fake Discord: channels and permissions', () => {
  async function sendable(channelId: string): Promise<SendableChannels> {
    const channel = await client.channels.fetch(channelId);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    return channel;
  }

  it('GIVEN an empty message THEN channel.send is refused with 50006', async () => {
    const channel = await sendable(fake.channelId);
    await expect(channel.send({ content: '' })).rejects.toMatchObject({ code: 50006 });
  });

  it('GIVEN the bot loses Send Messages THEN the client sees it and a send is refused with 50013', async () => {
    const { guildId, channelId } = fake.addGuild({ name: 'Second' });
    const channel = await sendable(channelId);
    fake.setChannelPermissions(channelId, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.EmbedLinks);
    const cached = client.guilds.cache.get(guildId)?.channels.cache.get(channelId);
    await fake.waitUntil(
      () => cached?.permissionsFor(client.user)?.has(PermissionFlagsBits.SendMessages) === false,
    );
    await expect(channel.send('hello')).rejects.toMatchObject({ code: 50013, status: 403 });
  });

  it('GIVEN Send Messages without Embed Links THEN text is posted and an embed is refused with 50013', async () => {
    const { channelId } = fake.addGuild();
    const channel = await sendable(channelId);
    fake.setChannelPermissions(channelId, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages);
    await channel.send('text only');
    await expect(channel.send({ embeds: [{ title: 'x' }] })).rejects.toMatchObject({ code: 50013 });
    expect(fake.channelMessages(channelId).map((m) => m.content)).toEqual(['text only']);
  });

  it('GIVEN the bot cannot view the channel THEN a send is refused with 50001 Missing Access', async () => {
    const { channelId } = fake.addGuild();
    const channel = await sendable(channelId);
    fake.setChannelPermissions(channelId, 0n);
    await expect(channel.send('hello')).rejects.toMatchObject({ code: 50001 });
  });

  it('GIVEN a deleted channel THEN a send is refused with 10003 and the client drops it from its cache', async () => {
    const { channelId } = fake.addGuild();
    const channel = await sendable(channelId);
    fake.deleteChannel(channelId);
    await fake.waitUntil(() => !client.channels.cache.has(channelId));
    await expect(channel.send('hello')).rejects.toMatchObject({ code: 10003, status: 404 });
  });

  it('GIVEN a route the fake does not serve THEN it answers 404 JSON and records the route', async () => {
    await expect(client.rest.get(Routes.guildEmojis(fake.guildId))).rejects.toMatchObject({ status: 404 });
    expect(fake.unknownRoutes).toContain(`GET /guilds/${fake.guildId}/emojis`);
  });

  it('GIVEN a bot route without a bot token THEN 401 JSON, while interaction routes need none', async () => {
    const response = await fetch(`${fake.restApi}/v10/channels/${fake.channelId}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toMatchObject({ code: 0 });
  });

  it('GIVEN a command with an upper-case name THEN the deploy is refused with 50035', async () => {
    const bad = [{ name: 'Summary', description: 'Summarize' }];
    const put = client.rest.put(Routes.applicationCommands(fake.applicationId), { body: bad });
    await expect(put).rejects.toMatchObject({ code: 50035 });
    expect(fake.registeredCommands()).toEqual([]);
  });
});
