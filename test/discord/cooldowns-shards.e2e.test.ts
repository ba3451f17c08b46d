import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordBot, startDiscordBot } from '../../src/app/discord-bot.ts';
import { type NewsroomRuntime, openNewsroom } from '../../src/app/runtime.ts';
import { shardOfGuild } from '../../src/core/shards.ts';
import { ingestPaths } from '../../src/ingest/files.ts';
import { type FakeAnthropic, startFakeAnthropic } from '../fakes/anthropic.ts';
import { type FakeDiscord, startFakeDiscord, type UserView } from '../fakes/discord/index.ts';
import { captureLogs, SAMPLES_DIR, testConfig } from './support/harness.ts';

/**
 * Two bot processes, each holding one of two shards, over one SQLite file (as two processes of a ShardingManager
 * on one machine): the cooldowns are the store's, so a member's 6th /ask in a minute is refused on the other shard.
 */

const SHARDS = 2;
const TRAM = '001_tram_line_vote';
const answered = (v: UserView) => !v.thinking && (v.original !== null || v.followUps.length > 0);

/** A guild of the fake Discord that lands on `shard`. */
function guildOnShard(discord: FakeDiscord, shard: number): string {
  if (shardOfGuild(discord.guildId, SHARDS) === shard) return discord.guildId;
  for (;;) {
    const { guildId } = discord.addGuild();
    if (shardOfGuild(guildId, SHARDS) === shard) return guildId;
  }
}

describe('cooldowns across two shard processes on one store', () => {
  let dir = '';
  let discord: FakeDiscord;
  let anthropic: FakeAnthropic;
  const runtimes: NewsroomRuntime[] = [];
  const bots: DiscordBot[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-cooldown-shards-'));
    discord = await startFakeDiscord();
    anthropic = await startFakeAnthropic();
    const config = testConfig(discord, anthropic, dir, { ASK_COOLDOWN_PER_MINUTE: '5' });
    const { logger } = captureLogs('silent');
    for (let shard = 0; shard < SHARDS; shard++) {
      const runtime = await openNewsroom(config, logger);
      runtimes.push(runtime);
      if (shard === 0) await ingestPaths([SAMPLES_DIR], { store: runtime.store, dryRun: false });
      const placement = { count: SHARDS, ids: [shard] };
      const client = discord.clientOptions();
      bots.push(await startDiscordBot({ config, logger, runtime, client, placement, shutdownSignals: [] }));
    }
  }, 60_000);
  afterAll(async () => {
    for (const bot of bots) await bot.stop();
    await Promise.all([discord?.close(), anthropic?.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN 5 /ask served by one shard process THEN the 6th, in a server of the other shard, is refused with when to ask again', async () => {
    const [first, second] = [guildOnShard(discord, 0), guildOnShard(discord, 1)];
    const userId = '400000000000000201';
    const ask = async (question: string, guildId: string) =>
      (await discord.command('ask', { question, article: TRAM }, { userId, guildId })).waitFor(answered);
    const startedAt = Date.now();
    for (let i = 0; i < 5; i++) {
      const reply = await ask(`Question ${i} about the tram vote?`, first);
      expect(reply.ephemeral, `ask ${i}`).toBe(false);
    }
    const calls = anthropic.requests.length;
    expect(calls).toBe(5);

    const refused = await ask('One more question about the tram?', second);
    expect(refused.ephemeral).toBe(true);
    const match = /You have used \/ask 5 times in the last minute\. You can use it again <t:(\d+):R>\./.exec(
      refused.original?.content ?? '',
    );
    expect(match).not.toBeNull();
    expect(Number(match?.[1]) * 1000).toBeGreaterThanOrEqual(startedAt + 59_000);
    expect(anthropic.requests.length).toBe(calls);
    // Another member on the second shard is served: the refusal was this member's window, not the shard's.
    const other = await discord.command(
      'ask',
      { question: 'Who voted against the tram?', article: TRAM },
      { userId: '400000000000000202', guildId: second },
    );
    expect((await other.waitFor(answered)).ephemeral).toBe(false);
  }, 60_000);
});
