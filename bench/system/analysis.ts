/**
 * Turns what the fakes recorded into figures: per interaction, when Discord saw the acknowledgement, when the last
 * reply request landed, and how much of that wait was the model's (its calls overlapping the interaction).
 */
import type { FakeDiscord, UserView } from '../../test/fakes/discord/index.ts';
import type { ModelCall } from './model-proxy.ts';
import type { Outcome } from './traffic.ts';

/** `/interactions/{id}/{token}/callback` and `/webhooks/{app}/{token}/…`: the token names the interaction. */
const INTERACTION_TOKEN = /^\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/;

interface ReplyRequests {
  /** The last accepted reply request (final edit or follow-up). */
  last: number;
  /** Every accepted edit of the original response, in arrival order. */
  readonly edits: number[];
}

/** Per interaction token: when its accepted reply requests reached Discord. */
export function replyRequests(discord: FakeDiscord): Map<string, ReplyRequests> {
  const byToken = new Map<string, ReplyRequests>();
  for (const request of discord.requests) {
    if (request.status >= 300) continue;
    const token = INTERACTION_TOKEN.exec(request.path)?.[1];
    if (!token) continue;
    const seen = byToken.get(token) ?? { last: 0, edits: [] };
    seen.last = Math.max(seen.last, request.at);
    if (request.method === 'PATCH' && request.path.endsWith('/messages/@original'))
      seen.edits.push(request.at);
    byToken.set(token, seen);
  }
  return byToken;
}

/**
 * How long the final edit waited for its slot after the model finished: a live answer edits at most once per
 * STREAM_EDIT_INTERVAL_MS, the final edit included, so a model that ends just after a live edit waits out the
 * rest of the interval. That wait is the streaming design's, not work the bot did.
 */
function pacingWaitMs(edits: readonly number[], finalAt: number, modelEnd: number, editIntervalMs: number) {
  const before = edits.filter((at) => at < finalAt);
  const previous = before.at(-1);
  if (previous === undefined || !Number.isFinite(modelEnd)) return 0;
  return Math.max(0, Math.min(previous + editIntervalMs, finalAt) - modelEnd);
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
  /** Of the overhead: waiting for the next edit slot (see pacingWaitMs). */
  readonly pacingMs: number;
  /** Of the overhead: everything else — the bot's own work and Discord's request latency. */
  readonly botWorkMs: number;
}

export function commandTimings(
  outcomes: readonly Outcome[],
  discord: FakeDiscord,
  calls: readonly ModelCall[],
  editIntervalMs: number,
): CommandTiming[] {
  const replies = replyRequests(discord);
  return outcomes.flatMap((outcome) => {
    if (outcome.spec.type !== 'command' || !outcome.interaction || outcome.error) return [];
    const view = outcome.interaction.view();
    const seen = replies.get(outcome.interaction.token);
    const finalAt = seen?.last;
    if (view.ackAt === null || seen === undefined || finalAt === undefined) return [];
    const served = callsFor(outcome, calls);
    const modelMs = overlapMs(served, view.createdAt, finalAt);
    const finalMs = finalAt - view.createdAt;
    const modelEnd = Math.max(
      ...served.map(([, end]) => end).filter((end) => end <= finalAt && end > view.createdAt),
    );
    const overheadMs = finalMs - modelMs;
    const pacingMs = Math.min(overheadMs, pacingWaitMs(seen.edits, finalAt, modelEnd, editIntervalMs));
    return [
      {
        ...{ label: outcome.spec.label, deferMs: view.ackAt - view.createdAt, finalMs, modelMs },
        ...{ overheadMs, pacingMs, botWorkMs: overheadMs - pacingMs },
        afterModelMs: Number.isFinite(modelEnd) ? finalAt - modelEnd : null,
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
