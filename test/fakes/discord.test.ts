import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  type Client,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loginTestClient, onNextInteraction } from './discord/client.ts';
import { type FakeDiscord, startFakeDiscord } from './discord/index.ts';

let fake: FakeDiscord;
let client: Client<true>;

async function start(): Promise<void> {
  fake = await startFakeDiscord();
  client = await loginTestClient(fake);
}

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
});

describe('fake Discord: login', () => {
  it('GIVEN the fake THEN the real client becomes ready with the guild, its channel and its permissions', async () => {
    await start();
    const guild = client.guilds.cache.get(fake.guildId);
    const channel = client.channels.cache.get(fake.channelId);
    expect(guild?.name).toBe('Test Guild');
    expect(channel?.type).toBe(ChannelType.GuildText);
    const permissions = guild?.channels.cache.get(fake.channelId)?.permissionsFor(client.user);
    expect(permissions?.has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(permissions?.has(PermissionFlagsBits.Administrator)).toBe(false);
    expect(client.application.id).toBe(fake.applicationId);
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/gateway/bot', status: 200 });
    expect(fake.requests[0]?.headers.authorization).toBe('Bot fake.bot.token');
  });
});

describe('fake Discord: commands', () => {
  it('GIVEN a subcommand with options THEN deferReply and editReply show in the view with the ack time', async () => {
    await start();
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const topic = interaction.options.getString('topic');
      await interaction.editReply(`${interaction.options.getSubcommand()}: ${topic} ${interaction.locale}`);
    });
    const sent = await fake.command('digest', { topic: 'weather' }, { subcommand: 'preview', locale: 'de' });
    const ack = await sent.waitForAck();
    await handled;
    const view = sent.view();
    expect(ack).toMatchObject({ type: 5, ephemeral: true });
    expect(ack.latencyMs).toBeLessThan(3000);
    expect(view.ackAt).toBe(ack.at);
    expect(view.thinking).toBe(false);
    expect(view.original?.content).toBe('preview: weather de');
    expect(view.edits).toHaveLength(1);
    expect(view.rejections).toEqual([]);
  });

  it('GIVEN a registered command THEN options carry its declared types and channel options resolve', async () => {
    await start();
    const definition = new SlashCommandBuilder()
      .setName('digest')
      .setDescription('Daily digest')
      .addChannelOption((o) => o.setName('channel').setDescription('Where').setRequired(true))
      .addNumberOption((o) => o.setName('items').setDescription('How many'));
    const registered = await client.application.commands.set([definition.toJSON()], fake.guildId);
    expect(registered.first()?.name).toBe('digest');
    expect(fake.registeredCommands({ guildId: fake.guildId })).toEqual([
      expect.objectContaining({ name: 'digest' }),
    ]);
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.reply({ content: 'ok' });
      return [interaction.options.getChannel('channel')?.id, interaction.options.getNumber('items')];
    });
    await fake.command('digest', { channel: { type: 7, value: fake.channelId }, items: 5 });
    expect(await handled).toEqual([fake.channelId, 5]);
  });

  it('GIVEN an autocomplete THEN the focused value reaches the bot and its choices are in the view', async () => {
    await start();
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
      const typed = interaction.options.getFocused();
      await interaction.respond([{ name: `Articles about ${typed}`, value: 'a1' }]);
    });
    const sent = await fake.autocomplete('summary', { article: 'wea', length: 'short' }, 'article');
    await handled;
    const view = sent.view();
    expect(view.ackType).toBe(8);
    expect(view.choices).toEqual([{ name: 'Articles about wea', value: 'a1' }]);
  });
});

describe('fake Discord: components and modals', () => {
  it('GIVEN a button on a posted message THEN update() changes that message for everyone', async () => {
    await start();
    const channel = client.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('more:a1').setLabel('More').setStyle(ButtonStyle.Primary),
    );
    const posted = await channel.send({ content: 'Digest', components: [row] });
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected a button');
      await interaction.update({ content: `Digest (opened ${interaction.customId})`, components: [] });
    });
    const clicked = await fake.button('more:a1', { messageId: posted.id });
    await handled;
    expect(clicked.view().ackType).toBe(7);
    expect(fake.channelMessages()).toEqual([
      expect.objectContaining({
        id: posted.id,
        content: 'Digest (opened more:a1)',
        components: [],
        editCount: 1,
      }),
    ]);
  });

  it('GIVEN a button that opens a modal THEN the modal is recorded and its submission reaches the bot', async () => {
    await start();
    const opened = onNextInteraction(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected a button');
      const input = new TextInputBuilder().setCustomId('question').setStyle(TextInputStyle.Short);
      const label = new LabelBuilder().setLabel('Question').setTextInputComponent(input);
      await interaction.showModal(
        new ModalBuilder().setCustomId('ask:a1').setTitle('Ask').addLabelComponents(label),
      );
    });
    const clicked = await fake.button('ask:a1');
    await opened;
    expect(clicked.view().modal).toMatchObject({ custom_id: 'ask:a1', title: 'Ask' });
    const answered = onNextInteraction(client, async (interaction) => {
      if (!interaction.isModalSubmit()) throw new Error('expected a modal submit');
      await interaction.reply({ content: 'Thanks', flags: MessageFlags.Ephemeral });
      return interaction.fields.getTextInputValue('question');
    });
    const submitted = await fake.modalSubmit('ask:a1', { question: 'Who won?' });
    expect(await answered).toBe('Who won?');
    expect(submitted.payload).toMatchObject({ data: { components: [{ type: 18 }] } });
    expect(submitted.view()).toMatchObject({ ackType: 4, ephemeral: true, original: { content: 'Thanks' } });
  });

  it('GIVEN a modal with text inputs in action rows THEN the submission comes back in rows', async () => {
    await start();
    const opened = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      const input = new TextInputBuilder().setCustomId('q').setLabel('Q').setStyle(TextInputStyle.Paragraph);
      const row = new ActionRowBuilder<TextInputBuilder>().addComponents(input);
      await interaction.showModal(
        new ModalBuilder().setCustomId('legacy').setTitle('Ask').addComponents(row),
      );
    });
    await fake.command('ask');
    await opened;
    const answered = onNextInteraction(client, async (interaction) => {
      if (!interaction.isModalSubmit()) throw new Error('expected a modal submit');
      await interaction.deferReply();
      return interaction.fields.getTextInputValue('q');
    });
    const submitted = await fake.modalSubmit('legacy', { q: 'Why?' });
    expect(await answered).toBe('Why?');
    expect(submitted.payload).toMatchObject({ data: { components: [{ type: 1 }] } });
  });

  it('GIVEN a bare defer THEN the first follow-up fills the deferred message and the next is its own', async () => {
    await start();
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.deferReply();
      await interaction.followUp('part 1');
      await interaction.followUp({ content: 'part 2', flags: MessageFlags.Ephemeral });
    });
    const sent = await fake.command('ask', { question: 'Why?' });
    await handled;
    const view = sent.view();
    expect(view.original?.content).toBe('part 1');
    expect(view.followUps).toEqual([expect.objectContaining({ content: 'part 2', ephemeral: true })]);
  });
});
