import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
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

/** Room for the trip to the fake: it times a bucket from when an IDENTIFY arrives, the client from when it sends. */
const IDENTIFY_MARGIN_MS = 25;

interface GatewayInfoSource {
  fetchGatewayInformation(): Promise<{ session_start_limit: { max_concurrency: number } }>;
}

/**
 * For `ws.buildIdentifyThrottler`: discord.js's identify throttling (one IDENTIFY per bucket `shard %
 * max_concurrency`, in order) with a short interval instead of its 5 s + up to 1.5 s, so a 4-shard test starts in
 * well under a second. Pair it with the fake's `identifyIntervalMs` set to the same `intervalMs`. Per Client, like
 * discord.js's own: two Clients do not coordinate (as two processes would not).
 */
export function shortIdentifyThrottler(intervalMs: number) {
  return async (manager: GatewayInfoSource) => {
    const { max_concurrency: maxConcurrency } = (await manager.fetchGatewayInformation()).session_start_limit;
    const turns = new Map<number, Promise<void>>();
    const last = new Map<number, number>();
    return {
      waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
        const key = shardId % maxConcurrency;
        const turn = (turns.get(key) ?? Promise.resolve())
          .catch(() => {})
          .then(async () => {
            const wait =
              (last.get(key) ?? Number.NEGATIVE_INFINITY) + intervalMs + IDENTIFY_MARGIN_MS - Date.now();
            if (wait > 0) await sleep(wait, undefined, { signal });
            last.set(key, Date.now());
          });
        turns.set(key, turn);
        return turn;
      },
    };
  };
}
