/**
 * A feed ingested while 50 concurrent interactions run, then the same number of interactions again in the same
 * process once the ingest has ended: deferral and autocomplete p99 of both side by side, as a ratio.
 * - `hostile-sources` (issue 13): the bot's own feed (NEWS_FEEDS) turns hostile — teaser items linking to pages
 *   nesting 2,000 and 100,000 divs, 40,000-element pages, 4.8 MB one-paragraph stories, items whose own text is a
 *   1 MB paragraph, and links to an internal service on another local port. What became of the internal links is
 *   reported either way (refused by an address guard, or fetched and stored).
 * - `first-poll` (issue 17 point 4): a big site's first poll, 10,000 ordinary full-text items; the goal is both
 *   p99s within 1.2× of the run without it.
 */
import { openArticleStore } from '../../../src/articles/store.ts';
import { percentiles, round } from '../../support/stats.ts';
import { autocompleteTimings, commandTimings } from '../analysis.ts';
import type { LogLine } from '../bot-process.ts';
import { checkInteractions, checkMentions, checkProcess } from '../checks.ts';
import { type HeldFeed, INTERNAL_MARKER, startBulkFeed, startHostileFeed } from '../hostile-feed.ts';
import { createMix } from '../mix.ts';
import { editIntervalMs, numberFlag, type ScenarioContext, type ScenarioResult } from '../scenario.ts';
import { type Outcome, runTraffic } from '../traffic.ts';
import { basicLine, trafficProblems } from '../verdict.ts';
import { startWorld, type World } from '../world.ts';

const WARM_UP_INTERACTIONS = 40;
const INGEST_WAIT_MS = 300_000;
/** Discord fails an interaction not acknowledged within 3 s. */
const DEFER_LIMIT_MS = 3_000;

/** "http://127.0.0.1:40123/crowded?copy=1: the page has 40003 elements…" → "<url>: the page has N elements…". */
const reasonShape = (reason: string) =>
  reason.replace(/https?:\/\/\S+?(?=:\s|\s|$)/g, '<url>').replace(/\d[\d,.]*/g, 'N');

function failureReasons(lines: readonly LogLine[]): Record<string, number> {
  const reasons: Record<string, number> = {};
  for (const line of lines) {
    if (line.msg !== 'feed item skipped') continue;
    const shape = reasonShape(String(line.reason ?? '')).slice(0, 160);
    reasons[shape] = (reasons[shape] ?? 0) + 1;
  }
  return reasons;
}

function phaseFigures(outcomes: readonly Outcome[], world: World, context: ScenarioContext) {
  const timings = commandTimings(outcomes, world.discord, world.proxy.calls, editIntervalMs(context));
  return {
    interactions: outcomes.length,
    deferMs: percentiles(timings.map((timing) => timing.deferMs)),
    botWorkMs: percentiles(timings.map((timing) => timing.botWorkMs)),
    autocompleteMs: percentiles(autocompleteTimings(outcomes)),
  };
}

async function storedInternalText(storeUrl: string): Promise<boolean> {
  const store = await openArticleStore({ url: storeUrl });
  try {
    return store.search(INTERNAL_MARKER, 5).length > 0;
  } finally {
    await store.close();
  }
}

const isPollEnd = (line: LogLine) => line.msg === 'feed polled' || line.msg === 'feed poll failed';

const FIRST_POLL_ITEMS = 10_000;
/** Issue 17's goal for the first poll: both p99s within this factor of the same run without it. */
const FIRST_POLL_GOAL_RATIO = 1.2;

const ratio = (a: number, b: number) => round(a / Math.max(b, 1e-9), 2);

/** Warm-up, then traffic while the held feed is ingested, then the same traffic again; the world stays open. */
async function ingestDuringTraffic(context: ScenarioContext, world: World, feed: HeldFeed, name: string) {
  const count = numberFlag(context.flags, 'interactions', 300);
  const concurrency = numberFlag(context.flags, 'concurrency', 50);
  const bot = await world.startBot();
  const { guildId: warmUpGuild } = world.discord.addGuild({ name: 'Warm-up' });
  const warmUp = createMix(context.catalogue, { count: WARM_UP_INTERACTIONS, seed: 101, users: 50 });
  await runTraffic(
    world.discord,
    warmUp.map((spec) => ({ ...spec, guildId: warmUpGuild })),
    { concurrency: 10 },
  );
  context.log(`${name}: ${feed.items} feed items, ${count} interactions at ${concurrency}`);
  const polled = bot.waitForLog(isPollEnd, INGEST_WAIT_MS);
  const ingestStart = feed.release();
  const mix = (seed: number) => createMix(context.catalogue, { count, seed, users: 400 });
  const during = await runTraffic(world.discord, mix(7), { concurrency });
  const duringEnd = performance.timeOrigin + performance.now();
  const poll = await polled;
  const ingestEnd = typeof poll.time === 'number' ? poll.time : duringEnd;
  context.log(`${name}: ingest over; the same traffic again without it`);
  const quiet = await runTraffic(world.discord, mix(8), { concurrency });
  const health = checkProcess(bot);
  const exitCode = await bot.stop();
  const withIngest = phaseFigures(during, world, context);
  const without = phaseFigures(quiet, world, context);
  const interactions = checkInteractions([...during, ...quiet]);
  const mentions = checkMentions(world.discord);
  const problems = trafficProblems({ interactions, mentions, health, exitCode, discord: world.discord });
  if (withIngest.deferMs.p99 >= DEFER_LIMIT_MS)
    problems.push(`deferral p99 ${withIngest.deferMs.p99} ms during the ingest (limit 3,000)`);
  const deferP99Ratio = ratio(withIngest.deferMs.p99, without.deferMs.p99);
  const autocompleteP99Ratio = ratio(withIngest.autocompleteMs.p99, without.autocompleteMs.p99);
  const figures = {
    feedItems: feed.items,
    ingestSeconds: round((ingestEnd - ingestStart) / 1000, 1),
    trafficWithIngestSeconds: round((duringEnd - ingestStart) / 1000, 1),
    feedPoll: {
      msg: poll.msg,
      new: poll.new,
      updated: poll.updated,
      unchanged: poll.unchanged,
      failed: poll.failed,
    },
    withIngest,
    withoutIngest: without,
    deferP99Ratio,
    autocompleteP99Ratio,
    errorLogs: health.errorLogs,
  };
  const summary =
    `${basicLine(interactions, health)}; defer p99 ${withIngest.deferMs.p99} ms during the ingest vs ` +
    `${without.deferMs.p99} ms without (×${deferP99Ratio}); autocomplete p99 ` +
    `${withIngest.autocompleteMs.p99} vs ${without.autocompleteMs.p99} ms (×${autocompleteP99Ratio})`;
  return { lines: bot.lines, problems, summary, figures, deferP99Ratio, autocompleteP99Ratio };
}

async function withHeldFeed(
  context: ScenarioContext,
  start: () => Promise<HeldFeed>,
  scenario: (world: World, feed: HeldFeed) => Promise<ScenarioResult>,
): Promise<ScenarioResult> {
  const feed = await start();
  const world = await startWorld({
    storeFile: context.storeFile,
    env: { ...context.botEnv, NEWS_FEEDS: feed.feedUrl, FEED_POLL_MINUTES: '1440' },
  });
  try {
    return await scenario(world, feed);
  } finally {
    await world.close();
    await feed.close();
  }
}

export function hostileSourcesScenario(context: ScenarioContext): Promise<ScenarioResult> {
  return withHeldFeed(context, startHostileFeed, async (world, feed) => {
    const run = await ingestDuringTraffic(context, world, feed, 'hostile-sources');
    const textStored = await storedInternalText(world.storeUrl);
    const internalService = { requests: feed.internalRequests(), textStored };
    const figures = { ...run.figures, itemFailureReasons: failureReasons(run.lines), internalService };
    const summary = `${run.summary}; internal service ${internalService.requests} requests, text stored: ${textStored}`;
    return {
      name: 'hostile-sources',
      pass: run.problems.length === 0,
      summary,
      figures,
      problems: run.problems,
    };
  });
}

export function firstPollScenario(context: ScenarioContext): Promise<ScenarioResult> {
  const items = numberFlag(context.flags, 'poll-items', FIRST_POLL_ITEMS);
  return withHeldFeed(
    context,
    () => startBulkFeed(items),
    async (world, feed) => {
      const run = await ingestDuringTraffic(context, world, feed, 'first-poll');
      const goalMet = Math.max(run.deferP99Ratio, run.autocompleteP99Ratio) <= FIRST_POLL_GOAL_RATIO;
      const figures = { ...run.figures, goalRatio: FIRST_POLL_GOAL_RATIO, goalMet };
      const summary = `${run.summary}; goal ×${FIRST_POLL_GOAL_RATIO} ${goalMet ? 'met' : 'missed'}`;
      return {
        name: 'first-poll',
        pass: run.problems.length === 0,
        summary,
        figures,
        problems: run.problems,
      };
    },
  );
}
