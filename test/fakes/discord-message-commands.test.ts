import { type Client, DiscordAPIError, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginTestClient, onNextInteraction } from './discord/client.ts';
import { type FakeDiscord, startFakeDiscord } from './discord/index.ts';

/**
 * The fake Discord's message commands: registration checked by Discord's naming and localization rules, and the
 * interaction a member sends from a message's Apps menu (type 2 with data.type 3, target_id, resolved.messages).
 */

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

const MESSAGE = 3;
const chatInput = (extra: Record<string, unknown> = {}) => ({
  name: 'summary',
  description: 'Summarize a stored news article',
  ...extra,
});
const messageCommand = (extra: Record<string, unknown> = {}) => ({
  type: MESSAGE,
  name: 'Summarize article',
  ...extra,
});

/** PUTs the body; the API error's code and errors tree, or null when Discord would have accepted it. */
async function deploy(body: unknown[]): Promise<{ code: number | string; errors: unknown } | null> {
  try {
    await client.rest.put(Routes.applicationCommands(fake.applicationId), { body });
    return null;
  } catch (error) {
    if (!(error instanceof DiscordAPIError)) throw error;
    return { code: error.code, errors: (error.rawError as { errors?: unknown }).errors };
  }
}

describe('fake Discord: message command registration', () => {
  it('GIVEN a message command named with capitals and a space, localized THEN it is registered as type 3', async () => {
    const body = [
      chatInput(),
      messageCommand({ name_localizations: { de: 'Artikel zusammenfassen', fr: "Résumer l'article" } }),
    ];
    expect(await deploy(body)).toBeNull();
    const listed = (await client.rest.get(Routes.applicationCommands(fake.applicationId))) as Array<
      Record<string, unknown>
    >;
    expect(listed.find((command) => command.type === MESSAGE)).toMatchObject({
      name: 'Summarize article',
      description: '',
      name_localizations: { de: 'Artikel zusammenfassen' },
    });
  });

  const refused: ReadonlyArray<readonly [string, Record<string, unknown>, Record<string, unknown>]> = [
    ['a message command name over 32 characters', messageCommand({ name: 'S'.repeat(33) }), { name: {} }],
    ['an empty message command name', messageCommand({ name: '' }), { name: {} }],
    ['a message command name with a leading space', messageCommand({ name: ' Summarize' }), { name: {} }],
    [
      'a message command with a description',
      messageCommand({ description: 'Summarize' }),
      { description: {} },
    ],
    [
      'a message command with options',
      messageCommand({ options: [{ type: 3, name: 'x', description: 'x' }] }),
      { options: {} },
    ],
    [
      'a localization under a locale Discord does not have',
      messageCommand({ name_localizations: { xx: 'Zusammenfassen' } }),
      { name_localizations: { xx: {} } },
    ],
    [
      'a message command name localized past 32 characters',
      messageCommand({ name_localizations: { de: 'Z'.repeat(33) } }),
      { name_localizations: { de: {} } },
    ],
    ['a chat-input name with a space', chatInput({ name: 'sum mary' }), { name: {} }],
    [
      'a chat-input name localized in capitals',
      chatInput({ name_localizations: { de: 'Zusammenfassung' } }),
      { name_localizations: { de: {} } },
    ],
    [
      'a description localized past 100 characters',
      chatInput({ description_localizations: { 'es-ES': 'x'.repeat(101) } }),
      { description_localizations: { 'es-ES': {} } },
    ],
    [
      'an option name localized in capitals',
      chatInput({
        options: [
          { type: 3, name: 'article', description: 'The article', name_localizations: { ru: 'Статья' } },
        ],
      }),
      { options: { 0: { name_localizations: { ru: {} } } } },
    ],
    [
      'a choice name localized past 100 characters',
      chatInput({
        options: [
          {
            type: 3,
            name: 'length',
            description: 'How long',
            choices: [{ name: 'Brief', value: 'brief', name_localizations: { fr: 'b'.repeat(101) } }],
          },
        ],
      }),
      { options: { 0: { choices: { 0: { name_localizations: { fr: {} } } } } } },
    ],
  ];

  for (const [what, command, where] of refused) {
    it(`GIVEN ${what} THEN the deploy is refused with 50035 naming the field`, async () => {
      const before = fake.registeredCommands();
      const refusal = await deploy([command]);
      expect(refusal?.code).toBe(50035);
      expect(refusal?.errors).toMatchObject({ 0: where });
      expect(fake.registeredCommands()).toEqual(before);
    });
  }

  it('GIVEN a chat-input name in lowercase Cyrillic and a Russian localization THEN both are accepted', async () => {
    const body = [chatInput({ name: 'сводка', name_localizations: { ru: 'сводка', 'es-419': 'resumen' } })];
    expect(await deploy(body)).toBeNull();
  });
});

describe('fake Discord: a member runs a message command', () => {
  it('GIVEN a member message THEN discord.js sees a message context menu with the message, its author and text', async () => {
    await deploy([messageCommand()]);
    const seen = onNextInteraction(client, async (interaction) => {
      if (!interaction.isMessageContextMenuCommand()) return { kind: interaction.type };
      await interaction.deferReply();
      await interaction.editReply('read it');
      const target = interaction.targetMessage;
      return {
        kind: 'message-command',
        name: interaction.commandName,
        targetId: interaction.targetId,
        id: target.id,
        content: target.content,
        author: target.author.id,
      };
    });
    const sent = await fake.messageCommand('Summarize article', {
      content: 'Look: https://news.example/story',
      authorId: '300000000000000001',
    });
    const result = await seen;
    expect(result).toMatchObject({
      kind: 'message-command',
      name: 'Summarize article',
      content: 'Look: https://news.example/story',
      author: '300000000000000001',
    });
    expect('targetId' in result && result.targetId).toBe('id' in result ? result.id : 'missing');
    const payload = sent.payload as {
      data: { type: number; target_id: string; resolved: { messages: object } };
    };
    expect(payload.data.type).toBe(MESSAGE);
    expect(Object.keys(payload.data.resolved.messages)).toEqual([payload.data.target_id]);
    const view = await sent.waitFor((v) => !v.thinking && v.original !== null);
    expect(view.original?.content).toBe('read it');
  });

  it('GIVEN a message the bot posted THEN the command carries that very message', async () => {
    const channel = await client.channels.fetch(fake.channelId);
    if (!channel?.isSendable()) throw new Error('expected a text channel');
    const posted = await channel.send('Digest: https://news.example/a');
    const seen = onNextInteraction(client, async (interaction) => {
      if (!interaction.isMessageContextMenuCommand()) return null;
      await interaction.reply({ content: 'ok', flags: 64 });
      return { id: interaction.targetMessage.id, content: interaction.targetMessage.content };
    });
    await fake.messageCommand('Summarize article', { messageId: posted.id });
    expect(await seen).toEqual({ id: posted.id, content: 'Digest: https://news.example/a' });
  });
});
