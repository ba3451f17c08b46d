import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_DISCLAIMER } from '../../src/core/config.ts';
import { shardOfGuild } from '../../src/core/shards.ts';
import { type FakeAnthropic, startFakeAnthropic } from '../fakes/anthropic.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/index.ts';
import { envWithSamples, type NewsdeskProcess, runNewsdesk, startNewsdesk } from '../support/subprocess.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** After a test: the manager and every shard process it logged, killed if still running. */
/**
 * Kills the bot and every process it started, and waits for them to go. `bot.child` is tsx's launcher: the
 * ShardingManager is the shard processes' parent, which outlives a killed launcher unless it is killed too (and
 * then keeps its shards writing into a store folder the test is about to remove).
 */
async function killAll(bot: NewsdeskProcess | undefined): Promise<void> {
  if (bot && bot.child.exitCode === null) bot.child.kill('SIGKILL');
  const shards = (bot?.logs('shard started') ?? []).flatMap(({ pid }) => (pid ? [pid] : []));
  const managers = shards
    .filter(alive)
    .map(parentOrNone)
    .filter((pid) => pid > 1);
  const all = [...new Set([...managers, ...shards])].filter(alive);
  for (const pid of all) process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (all.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** The parent pid, or 0 for a process that is already gone. */
function parentOrNone(pid: number): number {
  try {
    return parentOf(pid);
  } catch {
    return 0;
  }
}

/** The parent pid of a process, from Linux's /proc: the ShardingManager of a shard process. */
const parentOf = (pid: number) =>
  Number(/^PPid:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

/** Guilds until each of `count` shards holds one (the default guild is one of them); `all` lists every guild. */
function guildPerShard(discord: FakeDiscord, count: number) {
  const all = [{ guildId: discord.guildId, channelId: discord.channelId }];
  const byShard = new Map<number, { guildId: string; channelId: string }>();
  byShard.set(shardOfGuild(discord.guildId, count), all[0] as (typeof all)[0]);
  while (byShard.size < count) {
    const guild = discord.addGuild({ name: `Guild ${all.length}` });
    all.push(guild);
    if (!byShard.has(shardOfGuild(guild.guildId, count)))
      byShard.set(shardOfGuild(guild.guildId, count), guild);
  }
  return { byShard, all };
}

async function summaryIn(discord: FakeDiscord, where: { guildId: string; channelId: string }) {
  const interaction = await discord.command('summary', { article: '001_tram_line_vote' }, where);
  const view = await interaction.waitFor((v) => !v.thinking && v.original !== null, 20_000);
  return view.original?.embeds[0]?.footer?.text;
}

describe('npm start with SHARD_COUNT=2 (a ShardingManager and one process per shard)', () => {
  let discord: FakeDiscord;
  let anthropic: FakeAnthropic;
  let dir: string;
  let bot: NewsdeskProcess;
  let guilds: ReturnType<typeof guildPerShard>;

  beforeAll(async () => {
    discord = await startFakeDiscord({ shards: 2 });
    guilds = guildPerShard(discord, 2);
    anthropic = await startFakeAnthropic();
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-shards-'));
    const { env, ingested } = await envWithSamples(dir, discord.restApi, anthropic.url);
    expect(ingested).toBe('7 new, 0 updated, 0 unchanged, 0 failed\n');
    bot = startNewsdesk({ ...env, SHARD_COUNT: '2', SHARDS_PER_PROCESS: '1', SHARD_SPAWN_DELAY_MS: '100' });
    await discord.waitUntil(() => bot.logs('bot ready').length === 2, 60_000);
  }, 90_000);

  afterAll(async () => {
    await killAll(bot);
    await discord.close();
    await anthropic.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN two shards THEN each process identified with its own shard of 2 and got only its guilds', () => {
    const ready = bot.logs('bot ready').sort((a, b) => (a.shards?.[0] ?? 0) - (b.shards?.[0] ?? 0));
    expect(ready.map((line) => line.shards)).toEqual([[0], [1]]);
    const perShard = [0, 1].map(
      (shard) => guilds.all.filter((g) => shardOfGuild(g.guildId, 2) === shard).length,
    );
    expect(ready.map((line) => line.guilds)).toEqual(perShard);
    const sessions = new Set(discord.gatewayEvents.filter((e) => e.t === 'READY').map((e) => e.sessionId));
    expect(sessions.size).toBe(2);
    const started = bot.logs('shard started');
    expect(started.map((line) => line.shard).sort()).toEqual([0, 1]);
    expect(new Set(started.map((line) => line.pid)).size).toBe(2);
  });

  it('GIVEN a guild on each shard THEN /summary is answered in both', async () => {
    for (const where of guilds.byShard.values())
      expect(await summaryIn(discord, where)).toBe(SITE_DISCLAIMER);
  }, 45_000);

  it('GIVEN a shard process is killed THEN the manager logs it, restarts it, and it answers again', async () => {
    const victim = bot.logs('shard started').find((line) => line.shard === 1);
    process.kill(victim?.pid ?? 0, 'SIGKILL');
    await discord.waitUntil(() => bot.logs('shard exited; respawning').some((l) => l.shard === 1), 10_000);
    await discord.waitUntil(
      () => bot.logs('bot ready').filter((l) => l.shards?.[0] === 1).length === 2,
      60_000,
    );
    const restarted = bot.logs('shard started').filter((line) => line.shard === 1);
    expect(restarted).toHaveLength(2);
    expect(restarted[1]?.pid).not.toBe(victim?.pid);
    expect(await summaryIn(discord, guilds.byShard.get(1) ?? { guildId: '', channelId: '' })).toBe(
      SITE_DISCLAIMER,
    );
  }, 90_000);

  it('GIVEN SIGTERM THEN every shard stops cleanly and the manager exits 0', async () => {
    const pids = bot.logs('shard started').map((line) => line.pid ?? 0);
    const began = Date.now();
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(Date.now() - began).toBeLessThan(20_000);
    expect(bot.logs('bot stopped')).toHaveLength(2);
    expect(bot.logs('shard stopped').map((line) => line.code)).toEqual([0, 0]);
    expect(pids.filter(alive)).toEqual([]);
  }, 30_000);
});

describe('npm start with SHARD_COUNT=4 SHARDS_PER_PROCESS=2 (two shards in each process)', () => {
  let discord: FakeDiscord;
  let anthropic: FakeAnthropic;
  let dir: string;
  let bot: NewsdeskProcess;
  let guilds: ReturnType<typeof guildPerShard>;
  const readyOf = (first: number) => bot.logs('bot ready').filter((line) => line.shards?.[0] === first);

  beforeAll(async () => {
    // Two identifies allowed at once: both processes start together instead of one after the other.
    discord = await startFakeDiscord({ shards: 4, maxConcurrency: 2 });
    guilds = guildPerShard(discord, 4);
    anthropic = await startFakeAnthropic();
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-shard-groups-'));
    const { env } = await envWithSamples(dir, discord.restApi, anthropic.url);
    bot = startNewsdesk({ ...env, SHARD_COUNT: '4', SHARDS_PER_PROCESS: '2', SHARD_SPAWN_DELAY_MS: '100' });
    await discord.waitUntil(() => bot.logs('bot ready').length === 2, 60_000);
  }, 90_000);

  afterAll(async () => {
    await killAll(bot);
    await discord.close();
    await anthropic.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN 4 shards two to a process THEN two processes, each with one session per shard and only its guilds', () => {
    const ready = bot.logs('bot ready').sort((a, b) => (a.shards?.[0] ?? 0) - (b.shards?.[0] ?? 0));
    expect(ready.map((line) => line.shards)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    const ofShards = (ids: number[]) =>
      guilds.all.filter((g) => ids.includes(shardOfGuild(g.guildId, 4))).length;
    expect(ready.map((line) => line.guilds)).toEqual([ofShards([0, 1]), ofShards([2, 3])]);
    const readies = discord.gatewayEvents.filter((event) => event.t === 'READY');
    expect(new Set(readies.map((event) => event.sessionId)).size).toBe(4);
    const started = bot.logs('shard started');
    expect(started.map((line) => line.shards)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(new Set(started.map((line) => line.pid)).size).toBe(2);
  });

  it('GIVEN max_concurrency 2 THEN both processes start before the first is ready', () => {
    const lastStart = Math.max(...bot.logs('shard started').map((line) => line.time));
    const firstReady = Math.min(...bot.logs('bot ready').map((line) => line.time));
    expect(lastStart).toBeLessThan(firstReady);
  });

  it('GIVEN a guild on each of the 4 shards THEN /summary is answered in all of them', async () => {
    for (const where of guilds.byShard.values())
      expect(await summaryIn(discord, where)).toBe(SITE_DISCLAIMER);
  }, 60_000);

  it('GIVEN the process of shards 2 and 3 is killed THEN it is restarted with both, and both answer again', async () => {
    const victim = bot.logs('shard started').find((line) => line.shard === 2);
    process.kill(victim?.pid ?? 0, 'SIGKILL');
    await discord.waitUntil(() => bot.logs('shard exited; respawning').some((l) => l.shard === 2), 10_000);
    await discord.waitUntil(() => readyOf(2).length === 2, 60_000);
    expect(readyOf(2).map((line) => line.shards)).toEqual([
      [2, 3],
      [2, 3],
    ]);
    expect(readyOf(0)).toHaveLength(1);
    for (const shard of [2, 3]) {
      expect(await summaryIn(discord, guilds.byShard.get(shard) ?? { guildId: '', channelId: '' })).toBe(
        SITE_DISCLAIMER,
      );
    }
  }, 90_000);
});

describe('npm start with SHARD_COUNT=auto', () => {
  let discord: FakeDiscord;
  let bot: NewsdeskProcess | undefined;
  let dir: string;

  beforeAll(async () => {
    discord = await startFakeDiscord({ shards: 2 });
    // Shards need a store they share: memory:// is refused with more than one.
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-shards-auto-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await killAll(bot);
    await discord.close();
  });

  it('GIVEN Discord recommends 2 THEN two shards start, asked through DISCORD_API_URL', async () => {
    bot = startNewsdesk({
      STORE_URL: `sqlite://${path.join(dir, 'store.sqlite')}`,
      DISCORD_TOKEN: 'fake.bot.token',
      DISCORD_API_URL: discord.restApi,
      SHARD_COUNT: 'auto',
      SHARDS_PER_PROCESS: '1',
      SHARD_SPAWN_DELAY_MS: '100',
      LOG_LEVEL: 'info',
    });
    await discord.waitUntil(() => bot?.logs('bot ready').length === 2, 60_000);
    expect(bot.logs('shard count resolved')[0]?.shardCount).toBe(2);
    expect(
      bot
        .logs('bot ready')
        .map((line) => line.shards?.[0])
        .sort(),
    ).toEqual([0, 1]);
    expect(discord.requests.filter((r) => r.path === '/gateway/bot').length).toBeGreaterThanOrEqual(3);
  }, 90_000);

  it('GIVEN the manager is killed outright THEN its shard processes do not live on', async () => {
    const pids = (bot?.logs('shard started') ?? []).map((line) => line.pid ?? 0);
    const manager = parentOf(pids[0] ?? 0);
    expect(manager).toBe(parentOf(pids[1] ?? 0));
    process.kill(manager, 'SIGKILL');
    await discord.waitUntil(() => pids.every((pid) => !alive(pid)), 20_000);
    expect(bot?.logs('bot stopped')).toHaveLength(2);
  }, 30_000);
});

describe('npm start on the second of two machines (SHARD_COUNT=4, SHARD_IDS=2-3)', () => {
  let discord: FakeDiscord;
  let bot: NewsdeskProcess | undefined;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-shards-2-3-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await killAll(bot);
    await discord.close();
  });

  it('GIVEN ids 2-3 of 4 THEN only shards 2 and 3 start, each identifying out of 4', async () => {
    discord = await startFakeDiscord({ shards: 4 });
    const { all } = guildPerShard(discord, 4);
    bot = startNewsdesk({
      STORE_URL: `sqlite://${path.join(dir, 'store.sqlite')}`,
      DISCORD_TOKEN: 'fake.bot.token',
      DISCORD_API_URL: discord.restApi,
      SHARD_COUNT: '4',
      SHARD_IDS: '2-3',
      SHARDS_PER_PROCESS: '1',
      SHARD_SPAWN_DELAY_MS: '100',
      LOG_LEVEL: 'info',
    });
    await discord.waitUntil(() => bot?.logs('bot ready').length === 2, 60_000);
    const ready = bot.logs('bot ready').sort((a, b) => (a.shards?.[0] ?? 0) - (b.shards?.[0] ?? 0));
    expect(ready.map((line) => line.shards)).toEqual([[2], [3]]);
    // Out of 4, not of 2: each got exactly the guilds Discord routes to its shard of 4.
    const ofShard = (shard: number) => all.filter((g) => shardOfGuild(g.guildId, 4) === shard).length;
    expect(ready.map((line) => line.guilds)).toEqual([ofShard(2), ofShard(3)]);
    expect(bot.logs('shard started').map((line) => line.shard)).toEqual([2, 3]);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  }, 90_000);
});

describe('npm start sharded with a token Discord rejects', () => {
  it('GIVEN a 401 from /gateway/bot THEN the token line, exit 1, and no shard started', async () => {
    const discord = await startFakeDiscord({ shards: 2 });
    discord.failNext(
      { method: 'GET', path: /^\/gateway\/bot$/ },
      { status: 401, body: { message: '401: Unauthorized', code: 0 } },
    );
    const result = await runNewsdesk(['start'], {
      STORE_URL: 'memory://',
      DISCORD_TOKEN: 'fake.bot.token',
      DISCORD_API_URL: discord.restApi,
      SHARD_COUNT: '2',
      LOG_LEVEL: 'silent',
    });
    const identifies = discord.gatewayEvents.filter((event) => event.dir === 'in' && event.op === 2);
    await discord.close();
    expect(identifies).toEqual([]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Discord rejected DISCORD_TOKEN. Copy the bot token again from the Developer Portal (Bot → Reset Token) into .env.',
    );
  });
});

describe('npm start with a bad SHARD_IDS', () => {
  it('GIVEN SHARD_IDS past SHARD_COUNT THEN one line says what to write, exit 1', async () => {
    const result = await runNewsdesk(['start'], {
      STORE_URL: 'memory://',
      DISCORD_TOKEN: 'fake.bot.token',
      SHARD_COUNT: '2',
      SHARD_IDS: '0-2',
      LOG_LEVEL: 'silent',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'Invalid configuration (check .env or the environment):',
      '  - SHARD_IDS: shard 2 is not below SHARD_COUNT=2; ids run from 0 to 1, e.g. SHARD_IDS=0-1 (got "0-2")',
    ]);
  });
});
