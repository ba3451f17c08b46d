/**
 * Drives interactions through the fake Discord: closed loop (at most `concurrency` waiting for their final reply)
 * or open loop (`ratePerSecond` started, still capped by `concurrency`). Each command is followed until the user
 * would see its final reply; each autocomplete until its choices arrive.
 */

import { catalogueEntry, catalogueLanguages } from '../../src/core/i18n/index.ts';
import type { FakeDiscord, FakeInteraction, UserView } from '../../test/fakes/discord/index.ts';

export interface InteractionSpec {
  readonly type: 'command' | 'autocomplete';
  readonly command: 'summary' | 'ask';
  readonly options: Readonly<Record<string, string>>;
  /** Autocomplete: the option being typed. */
  readonly focused?: string;
  readonly userId: string;
  readonly locale: string;
  /** Another guild than the fake's default one (e.g. the warm-up's, so it stays out of the usage figures). */
  readonly guildId?: string;
  /** The article the spec names, for matching model calls (null: the bot picks one). */
  readonly title: string | null;
  /** For reports: e.g. 'summary', 'ask', 'autocomplete', 'hostile:zero-width'. */
  readonly label: string;
}

export interface Outcome {
  readonly spec: InteractionSpec;
  readonly interaction: FakeInteraction | null;
  /** Set when the interaction could not even be sent, or its reply did not come in time. */
  readonly error: string | null;
}

export interface TrafficOptions {
  readonly concurrency: number;
  /** Open loop: start this many per second (still at most `concurrency` at once). */
  readonly ratePerSecond?: number;
  /** How long one command may take to reach its final reply. */
  readonly finalTimeoutMs?: number;
  /** Stops starting new interactions when it returns true (the soak's clock). */
  readonly stop?: () => boolean;
  /** Called as each outcome arrives (progress for a scenario that acts mid-run). */
  readonly onOutcome?: (outcome: Outcome) => void;
}

const DEFAULT_FINAL_TIMEOUT_MS = 90_000;
const AUTOCOMPLETE_TIMEOUT_MS = 10_000;
/**
 * The live "writing…" marker (issue 5), in every catalogue language: a reply still showing it is not final. The
 * leading emoji is dropped (only emoji and spaces: `\W` would also drop a Cyrillic word whole, leaving "", which
 * every text contains).
 */
const WRITING_MARKERS = catalogueLanguages().flatMap((language) => {
  const marker = catalogueEntry(language, 'reply.writing')?.replace(
    /^(?:\p{Extended_Pictographic}|\uFE0F|\s)+/u,
    '',
  );
  return marker ? [marker] : [];
});

const visibleMessages = (view: UserView) => [...(view.original ? [view.original] : []), ...view.followUps];

function showsWriting(view: UserView): boolean {
  const texts = visibleMessages(view).map(
    (message) => `${message.content} ${JSON.stringify(message.embeds)}`,
  );
  return texts.some((text) => WRITING_MARKERS.some((marker) => text.includes(marker)));
}

/** What a user would call answered: acknowledged, no longer "thinking", something visible, not mid-stream. */
export function finalProblem(view: UserView): string | null {
  if (view.ackType === null) return 'never acknowledged';
  if (view.thinking) return 'left thinking';
  if (visibleMessages(view).length === 0) return 'nothing visible';
  if (showsWriting(view)) return 'still shows the writing marker';
  return null;
}

const who = (spec: InteractionSpec) => ({
  userId: spec.userId,
  locale: spec.locale,
  ...(spec.guildId ? { guildId: spec.guildId } : {}),
});

async function follow(discord: FakeDiscord, spec: InteractionSpec, finalTimeoutMs: number): Promise<Outcome> {
  let interaction: FakeInteraction | null = null;
  try {
    if (spec.type === 'autocomplete') {
      interaction = await discord.autocomplete(spec.command, spec.options, spec.focused ?? '', who(spec));
      await interaction.waitFor((view) => view.choices !== null, AUTOCOMPLETE_TIMEOUT_MS);
    } else {
      interaction = await discord.command(spec.command, spec.options, who(spec));
      await interaction.waitFor((view) => finalProblem(view) === null, finalTimeoutMs);
    }
    return { spec, interaction, error: null };
  } catch (error) {
    return { spec, interaction, error: error instanceof Error ? error.message : String(error) };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs every spec (in order of start) and resolves once each has its outcome. */
export async function runTraffic(
  discord: FakeDiscord,
  specs: readonly InteractionSpec[],
  options: TrafficOptions,
): Promise<Outcome[]> {
  const finalTimeoutMs = options.finalTimeoutMs ?? DEFAULT_FINAL_TIMEOUT_MS;
  const outcomes: Outcome[] = [];
  const running = new Set<Promise<void>>();
  const startedAt = performance.now();
  for (const [index, spec] of specs.entries()) {
    if (options.stop?.()) break;
    while (running.size >= options.concurrency) await Promise.race(running);
    if (options.ratePerSecond) {
      const due = startedAt + (index * 1_000) / options.ratePerSecond;
      await sleep(Math.max(0, due - performance.now()));
    }
    const task = follow(discord, spec, finalTimeoutMs).then((outcome) => {
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
      running.delete(task);
    });
    running.add(task);
  }
  await Promise.all(running);
  return outcomes;
}
