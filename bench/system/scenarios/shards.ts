/**
 * Past one process (issue 18): 4 shards in 2 ShardingManagers ("two machines", SHARD_IDS 0-1 and 2-3) on a real
 * Redis, 400 guilds, the 500-interaction mix at 50 concurrent, every guild's digest due during the run; one shard
 * process killed (kill -9) mid-run and respawned by its manager. Then one member's 6 /ask in a minute, spread over
 * the 4 shards: the 6th is refused whichever shard serves it. The same guilds and mix on one process (one shard,
 * the same Redis) run first in the same bench, as the baseline the figures are read against; then the 4 shards
 * again with SHARDS_PER_PROCESS=2 (one process per machine holding both its shards), for what grouping saves in
 * memory and costs when its process dies.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { openArticleStore } from '../../../src/articles/store.ts';
import { shardOfGuild } from '../../../src/core/shards.ts';
import { createDigestRepository } from '../../../src/digest/state.ts';
import { DIGEST_NAMESPACE, type DigestConfig } from '../../../src/digest/types.ts';
import { digestNonce } from '../../../src/discord/digest/delivery.ts';
import { openKeyv } from '../../../src/store/keyv.ts';
import { createArticleGenerator } from '../../support/generate-articles.ts';
import { percentiles, round } from '../../support/stats.ts';
import { autocompleteTimings, commandTimings } from '../analysis.ts';
import { type BotProcess, type LogLine, sampleProc } from '../bot-process.ts';
import { checkInteractions, checkMentions, checkProcess } from '../checks.ts';
import { createMix, userId } from '../mix.ts';
import { editIntervalMs, numberFlag, type ScenarioContext, type ScenarioResult } from '../scenario.ts';
import { type Outcome, runTraffic } from '../traffic.ts';
import { readUsageToday } from '../usage.ts';
import { interactionProblems, mentionProblems, processProblems } from '../verdict.ts';
import { startWorld, type World } from '../world.ts';

const FRESH_ARTICLES = 6;
/** The digest slot is set this far ahead of the moment every shard is ready: it falls during the traffic. */
const DIGEST_LEAD_MS = 45_000;
const DIGEST_WAIT_MS = 180_000;
const RESPAWN_WAIT_MS = 120_000;
/** The shard killed mid-run, and when: after this share of the interactions has finished. */
const KILLED_SHARD = 3;
const KILL_AFTER_SHARE = 0.35;
const COOLDOWN_ASKS = 6;
const DISCORD_EPOCH_MS = 1_420_070_400_000;

interface Fleet {
  readonly shards: number;
  /** SHARD_IDS per machine (one ShardingManager each); [undefined] for the one-process baseline. */
  readonly machines: readonly (string | undefined)[];
  /** SHARDS_PER_PROCESS on every machine: 1 (a process a shard) or 2 (both of a machine's shards in one). */
  readonly perProcess: number;
  readonly killOne: boolean;
}

interface Guild {
  readonly guildId: string;
  readonly channelId: string;
}

const idsIn = (range: string | undefined, shards: number) => {
  if (range === undefined) return shards;
  const [from, to] = range.split('-').map(Number);
  return (to ?? from ?? 0) - (from ?? 0) + 1;
};

/** Epoch ms a Discord snowflake was made at. */
const snowflakeTime = (id: string) => Number(BigInt(id) >> 22n) + DISCORD_EPOCH_MS;

async function addFreshArticles(world: World): Promise<void> {
  const store = await openArticleStore({ url: world.storeUrl });
  const generator = createArticleGenerator(181);
  for (let i = 0; i < FRESH_ARTICLES; i++) {
    const publishedAt = new Date(Date.now() - (i + 1) * 5 * 60_000).toISOString();
    await store.upsert({ ...generator.article(i), id: `fresh-shards-${i}`, publishedAt });
  }
  await store.close();
}

/** Every guild's digest, due in the same minute DIGEST_LEAD_MS from now. Returns the slot's date. */
async function scheduleDigests(world: World, guilds: readonly Guild[]): Promise<string> {
  const slot = new Date(Math.ceil((Date.now() + DIGEST_LEAD_MS) / 60_000) * 60_000);
  const keyv = await openKeyv(world.storeUrl, { namespace: DIGEST_NAMESPACE });
  const repo = createDigestRepository(keyv);
  for (const guild of guilds) {
    const config: DigestConfig = {
      ...{ guildId: guild.guildId, channelId: guild.channelId, timeZone: 'UTC' },
      ...{ time: slot.toISOString().slice(11, 16), items: 3, announceEmpty: false, language: 'en' },
      since: new Date(slot.getTime() - 3_600_000).toISOString(),
    };
    await repo.saveConfig(config);
  }
  await keyv.disconnect();
  return slot.toISOString().slice(0, 10);
}

/** Guilds whose channel holds the slot's first digest part exactly once; and those holding it more than once. */
function digestCounts(world: World, guilds: readonly Guild[], date: string) {
  let once = 0;
  let repeated = 0;
  for (const guild of guilds) {
    const first = digestNonce(guild.guildId, date, 0);
    const copies = world.discord.channelMessages(guild.channelId).filter((m) => String(m.nonce) === first);
    if (copies.length === 1) once++;
    if (copies.length > 1) repeated++;
  }
  return { once, repeated };
}

/** The pid a ShardingManager logged for `shard` last ('shard started'), if any. */
/** The 'shard started' line of the process now serving `shard`: alone, or in its group. */
function startedLine(bot: BotProcess, shard: number): LogLine | undefined {
  return bot.lines.findLast(
    (l: LogLine) =>
      l.msg === 'shard started' &&
      (l.shard === shard || (Array.isArray(l.shards) && l.shards.includes(shard))),
  );
}

function shardPid(bot: BotProcess, shard: number): number | undefined {
  const line = startedLine(bot, shard);
  return typeof line?.pid === 'number' ? line.pid : undefined;
}

/** Kills `shard`'s process once `share` of the traffic is done; resolves to the outage [from, to]. */
async function killMidRun(machine: BotProcess, progress: () => number, share: number): Promise<Outage> {
  while (progress() < share) await sleep(100);
  const pid = shardPid(machine, KILLED_SHARD);
  if (pid === undefined) throw new Error(`no 'shard started' line for shard ${KILLED_SHARD}`);
  const group = startedLine(machine, KILLED_SHARD)?.shards;
  const shards = Array.isArray(group) ? (group as number[]) : [KILLED_SHARD];
  const seen = machine.lines.length;
  process.kill(pid, 'SIGKILL');
  const killedAt = Date.now();
  await machine.waitForLog(
    (line) =>
      machine.lines.indexOf(line) >= seen &&
      line.msg === 'bot ready' &&
      Array.isArray(line.shards) &&
      line.shards.includes(KILLED_SHARD),
    RESPAWN_WAIT_MS,
  );
  return { killedAt, backAt: Date.now(), pid, shards };
}

/** A killed shard process: when, until it was ready again, and the shards it took down with it. */
interface Outage {
  readonly killedAt: number;
  readonly backAt: number;
  readonly pid: number;
  readonly shards: readonly number[];
}

/** A member's 6 /ask within a minute, on guilds of every shard in turn, each a question of its own. */
async function cooldownAcrossShards(world: World, guilds: readonly Guild[], shards: number, article: string) {
  const asker = userId(9_999);
  const replies: string[] = [];
  for (let i = 0; i < COOLDOWN_ASKS; i++) {
    const guild = guilds.find((g) => shardOfGuild(g.guildId, shards) === i % shards) ?? guilds[0];
    const question = `What did the council decide about item ${i} of the cooldown check?`;
    const interaction = await world.discord.command(
      'ask',
      // A named article and a question of its own each time: every use is a model call, none refunded.
      { question, article },
      { userId: asker, guildId: guild?.guildId ?? world.discord.guildId },
    );
    const view = await interaction.waitFor((v) => !v.thinking && v.original !== null, 60_000);
    replies.push(view.original?.content ?? '');
  }
  const refused = replies.map((text) => text.includes('times in the last minute'));
  return {
    refusedSixth: refused.at(-1) === true,
    refusedEarlier: refused.slice(0, -1).filter(Boolean).length,
  };
}

/** Outcomes the killed process could not have answered: sent to its shards while down or in flight at the kill. */
function lostWithTheShard(outcome: Outcome, shards: number, outage: Outage) {
  const guildId = outcome.spec.guildId;
  if (!guildId || !outage.shards.includes(shardOfGuild(guildId, shards))) return false;
  if (!outcome.interaction) return true; // The fake had no session of that shard to deliver it to.
  const at = snowflakeTime(outcome.interaction.id);
  return at <= outage.backAt && at >= outage.killedAt - 90_000;
}

/** RSS of every bot process (shard processes, or the one process of the baseline): each, and all together. */
async function processMemory(machines: readonly BotProcess[], shards: number) {
  const pids = machines.flatMap((m) =>
    Array.from({ length: shards }, (_, s) => shardPid(m, s)).filter((p) => p !== undefined),
  );
  const targets = pids.length > 0 ? [...new Set(pids)] : machines.map((m) => m.pid);
  const samples = await Promise.all(targets.map((pid) => sampleProc(pid)));
  const rss = samples.flatMap((s) => (s ? [s.rssMb] : []));
  return {
    processes: rss.length,
    perProcessMb: percentiles(rss),
    totalMb: round(
      rss.reduce((a, b) => a + b, 0),
      0,
    ),
  };
}

async function usageTotals(world: World, guilds: readonly Guild[]) {
  let modelCalls = 0;
  for (const guild of guilds) modelCalls += (await readUsageToday(world.storeUrl, guild.guildId)).modelCalls;
  return { modelCalls };
}

async function runFleet(context: ScenarioContext, fleet: Fleet) {
  const count = numberFlag(context.flags, 'interactions', 500);
  const concurrency = numberFlag(context.flags, 'concurrency', 50);
  const guildCount = numberFlag(context.flags, 'guilds', 400);
  const world = await startWorld({
    storeFile: context.storeFile,
    env: {
      ...context.botEnv,
      SHARD_COUNT: String(fleet.shards),
      SHARDS_PER_PROCESS: String(fleet.perProcess),
    },
    storeServer: 'redis',
    seed: 18,
    discord: { shards: fleet.shards },
  });
  try {
    const guilds = Array.from({ length: guildCount }, (_, i) =>
      world.discord.addGuild({ name: `Town ${i}` }),
    );
    await addFreshArticles(world);
    const startedAt = performance.now();
    const machines = await Promise.all(
      fleet.machines.map((range) =>
        world.startBotWith({
          ...(range === undefined ? {} : { env: { SHARD_IDS: range } }),
          // One 'bot ready' per process: a process holding two shards is ready once for both.
          readyLines: Math.ceil(idsIn(range, fleet.shards) / fleet.perProcess),
        }),
      ),
    );
    const startSeconds = (performance.now() - startedAt) / 1000;
    context.log(
      `shards ×${fleet.shards}: ${machines.length} machine(s) ready in ${round(startSeconds, 1)} s`,
    );
    const mix = (n: number, seed: number) =>
      createMix(context.catalogue, { count: n, seed, users: 400 }).map((spec, i) => ({
        ...spec,
        guildId: guilds[i % guilds.length]?.guildId ?? world.discord.guildId,
      }));
    const drive = async (label: string, specs: ReturnType<typeof mix>, kill: boolean) => {
      context.log(
        `shards ×${fleet.shards} ${label}: ${specs.length} interactions at ${concurrency} concurrent`,
      );
      let done = 0;
      const onOutcome = () => {
        done++;
        if (done % 100 === 0) context.log(`  ${done}/${specs.length}`);
      };
      const started = performance.now();
      const traffic = runTraffic(world.discord, specs, { concurrency, onOutcome });
      const killer = kill
        ? killMidRun(machines.at(-1) as BotProcess, () => done / specs.length, KILL_AFTER_SHARE)
        : Promise.resolve(null);
      const [outcomes, outage] = await Promise.all([traffic, killer]);
      return { outcomes, outage, wallSeconds: (performance.now() - started) / 1000 };
    };
    // The load phase is the one compared with one process; the kill phase, with every digest due during it,
    // shows what a dead shard costs and that nothing else is lost.
    const usageBefore = await usageTotals(world, guilds);
    const callsBefore = world.proxy.calls.length;
    const load = await drive('load', mix(count, 7), false);
    const usageAfterLoad = await usageTotals(world, guilds);
    const modelRequests = world.proxy.calls.length - callsBefore;
    const callsAfterLoad = world.proxy.calls.length;
    const digestDate = await scheduleDigests(world, guilds);
    const kill = await drive('kill', mix(Math.ceil(count / 2), 8), fleet.killOne);
    const { outcomes, wallSeconds } = load;
    context.log(`shards ×${fleet.shards}: traffic done; waiting for the digests`);
    const allPosted = () => {
      const counts = digestCounts(world, guilds, digestDate);
      return counts.once + counts.repeated >= guilds.length;
    };
    // Missing digests are the verdict's to report, not a crash of the bench.
    await world.discord.waitUntil(allPosted, DIGEST_WAIT_MS).catch(() => undefined);
    const digests = digestCounts(world, guilds, digestDate);
    context.log(
      `shards ×${fleet.shards}: digests once ${digests.once}, repeated ${digests.repeated}; cooldown check`,
    );
    const cooldown = await cooldownAcrossShards(world, guilds, fleet.shards, context.catalogue[0]?.id ?? '');
    const memory = await processMemory(machines, fleet.shards);
    const healths = machines.map((machine) => checkProcess(machine));
    const exitCodes = await Promise.all(machines.map((machine) => machine.stop()));
    const killOutage = kill.outage;
    const lost = killOutage ? kill.outcomes.filter((o) => lostWithTheShard(o, fleet.shards, killOutage)) : [];
    const servedInKill = kill.outcomes.filter((o) => !lost.includes(o));
    const timings = commandTimings(outcomes, world.discord, world.proxy.calls, editIntervalMs(context));
    const of = (key: 'deferMs' | 'overheadMs' | 'botWorkMs') => percentiles(timings.map((t) => t[key]));
    const interactions = checkInteractions(outcomes);
    const killInteractions = checkInteractions(servedInKill);
    const figures = {
      shards: fleet.shards,
      machines: fleet.machines.length,
      shardsPerProcess: fleet.perProcess,
      guilds: guildCount,
      interactions: outcomes.length,
      startSeconds: round(startSeconds, 1),
      wallSeconds: round(wallSeconds, 1),
      commandsPerSecond: round(interactions.commands / wallSeconds, 1),
      deferMs: of('deferMs'),
      overheadMs: of('overheadMs'),
      botWorkMs: of('botWorkMs'),
      autocompleteMs: percentiles(autocompleteTimings(outcomes)),
      modelRequests,
      usageModelCalls: usageAfterLoad.modelCalls - usageBefore.modelCalls,
      killPhaseInteractions: kill.outcomes.length,
      killPhaseModelRequests: world.proxy.calls.length - callsAfterLoad,
      digestsOnce: digests.once,
      digestsRepeated: digests.repeated,
      lostWithKilledShard: lost.length,
      outageSeconds: killOutage ? round((killOutage.backAt - killOutage.killedAt) / 1000, 1) : 0,
      cooldownSixthRefused: cooldown.refusedSixth,
      memory,
    };
    const problems = [
      ...interactionProblems(interactions),
      ...interactionProblems(killInteractions).map((p) => `kill phase, outside the dead shard: ${p}`),
      ...(figures.usageModelCalls === modelRequests
        ? []
        : [`usage counted ${figures.usageModelCalls} model calls of ${modelRequests} made`]),
      ...mentionProblems(checkMentions(world.discord)),
      ...healths.flatMap((health) => processProblems(health)),
      ...exitCodes.flatMap((code, i) => (code === 0 ? [] : [`machine ${i} exited with ${code} on SIGTERM`])),
      ...(digests.once === guilds.length
        ? []
        : [`${guilds.length - digests.once - digests.repeated} guilds got no digest`]),
      ...(digests.repeated === 0 ? [] : [`${digests.repeated} guilds got their digest more than once`]),
      ...(cooldown.refusedSixth && cooldown.refusedEarlier === 0
        ? []
        : [
            `cooldown across shards: 6th refused ${cooldown.refusedSixth}, earlier refused ${cooldown.refusedEarlier}`,
          ]),
    ];
    return { figures, problems };
  } finally {
    await world.close();
  }
}

export async function shardsScenario(context: ScenarioContext): Promise<ScenarioResult> {
  const single = await runFleet(context, { shards: 1, machines: [undefined], perProcess: 1, killOne: false });
  const machines = ['0-1', '2-3'];
  const sharded = await runFleet(context, { shards: 4, machines, perProcess: 1, killOne: true });
  const grouped = await runFleet(context, { shards: 4, machines, perProcess: 2, killOne: true });
  const [b, s, g] = [single.figures, sharded.figures, grouped.figures];
  const ratio = (x: number, y: number) => round(x / y, 2);
  const figures = {
    oneProcess: b,
    fourShards: s,
    fourShardsTwoPerProcess: g,
    throughputRatio: ratio(s.commandsPerSecond, b.commandsPerSecond),
    deferP99Ratio: ratio(s.deferMs.p99, b.deferMs.p99),
    autocompleteP99Ratio: ratio(s.autocompleteMs.p99, b.autocompleteMs.p99),
    groupedMemoryRatio: ratio(g.memory.totalMb, s.memory.totalMb),
  };
  const problems = [
    ...single.problems.map((p) => `one process: ${p}`),
    ...sharded.problems.map((p) => `4 shards: ${p}`),
    ...grouped.problems.map((p) => `4 shards, 2 a process: ${p}`),
  ];
  const arm = (f: typeof s) =>
    `${f.commandsPerSecond} commands/s, defer p99 ${f.deferMs.p99} ms, autocomplete p99 ${f.autocompleteMs.p99} ms, RSS ${f.memory.totalMb} MB in ${f.memory.processes} process(es)`;
  const kill = (f: typeof s) =>
    `digests once ${f.digestsOnce}/${f.guilds} (repeated ${f.digestsRepeated}), shard ${KILLED_SHARD}'s process killed, back in ${f.outageSeconds} s, ${f.lostWithKilledShard} lost, 6th /ask refused: ${f.cooldownSixthRefused}`;
  const summary = `${b.guilds} guilds on Redis — 1 process: ${arm(b)}; 4 shards, 1 a process: ${arm(s)}; ${kill(s)}; 4 shards, 2 a process: ${arm(g)}; ${kill(g)}`;
  return { name: 'shards', pass: problems.length === 0, summary, figures, problems };
}
