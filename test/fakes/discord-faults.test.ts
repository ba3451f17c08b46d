import { once } from 'node:events';
import { type Client, DiscordAPIError, Events, HTTPError, Routes, type SendableChannels } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loginTestClient, onNextInteraction } from './discord/client.ts';
import {
  type FakeDiscord,
  type FakeDiscordOptions,
  rateLimitReply,
  startFakeDiscord,
} from './discord/index.ts';

let fake: FakeDiscord | undefined;
let client: Client<true> | undefined;

async function start(options: FakeDiscordOptions = {}): Promise<{ fake: FakeDiscord; client: Client<true> }> {
  fake = await startFakeDiscord(options);
  client = await loginTestClient(fake);
  return { fake, client };
}

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

function sendable(client: Client<true>, channelId: string): SendableChannels {
  const channel = client.channels.cache.get(channelId);
  if (!channel?.isSendable()) throw new Error('channel not sendable');
  return channel;
}

const codeOf = (error: unknown) => (error instanceof DiscordAPIError ? error.code : error);

describe('fake Discord: deadlines', () => {
  it('GIVEN the bot acknowledges after 3 s THEN the callback fails with 10062 Unknown interaction', async () => {
    let clock = Date.now();
    const { fake, client } = await start({ now: () => clock });
    const outcome = onNextInteraction(client, async (interaction) => {
      if (!interaction.isRepliable()) throw new Error('expected a repliable interaction');
      clock += 3001;
      return interaction.deferReply().then(() => null, codeOf);
    });
    const sent = await fake.command('summary');
    expect(await outcome).toBe(10062);
    expect(sent.view()).toMatchObject({ ackType: null, rejections: [{ status: 404, code: 10062 }] });
  });

  it('GIVEN the bot acknowledges just before 3 s THEN it is accepted', async () => {
    let clock = Date.now();
    const { fake, client } = await start({ now: () => clock });
    const outcome = onNextInteraction(client, async (interaction) => {
      if (!interaction.isRepliable()) throw new Error('expected a repliable interaction');
      clock += 2999;
      await interaction.deferReply();
    });
    const sent = await fake.command('summary');
    await outcome;
    expect((await sent.waitForAck()).latencyMs).toBe(2999);
  });

  it('GIVEN a second acknowledgement THEN Discord answers 40060', async () => {
    const { fake, client } = await start();
    const outcome = onNextInteraction(client, async (interaction) => {
      if (!interaction.isRepliable()) throw new Error('expected a repliable interaction');
      await interaction.deferReply();
      const again = { body: { type: 5 }, auth: false };
      return client.rest
        .post(Routes.interactionCallback(interaction.id, interaction.token), again)
        .catch(codeOf);
    });
    await fake.command('summary');
    expect(await outcome).toBe(40060);
  });

  it('GIVEN an edit 15 min after the interaction THEN the token is invalid (401 50027)', async () => {
    let clock = Date.now();
    const { fake, client } = await start({ now: () => clock });
    const outcome = onNextInteraction(client, async (interaction) => {
      if (!interaction.isRepliable()) throw new Error('expected a repliable interaction');
      await interaction.deferReply();
      clock += 15 * 60_000 + 1;
      return interaction.editReply('too late').then(() => null, codeOf);
    });
    const sent = await fake.command('summary');
    expect(await outcome).toBe(50027);
    expect(sent.view().thinking).toBe(true);
  });

  it('GIVEN an edit of @original before any acknowledgement THEN 404 10015', async () => {
    const { fake, client } = await start();
    const outcome = onNextInteraction(client, async (interaction) => {
      const route = Routes.webhookMessage(interaction.applicationId, interaction.token, '@original');
      return client.rest.patch(route, { body: { content: 'early' }, auth: false }).catch(codeOf);
    });
    await fake.command('summary');
    expect(await outcome).toBe(10015);
  });
});

describe('fake Discord: gateway', () => {
  it('GIVEN the socket is killed THEN the client resumes and gets the interaction sent meanwhile', async () => {
    const { fake, client } = await start();
    const resumed = once(client, Events.ShardResume);
    fake.killGatewaySocket();
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isRepliable()) throw new Error('expected a repliable interaction');
      await interaction.reply('back');
    });
    const sent = await fake.command('summary');
    await resumed;
    await handled;
    expect(sent.view().original?.content).toBe('back');
    expect(fake.gatewayEvents.filter((e) => e.t === 'RESUMED')).toHaveLength(1);
    expect(fake.gatewayEvents.filter((e) => e.t === 'READY')).toHaveLength(1);
  });
});

describe('fake Discord: channel posts and faults', () => {
  it('GIVEN the same enforced nonce twice THEN one message is posted and both sends return it', async () => {
    const { fake, client } = await start();
    const channel = sendable(client, fake.channelId);
    const first = await channel.send({ content: 'Digest', nonce: 'digest-2026-12-01', enforceNonce: true });
    const second = await channel.send({ content: 'Digest', nonce: 'digest-2026-12-01', enforceNonce: true });
    expect(second.id).toBe(first.id);
    expect(fake.channelMessages()).toHaveLength(1);
  });

  it('GIVEN a 429 with Retry-After THEN discord.js waits that long and the send succeeds', async () => {
    const { fake, client } = await start();
    fake.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/ }, rateLimitReply(0.1));
    await sendable(client, fake.channelId).send('after the wait');
    const posts = fake.requests.filter((r) => r.path === `/channels/${fake.channelId}/messages`);
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(100);
    expect(fake.channelMessages().map((m) => m.content)).toEqual(['after the wait']);
  });

  it('GIVEN a 500 on editReply THEN the client gets an HTTPError and the view records the injected failure', async () => {
    const { fake, client } = await start();
    fake.failNext({ method: 'PATCH', path: /@original$/ }, { status: 500 });
    const outcome = onNextInteraction(client, async (interaction) => {
      if (!interaction.isRepliable()) throw new Error('expected a repliable interaction');
      await interaction.deferReply();
      return interaction.editReply('answer').then(
        () => null,
        (error: unknown) => error,
      );
    });
    const sent = await fake.command('summary');
    expect(await outcome).toBeInstanceOf(HTTPError);
    expect(sent.view().rejections).toEqual([expect.objectContaining({ status: 500, injected: true })]);
  });

  it('GIVEN the same seed THEN random faults fail the same requests, and clearFaults stops them', async () => {
    const pattern = async () => {
      const { fake, client } = await start({ seed: 7 });
      fake.setFaultRates({ rest500: 0.5, match: { path: /\/typing$/ } });
      const channel = sendable(client, fake.channelId);
      const results = [];
      for (let i = 0; i < 12; i += 1)
        results.push(
          await channel.sendTyping().then(
            () => 'ok',
            () => 'fail',
          ),
        );
      fake.clearFaults();
      await channel.sendTyping();
      await client.destroy();
      await fake.close();
      return results;
    };
    const first = await pattern();
    const second = await pattern();
    expect(first).toEqual(second);
    expect(first).toContain('ok');
    expect(first).toContain('fail');
  });
});
