/**
 * Soak: a busy server's traffic for a long stretch, accelerated. The default compresses 30 simulated minutes at
 * one interaction a second into 3 real minutes at ten a second (`--soak-minutes 3 --soak-speed 10`): the same
 * number of interactions, model calls and cache growth, at ten times the rate (`--soak-minutes 30 --soak-speed 1`
 * is the unaccelerated run). Sampled every second: resident memory and open file descriptors; every 10 s: the
 * JavaScript heap after a forced full GC (through the inspector). After a warm-up (30 %), least-squares lines
 * through them must be flat. Resident memory saws by tens of MB as V8 sizes its heap, so its slope is reported
 * but the verdict reads the heap after GC, which is what a leak grows.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { round } from '../../support/stats.ts';
import { slope } from '../analysis.ts';
import type { BotProcess } from '../bot-process.ts';
import { checkInteractions, checkProcess } from '../checks.ts';
import { connectHeapProbe, INSPECTOR_URL } from '../heap-probe.ts';
import { createMix } from '../mix.ts';
import { peakMb, startSampler } from '../sampler.ts';
import { numberFlag, type ScenarioContext, type ScenarioResult } from '../scenario.ts';
import { runTraffic } from '../traffic.ts';
import { basicLine, trafficProblems } from '../verdict.ts';
import { startWorld } from '../world.ts';

/** The simulated server: one interaction a second. */
const BASE_RATE_PER_SECOND = 1;
const SAMPLE_INTERVAL_MS = 1_000;
const HEAP_INTERVAL_MS = 5_000;
/** Left out of the lines: start-up, JIT, connection pools and caches filling to their bounds. */
const WARM_UP_SHARE = 0.3;
/**
 * Flat means: the heap after GC keeps less than this per interaction served (a slope in MB/min divided by the
 * rate, so the bar is the same at any speed), and at most a few descriptors leak.
 */
const MAX_RETAINED_KB_PER_INTERACTION = 1;
const MAX_FD_GROWTH = 5;
/** People active on the simulated server during the soak (per-user cooldowns must not be what it measures). */
const ACTIVE_USERS = 500;

type Point = { at: number; value: number };

/** Heap after GC every HEAP_INTERVAL_MS until `done` says stop. */
async function sampleHeap(bot: BotProcess, done: () => boolean): Promise<Point[]> {
  const url = bot.otherOutput.map((line) => INSPECTOR_URL.exec(line)?.[1]).find(Boolean);
  if (!url) throw new Error('the bot did not print its inspector URL');
  const probe = await connectHeapProbe(url);
  const points: Point[] = [];
  try {
    while (!done()) {
      points.push({ at: Date.now(), value: await probe.heapAfterGcMb() });
      await sleep(HEAP_INTERVAL_MS);
    }
  } finally {
    probe.close();
  }
  return points;
}

const lineOf = (points: readonly Point[], from: number) =>
  slope(points.filter((p) => p.at >= from).map((p) => ({ x: (p.at - from) / 60_000, y: p.value })));

export async function soakScenario(context: ScenarioContext): Promise<ScenarioResult> {
  const minutes = numberFlag(context.flags, 'soak-minutes', 3);
  const speed = numberFlag(context.flags, 'soak-speed', 10);
  const rate = BASE_RATE_PER_SECOND * speed;
  const durationMs = minutes * 60_000;
  const world = await startWorld({ storeFile: context.storeFile, env: context.botEnv, seed: 27 });
  try {
    const bot = await world.startBot(true);
    const sampler = startSampler(bot.pid, SAMPLE_INTERVAL_MS);
    context.log(
      `soak: ${minutes} min at ${rate}/s = ${minutes * speed} simulated minutes at ${BASE_RATE_PER_SECOND}/s`,
    );
    const specs = createMix(context.catalogue, {
      count: Math.ceil((durationMs / 1000) * rate * 1.1),
      seed: 28,
      users: numberFlag(context.flags, 'soak-users', ACTIVE_USERS),
      uniqueQuestionShare: 0.5,
    });
    const started = Date.now();
    const over = () => Date.now() - started >= durationMs;
    const heap = sampleHeap(bot, over);
    const outcomes = await runTraffic(world.discord, specs, {
      concurrency: 200,
      ratePerSecond: rate,
      stop: over,
    });
    const heapPoints = await heap;
    const samples = await sampler.stop();
    const health = checkProcess(bot);
    const exitCode = await bot.stop();
    const steadyFrom = started + durationMs * WARM_UP_SHARE;
    const steady = samples.filter((sample) => sample.at >= steadyFrom);
    const first = steady[0];
    const last = steady.at(-1);
    const heapSteady = heapPoints.filter((p) => p.at >= steadyFrom);
    const interactions = checkInteractions(outcomes);
    const figures = {
      ...{ realMinutes: minutes, speed, simulatedMinutes: minutes * speed, ratePerSecond: rate },
      interactions: outcomes.length,
      heapAfterGcSlopeMbPerMin: round(lineOf(heapPoints, steadyFrom), 2),
      retainedKbPerInteraction: round((lineOf(heapPoints, steadyFrom) * 1024) / (rate * 60), 2),
      heapAfterGcStartMb: round(heapSteady[0]?.value ?? Number.NaN, 1),
      heapAfterGcEndMb: round(heapSteady.at(-1)?.value ?? Number.NaN, 1),
      rssSlopeMbPerMin: round(
        lineOf(
          steady.map((s) => ({ at: s.at, value: s.rssMb })),
          steadyFrom,
        ),
        2,
      ),
      rssStartMb: round(first?.rssMb ?? Number.NaN, 1),
      rssEndMb: round(last?.rssMb ?? Number.NaN, 1),
      peakMemoryMb: round(peakMb(samples), 1),
      fdSlopePerMin: round(
        lineOf(
          steady.map((s) => ({ at: s.at, value: s.fds })),
          steadyFrom,
        ),
        2,
      ),
      ...{
        fdsStart: first?.fds ?? null,
        fdsEnd: last?.fds ?? null,
        fdsMax: Math.max(0, ...steady.map((s) => s.fds)),
      },
      heapSamples: heapPoints.map((p) => [round((p.at - started) / 1000, 0), round(p.value, 2)]),
      samples: samples.map((s) => [round((s.at - started) / 1000, 0), round(s.rssMb, 1), s.fds]),
      errorLogs: health.errorLogs,
      warnLogs: health.warnLogs,
    };
    const fdGrowth = (last?.fds ?? 0) - (first?.fds ?? 0);
    const problems = [
      ...trafficProblems({ interactions, health, exitCode, discord: world.discord }),
      ...(figures.retainedKbPerInteraction <= MAX_RETAINED_KB_PER_INTERACTION
        ? []
        : [
            `the heap after GC grows ${figures.heapAfterGcSlopeMbPerMin} MB/min: ${figures.retainedKbPerInteraction} KB kept per interaction`,
          ]),
      ...(fdGrowth <= MAX_FD_GROWTH ? [] : [`open file descriptors grew by ${fdGrowth}`]),
    ];
    const summary = `${basicLine(interactions, health)}; ${minutes} min at ${speed}× (${minutes * speed} simulated min, ${outcomes.length} interactions): heap after GC ${figures.heapAfterGcStartMb} → ${figures.heapAfterGcEndMb} MB (slope ${figures.heapAfterGcSlopeMbPerMin} MB/min, ${figures.retainedKbPerInteraction} KB per interaction), RSS slope ${figures.rssSlopeMbPerMin} MB/min (${figures.rssStartMb} → ${figures.rssEndMb} MB), fds ${figures.fdsStart} → ${figures.fdsEnd} (slope ${figures.fdSlopePerMin}/min)`;
    return { name: 'soak', pass: problems.length === 0, summary, figures, problems };
  } finally {
    await world.close();
  }
}
