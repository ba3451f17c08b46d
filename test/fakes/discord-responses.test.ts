import { type Client, MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loginTestClient, onNextInteraction } from './discord/client.ts';
import { type FakeDiscord, startFakeDiscord } from './discord/index.ts';

let fake: FakeDiscord;
let client: Client<true>;

async function start(options: Parameters<typeof startFakeDiscord>[0] = {}): Promise<void> {
  fake = await startFakeDiscord(options);
  client = await loginTestClient(fake);
}

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
});

describe('fake Discord: responses and mentions', () => {
  it('GIVEN a REST latency THEN an edit after its deferral waits one round trip, and the user sees each when applied', async () => {
    const LATENCY_MS = 150;
    await start({ restLatencyMs: LATENCY_MS });
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.deferReply();
      await interaction.editReply('Done');
    });
    const sent = await fake.command('summary');
    const thinking = await sent.waitFor((v) => v.thinking);
    await handled;
    const edited = sent.view();
    expect(edited.original?.content).toBe('Done');
    expect((edited.edits[0]?.at ?? 0) - (thinking.ackAt ?? 0)).toBeGreaterThanOrEqual(LATENCY_MS - 5);
  });

  it('GIVEN reply withResponse THEN the client gets the created message back', async () => {
    await start();
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      const response = await interaction.reply({ content: 'Here it is', withResponse: true });
      return { id: response.resource?.message?.id, content: response.resource?.message?.content };
    });
    const sent = await fake.command('summary');
    expect(await handled).toEqual({ id: sent.view().original?.id, content: 'Here it is' });
    expect(fake.requests.find((r) => r.path.endsWith('/callback'))?.query).toEqual({ with_response: 'true' });
  });

  it('GIVEN deferUpdate on a button THEN editReply edits the clicked message and follow-ups can be edited by id', async () => {
    await start();
    const channel = client.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const posted = await channel.send('Digest');
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected a button');
      await interaction.deferUpdate();
      await interaction.editReply('Digest (read)');
      const extra = await interaction.followUp({ content: 'draft', flags: MessageFlags.Ephemeral });
      await interaction.webhook.editMessage(extra, { content: 'final' });
    });
    const clicked = await fake.button('read', { messageId: posted.id });
    await handled;
    expect(clicked.view()).toMatchObject({
      ackType: 6,
      original: { id: posted.id, content: 'Digest (read)' },
    });
    expect(clicked.view().followUps).toEqual([
      expect.objectContaining({ content: 'final', ephemeral: true }),
    ]);
    expect(fake.channelMessages()[0]?.content).toBe('Digest (read)');
  });

  it('GIVEN no allowed_mentions THEN a channel post pings users and everyone, an interaction reply only users', async () => {
    fake = await startFakeDiscord();
    client = await loginTestClient(fake, { allowedMentions: undefined });
    const text = `<@${fake.userId}> @everyone`;
    const channel = client.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    await channel.send(text);
    const handled = onNextInteraction(client, async (interaction) => {
      if (interaction.isRepliable()) await interaction.reply(text);
    });
    const sent = await fake.command('ask');
    await handled;
    expect(fake.channelMessages()[0]?.pings).toEqual({ everyone: true, users: [fake.userId], roles: [] });
    expect(sent.view().original?.pings).toEqual({ everyone: false, users: [fake.userId], roles: [] });
  });

  it('GIVEN a short heartbeat interval THEN every beat is acknowledged and the session stays the same', async () => {
    fake = await startFakeDiscord({ heartbeatIntervalMs: 60 });
    client = await loginTestClient(fake);
    await fake.waitUntil(() => fake.gatewayEvents.filter((e) => e.dir === 'out' && e.op === 11).length >= 3);
    const beats = fake.gatewayEvents.filter((e) => e.dir === 'in' && e.op === 1).length;
    expect(fake.gatewayEvents.filter((e) => e.dir === 'out' && e.op === 11).length).toBeGreaterThanOrEqual(
      beats - 1,
    );
    expect(fake.gatewayEvents.filter((e) => e.dir === 'in' && (e.op === 2 || e.op === 6))).toHaveLength(1);
  });

  it('GIVEN a file upload THEN the multipart body is read and the attachment is on the message', async () => {
    await start();
    const channel = client.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const sent = await channel.send({
      content: 'digest',
      files: [{ attachment: Buffer.from('hello'), name: 'a.txt' }],
    });
    expect(sent.attachments.first()?.name).toBe('a.txt');
    expect(fake.channelMessages()[0]).toMatchObject({
      content: 'digest',
      attachments: [{ filename: 'a.txt', size: 5 }],
    });
  });
});
