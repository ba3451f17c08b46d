import { once } from 'node:events';
import { Client, type ClientOptions, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import type { FakeDiscord } from './index.ts';

/** Client options for a test; `undefined` removes a default (e.g. allowedMentions, to see Discord's defaults). */
export type TestClientOptions = { [K in keyof ClientOptions]?: ClientOptions[K] | undefined };

/**
 * A real discord.js Client logged into the fake and ready (guild and channels cached), with the fast test settings
 * and the bot's mention policy. Callers own it: `await client.destroy()` when done.
 */
export async function loginTestClient(
  fake: FakeDiscord,
  overrides: TestClientOptions = {},
): Promise<Client<true>> {
  const merged: Record<string, unknown> = {
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    ...fake.clientOptions(),
    ...overrides,
  };
  const options = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
  const client = new Client(options as unknown as ClientOptions);
  const ready = once(client, Events.ClientReady);
  await client.login('fake.bot.token');
  await ready;
  return client as Client<true>;
}

/** Runs `handler` on the next interaction the client receives; settles with what the handler returns or throws. */
export function onNextInteraction<T>(
  client: Client,
  handler: (interaction: Interaction) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    client.once(Events.InteractionCreate, (interaction) => {
      handler(interaction).then(resolve, reject);
    });
  });
}
