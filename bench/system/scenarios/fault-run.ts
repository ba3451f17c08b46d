/**
 * One fault scenario: a fresh system, the standard traffic while the fault is on, then the verdict — every
 * interaction got a final reply, the bot stayed up and stopped cleanly on SIGTERM, nothing unhandled, no ping,
 * nothing stored lost (store intact, every reply counted in the usage ledger).
 */
import { percentiles, round } from '../../support/stats.ts';
import { commandTimings } from '../analysis.ts';
import { deletedStoreFiles } from '../bot-process.ts';
import { checkInteractions, checkMentions, checkProcess } from '../checks.ts';
import { createMix } from '../mix.ts';
import { editIntervalMs, type ScenarioContext, type ScenarioResult } from '../scenario.ts';
import { checkStore, storeProblems } from '../store-check.ts';
import { finalProblem, type Outcome, runTraffic } from '../traffic.ts';
import { readUsageToday, repliesCounted } from '../usage.ts';
import { basicLine, trafficProblems } from '../verdict.ts';
import { startWorld, type World, type WorldOptions } from '../world.ts';

export interface InjectedFault {
  /** Turns the fault off; returns what to report about it. */
  stop(): Promise<Record<string, unknown>>;
  /** Article ids the fault's own activity stored (they must survive). */
  readonly storedIds?: () => readonly string[];
}

export interface FaultPlan {
  readonly name: string;
  readonly world?: Omit<WorldOptions, 'storeFile'>;
  readonly interactions: number;
  readonly concurrency: number;
  readonly ratePerSecond?: number;
  readonly seed: number;
  inject(world: World, context: ScenarioContext): Promise<InjectedFault>;
  /** The fault's own part of the verdict line, from its figures. */
  describe(figures: Record<string, unknown>): string;
  /** The fault's own conditions (beyond the common ones). */
  problems?(figures: Record<string, unknown>): string[];
}

/** The grey of the labelled offline answer (src/discord/render.ts). */
const OFFLINE_COLOR = 0x99aab5;

/** Commands whose final reply is an answer (an embed), as opposed to a notice: each must be in the ledger. */
function answersShown(outcomes: readonly Outcome[]): { all: number; offline: number } {
  const embeds = outcomes.flatMap((outcome) => {
    const view = outcome.interaction?.view();
    const ok = outcome.spec.type === 'command' && view && !finalProblem(view);
    const first = ok ? view?.original?.embeds[0] : undefined;
    return first ? [first] : [];
  });
  return { all: embeds.length, offline: embeds.filter((embed) => embed.color === OFFLINE_COLOR).length };
}

export async function runFaultScenario(context: ScenarioContext, plan: FaultPlan): Promise<ScenarioResult> {
  const world = await startWorld({
    storeFile: context.storeFile,
    env: context.botEnv,
    seed: plan.seed,
    ...plan.world,
  });
  try {
    const bot = await world.startBot();
    const fault = await plan.inject(world, context);
    context.log(`${plan.name}: ${plan.interactions} interactions with the fault on`);
    const specs = createMix(context.catalogue, { count: plan.interactions, seed: plan.seed, users: 400 });
    const outcomes = await runTraffic(world.discord, specs, {
      concurrency: plan.concurrency,
      ...(plan.ratePerSecond ? { ratePerSecond: plan.ratePerSecond } : {}),
    });
    const faultFigures = await fault.stop();
    const orphaned = world.storePath === null ? [] : await deletedStoreFiles(bot.pid, world.storePath);
    const health = checkProcess(bot);
    const exitCode = await bot.stop();
    const usage = await readUsageToday(world.storeUrl, world.discord.guildId);
    const stored = await checkStore(world.storeUrl, context.catalogue, fault.storedIds?.() ?? []);
    const interactions = checkInteractions(outcomes);
    const { all: shown, offline: offlineShown } = answersShown(outcomes);
    const figures: Record<string, unknown> = {
      ...faultFigures,
      interactions: outcomes.length,
      answersShown: shown,
      repliesInLedger: repliesCounted(usage),
      offlineReplies: usage.offlineReplies,
      offlineShown,
      deferMs: percentiles(
        commandTimings(outcomes, world.discord, world.proxy.calls, editIntervalMs(context)).map(
          (t) => t.deferMs,
        ),
      ),
      storeIntegrity: stored.integrity,
      deletedStoreFilesOpen: orphaned,
      articles: stored.articles,
      errorLogs: health.errorLogs,
      warnLogs: health.warnLogs,
    };
    const mentions = checkMentions(world.discord);
    const problems = [
      ...trafficProblems({ interactions, mentions, health, exitCode, discord: world.discord }),
      ...storeProblems(stored),
      ...(orphaned.length === 0
        ? []
        : [`the bot still writes to deleted store files: ${orphaned.join(', ')}`]),
      ...(repliesCounted(usage) < shown
        ? [`usage ledger counted ${repliesCounted(usage)} of ${shown} answers shown`]
        : []),
      ...(plan.problems?.(figures) ?? []),
    ];
    const summary = `${basicLine(interactions, health)}; ${plan.describe(figures)}; store ${stored.integrity}, ${stored.missing.length} lost, ${orphaned.length} deleted store files open, ledger ${repliesCounted(usage)}/${shown}`;
    return { name: plan.name, pass: problems.length === 0, summary, figures, problems };
  } finally {
    await world.close();
  }
}

export const share = (part: number, whole: number) => (whole === 0 ? 0 : round(part / whole, 3));
