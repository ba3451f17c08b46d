/**
 * The benchmark proper: 500 interactions at 50 concurrent (autocomplete, /summary, /ask) over the 10,000-article
 * store, realistic model pacing, the bot in its own process. A short warm-up (JIT, connection pools) runs in a
 * second guild, so it stays out of every figure and runs compare between commits.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { percentiles, round } from '../../support/stats.ts';
import { autocompleteTimings, commandTimings } from '../analysis.ts';
import { checkInteractions, checkMentions, checkProcess } from '../checks.ts';
import { openCpuWindow } from '../cpu-time.ts';
import { createMix } from '../mix.ts';
import { peakMb, startSampler } from '../sampler.ts';
import { editIntervalMs, numberFlag, type ScenarioContext, type ScenarioResult } from '../scenario.ts';
import { type Outcome, runTraffic } from '../traffic.ts';
import { cacheHitRate, readUsageToday } from '../usage.ts';
import { basicLine, trafficProblems } from '../verdict.ts';
import { startWorld } from '../world.ts';

const WARM_UP_INTERACTIONS = 40;
const SAMPLE_INTERVAL_MS = 200;
/**
 * The closed loop starts its first `concurrency` interactions within a few ms of each other, and each autocomplete
 * that finishes starts the next at once: for ~0.5 s the bot has ~concurrency × its CPU per interaction queued, and
 * in a diagnostic run all 41 replies slower than 150 ms started in its first 400 ms. The p99s are given again without the
 * interactions started in this first stretch (`--settle-ms`).
 */
const SETTLE_MS = 1_000;

function afterOpening(outcomes: readonly Outcome[], settleMs: number): Outcome[] {
  const startedAt = (outcome: Outcome) => outcome.interaction?.view().createdAt ?? Number.NaN;
  const first = Math.min(...outcomes.map(startedAt).filter(Number.isFinite));
  return outcomes.filter((outcome) => startedAt(outcome) >= first + settleMs);
}

export async function loadScenario(context: ScenarioContext): Promise<ScenarioResult> {
  const count = numberFlag(context.flags, 'interactions', 500);
  const concurrency = numberFlag(context.flags, 'concurrency', 50);
  // Discord's round trip, which the local fake otherwise answers in well under a millisecond.
  const restLatencyMs = numberFlag(context.flags, 'discord-latency-ms', 0);
  const world = await startWorld({
    storeFile: context.storeFile,
    env: context.botEnv,
    discord: { restLatencyMs },
  });
  try {
    const bot = await world.startBot();
    const sampler = startSampler(bot.pid, SAMPLE_INTERVAL_MS);
    const { guildId: warmUpGuild } = world.discord.addGuild({ name: 'Warm-up' });
    const warmUp = createMix(context.catalogue, { count: WARM_UP_INTERACTIONS, seed: 101, users: 50 });
    await runTraffic(
      world.discord,
      warmUp.map((spec) => ({ ...spec, guildId: warmUpGuild })),
      { concurrency: 10 },
    );
    const callsBefore = world.proxy.calls.length;
    context.log(`load: ${count} interactions at ${concurrency} concurrent`);
    const started = performance.now();
    const specs = createMix(context.catalogue, { count, seed: 7, users: 400 });
    // The harness (fake Discord, fake model, driver) shares the 2 cores with the bot: its own event-loop delay
    // is time every figure includes that the bot did not spend.
    const harnessDelay = monitorEventLoopDelay({ resolution: 10 });
    harnessDelay.enable();
    await bot.loopDelay();
    const cpuWindow = await openCpuWindow(bot.pid);
    const outcomes = await runTraffic(world.discord, specs, { concurrency });
    const cpu = await cpuWindow.stop(outcomes.length);
    const botDelay = await bot.loopDelay();
    harnessDelay.disable();
    const wallSeconds = (performance.now() - started) / 1000;
    const samples = await sampler.stop();
    const health = checkProcess(bot);
    const exitCode = await bot.stop();
    const usage = await readUsageToday(world.storeUrl, world.discord.guildId);

    const timings = commandTimings(outcomes, world.discord, world.proxy.calls, editIntervalMs(context));
    const of = (key: 'deferMs' | 'overheadMs' | 'pacingMs' | 'botWorkMs' | 'finalMs' | 'modelMs') =>
      percentiles(timings.map((t) => t[key]));
    const settled = afterOpening(outcomes, numberFlag(context.flags, 'settle-ms', SETTLE_MS));
    const settledTimings = commandTimings(settled, world.discord, world.proxy.calls, editIntervalMs(context));
    const interactions = checkInteractions(outcomes);
    const mentions = checkMentions(world.discord);
    const problems = trafficProblems({ interactions, mentions, health, exitCode, discord: world.discord });
    const figures = {
      interactions: outcomes.length,
      concurrency,
      commands: interactions.commands,
      autocompletes: interactions.autocompletes,
      wallSeconds: round(wallSeconds, 1),
      deferMs: of('deferMs'),
      overheadMs: of('overheadMs'),
      botWorkMs: of('botWorkMs'),
      pacingMs: of('pacingMs'),
      finalMs: of('finalMs'),
      modelMs: of('modelMs'),
      overheadCachedMs: percentiles(timings.filter((t) => t.modelMs === 0).map((t) => t.overheadMs)),
      afterModelMs: percentiles(timings.flatMap((t) => (t.afterModelMs === null ? [] : [t.afterModelMs]))),
      autocompleteMs: percentiles(autocompleteTimings(outcomes)),
      afterOpening: {
        settleMs: numberFlag(context.flags, 'settle-ms', SETTLE_MS),
        deferMs: percentiles(settledTimings.map((t) => t.deferMs)),
        botWorkMs: percentiles(settledTimings.map((t) => t.botWorkMs)),
        autocompleteMs: percentiles(autocompleteTimings(settled)),
      },
      botLoopDelayMs: {
        p50: botDelay.p50,
        p99: botDelay.p99,
        max: botDelay.max,
        stalls: botDelay.stallsOver50Ms,
      },
      harnessLoopDelayMs: {
        p50: round(harnessDelay.percentile(50) / 1e6, 1),
        p99: round(harnessDelay.percentile(99) / 1e6, 1),
        max: round(harnessDelay.max / 1e6, 1),
      },
      cpu,
      modelRequests: world.proxy.calls.length - callsBefore,
      usage,
      cacheHitRate: round(cacheHitRate(usage), 3),
      peakMemoryMb: round(peakMb(samples), 1),
      endRssMb: round(samples.at(-1)?.rssMb ?? Number.NaN, 1),
      errorLogs: health.errorLogs,
      warnLogs: health.warnLogs,
    };
    const summary = `${basicLine(interactions, health)}; defer p99 ${figures.deferMs.p99} ms, overhead p99 ${figures.overheadMs.p99} ms (bot work p99 ${figures.botWorkMs.p99} ms), autocomplete p99 ${figures.autocompleteMs.p99} ms`;
    return { name: 'load', pass: problems.length === 0, summary, figures, problems };
  } finally {
    await world.close();
  }
}
