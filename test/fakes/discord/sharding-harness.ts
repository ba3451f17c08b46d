import type { Client, ClientOptions } from 'discord.js';
import { afterEach } from 'vitest';
import { loginTestClient, shortIdentifyThrottler } from './client.ts';
import { type FakeDiscord, type FakeDiscordOptions, startFakeDiscord } from './index.ts';

/** Short identify buckets on both sides, so several shards start in well under a second. */
export const IDENTIFY_MS = 150;

/**
 * One fake Discord and the real discord.js Clients logged into it for a test file's sharding tests, closed after
 * each test. `login` identifies with the fake's short bucket interval.
 */
export function shardingHarness() {
  const state: { fake: FakeDiscord | undefined; clients: Client[] } = { fake: undefined, clients: [] };
  afterEach(async () => {
    await Promise.all(state.clients.splice(0).map((client) => client.destroy()));
    await state.fake?.close();
    state.fake = undefined;
  });
  const fast = { ws: { buildIdentifyThrottler: shortIdentifyThrottler(IDENTIFY_MS) } };
  return {
    async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
      state.fake = await startFakeDiscord({
        identifyIntervalMs: IDENTIFY_MS,
        heartbeatIntervalMs: 1000,
        ...options,
      });
      return state.fake;
    },
    async login(fake: FakeDiscord, shards: number[], shardCount: number, extra: Partial<ClientOptions> = {}) {
      const client = await loginTestClient(fake, { shards, shardCount, ...fast, ...extra });
      state.clients.push(client);
      return client;
    },
    clients: state.clients,
  };
}
