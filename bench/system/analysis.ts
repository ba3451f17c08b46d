/**
 * Turns what the fakes recorded into figures: per interaction, when Discord saw the acknowledgement, when the last
 * reply request landed, and how much of that wait was the model's (its calls overlapping the interaction).
 */
import type { FakeDiscord, UserView } from '../../test/fakes/discord/index.ts';
import type { ModelCall } from './model-proxy.ts';
import type { Outcome } from './traffic.ts';

/** `/interactions/{id}/{token}/callback` and `/webhooks/{app}/{token}/…`: the token names the interaction. */
const INTERACTION_TOKEN = /^\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/;

/** The time of the last accepted reply request per interaction token. */
export function lastReplyAt(discord: FakeDiscord): Map<string, number> {
  const last = new Map<string, number>();
  for (const request of discord.requests) {
    if (request.status >= 300) continue;
    const token = INTERACTION_TOKEN.exec(request.path)?.[1];
    if (token) last.set(token, Math.max(last.get(token) ?? 0, request.at));
  }
  return last;
}

function overlapMs(intervals: readonly [number, number][], from: number, to: number): number {
  const clipped = intervals
    .map(([start, end]) => [Math.max(start, from), Math.min(end, to)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let reach = from;
  for (const [start, end] of clipped) {
    if (end <= reach) continue;
    total += end - Math.max(start, reach);
    reach = end;
  }
  return total;
}

/** The model calls that could have served this interaction (same question or same summary). */
function callsFor(outcome: Outcome, calls: readonly ModelCall[]): [number, number][] {
  const { spec } = outcome;
  const question = spec.command === 'ask' ? (spec.options.question ?? '').trim() : null;
  return calls
    .filter((call) =>
      question !== null
        ? call.question === question && (spec.title === null || call.title === spec.title)
        : call.question === null &&
          call.title === spec.title &&
          call.length === (spec.options.length ?? null),
    )
    .map((call) => [call.startedAt, call.endedAt || call.startedAt] as [number, number]);
}

export interface CommandTiming {
  readonly label: string;
  readonly deferMs: number;
  readonly finalMs: number;
  readonly modelMs: number;
  readonly overheadMs: number;
  /** From the end of the model call that served it to the final reply (null: no model call in its window). */
  readonly afterModelMs: number | null;
}

export function commandTimings(
  outcomes: readonly Outcome[],
  discord: FakeDiscord,
  calls: readonly ModelCall[],
): CommandTiming[] {
  const last = lastReplyAt(discord);
  return outcomes.flatMap((outcome) => {
    if (outcome.spec.type !== 'command' || !outcome.interaction || outcome.error) return [];
    const view = outcome.interaction.view();
    const finalAt = last.get(outcome.interaction.token);
    if (view.ackAt === null || finalAt === undefined) return [];
    const served = callsFor(outcome, calls);
    const modelMs = overlapMs(served, view.createdAt, finalAt);
    const finalMs = finalAt - view.createdAt;
    const modelEnd = Math.max(
      ...served.map(([, end]) => end).filter((end) => end <= finalAt && end > view.createdAt),
    );
    return [
      {
        ...{ label: outcome.spec.label, deferMs: view.ackAt - view.createdAt, finalMs, modelMs },
        ...{
          overheadMs: finalMs - modelMs,
          afterModelMs: Number.isFinite(modelEnd) ? finalAt - modelEnd : null,
        },
      },
    ];
  });
}

/** Event → choices shown, for every autocomplete that got its answer. */
export function autocompleteTimings(outcomes: readonly Outcome[]): number[] {
  return outcomes.flatMap((outcome) => {
    if (outcome.spec.type !== 'autocomplete' || !outcome.interaction) return [];
    const view: UserView = outcome.interaction.view();
    return view.ackAt === null ? [] : [view.ackAt - view.createdAt];
  });
}

/** Least-squares slope of y over x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - meanX) * (p.y - meanY);
    den += (p.x - meanX) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
