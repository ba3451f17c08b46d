import type { Article } from '../articles/article.ts';
import { translator } from '../core/i18n/index.ts';
import { Broadcast } from './broadcast.ts';
import { bookkeep, type Job, type Room } from './newsroom-deps.ts';
import { offlineReply, warnOperator } from './newsroom-offline.ts';
import { claimFlight, type FlightClaim } from './newsroom-shared-flight.ts';
import type { ReplyEvent, RequestContext } from './newsroom-types.ts';
import type { AnswerEvent, Answerer, AnswerResult, FallbackReason } from './types.ts';

/**
 * Single flight: the model's reply for `key`, from a call already running for an identical request, or from a new
 * call the later identical requests join. Nothing here awaits between the look-up and the registration, so
 * concurrent identical requests cannot both start a model call.
 */
export function modelReply(
  room: Room,
  job: Job,
  article: Article,
  key: string,
  model: Answerer,
): AsyncIterable<ReplyEvent> {
  const running = room.inflight.get(key);
  if (running) return joinFlight(room, running, job.context);
  const flight = new Broadcast<ReplyEvent>();
  room.inflight.set(key, flight);
  void produce(room, flight, job, article, key, model).finally(() => room.inflight.delete(key));
  return flight.subscribe();
}

async function produce(
  room: Room,
  flight: Broadcast<ReplyEvent>,
  job: Job,
  article: Article,
  key: string,
  model: Answerer,
): Promise<void> {
  const progress = { streamed: false };
  let claim: FlightClaim;
  try {
    claim = await claimFlight({ ...room, signal: job.signal }, key);
  } catch (error) {
    flight.fail(error);
    return;
  }
  if (claim.kind === 'cached') return shareCached(room, flight, job.context, claim.result);
  if (claim.kind === 'failed') return serveOffline(room, flight, job, article, claim.reason);
  // Announced once the call is ours: an answer another process cached, or its outage's offline answer, is ready
  // within the deferral's hold and goes out as the first response, with no "thinking…" before it.
  flight.push({ type: 'calling' });
  let failure: FallbackReason | undefined;
  try {
    const result = await streamModel(room, flight, job, article, model, progress);
    // The reply goes out first; the bookkeeping follows. The flight stays registered until the cache entry is
    // written, so an identical request arriving meanwhile joins it instead of calling the model again.
    flight.push({ type: 'done', result: { ...result, cached: false } });
    flight.finish();
    await Promise.all([
      bookkeep(room, room.usage.recordModelCall(job.context.guildId, result.model, result.usage)),
      room.cache.set(key, result, job.ttlMs),
    ]);
  } catch (error) {
    const reason = await failOver(room, flight, job, article, error, progress.streamed);
    // An asker who left is no outage: the next request for the key may call the model at once.
    if (!job.signal?.aborted) failure = reason;
  } finally {
    // After the cache write: a process waiting on this call finds the answer, or (on failure) the failed marker.
    await claim.release(failure);
  }
}

/** Another process called the model for this key: its cached answer, counted as cached for this request. */
async function shareCached(
  room: Room,
  flight: Broadcast<ReplyEvent>,
  context: RequestContext,
  result: AnswerResult,
): Promise<void> {
  await bookkeep(room, room.usage.recordCachedReply(context.guildId));
  flight.push({ type: 'text', text: result.text });
  for (const citation of result.citations) flight.push({ type: 'citation', citation });
  flight.push({ type: 'done', result: { ...result, cached: true } });
  flight.finish();
}

/** Pushes the model's text and citations into the flight as they arrive; returns its (grounded) result. */
async function streamModel(
  room: Room,
  flight: Broadcast<ReplyEvent>,
  job: Job,
  article: Article,
  model: Answerer,
  progress: { streamed: boolean },
): Promise<AnswerResult> {
  let result: AnswerResult | undefined;
  for await (const event of job.run(model, article)) {
    if (event.type === 'done') result = event.result;
    else {
      if (!progress.streamed) flight.push({ type: 'writing' });
      progress.streamed = true;
      flight.push(event);
    }
  }
  if (!result) throw new Error('the model stream ended without a result');
  return isUncited(result) ? withhold(room, job, article, result) : result;
}

/**
 * The model failed: the flight gets the labelled offline answer instead (after a restart if text was shown).
 * Resolves to why, for the failed marker.
 */
async function failOver(
  room: Room,
  flight: Broadcast<ReplyEvent>,
  job: Job,
  article: Article,
  error: unknown,
  streamed: boolean,
): Promise<FallbackReason> {
  const known = room.classifyError(error);
  if (known === null) room.logger.error({ err: error }, 'unexpected model failure');
  const reason = known ?? 'server-error';
  warnOperator(room, reason, error);
  if (streamed) flight.push({ type: 'restart', reason });
  await serveOffline(room, flight, job, article, reason);
  return reason;
}

/** The labelled offline answer for `reason` into the flight. */
async function serveOffline(
  room: Room,
  flight: Broadcast<ReplyEvent>,
  job: Job,
  article: Article,
  reason: FallbackReason,
): Promise<void> {
  try {
    for await (const event of offlineReply(room, job, article, reason)) flight.push(event);
  } catch (offlineError) {
    flight.fail(offlineError);
    return;
  }
  flight.finish();
}

/**
 * A request that shares another's model call costs nothing: it is reported (and counted) as cached. When that
 * call failed over to the offline answer, the shared reply is an offline one and is counted as such, so every
 * reply shown is in the ledger once.
 */
async function* joinFlight(
  room: Room,
  flight: Broadcast<ReplyEvent>,
  context: RequestContext,
): AsyncGenerator<ReplyEvent> {
  for await (const event of flight.subscribe()) {
    if (event.type !== 'done') {
      yield event;
      continue;
    }
    if (event.result.provider !== 'anthropic') {
      await bookkeep(room, room.usage.recordOfflineReply(context.guildId));
      yield event;
      continue;
    }
    await bookkeep(room, room.usage.recordCachedReply(context.guildId));
    yield { type: 'done', result: { ...event.result, cached: true } };
  }
}

/**
 * A model answer or summary that cites nothing cannot be checked against the article, so it is never shown as the
 * article's answer. (A reply with the not-in-article marker is already answered: false and needs no citation.)
 */
function isUncited(result: AnswerResult): boolean {
  return result.provider === 'anthropic' && result.answered && result.citations.length === 0;
}

async function offlineResult(events: AsyncIterable<AnswerEvent>): Promise<AnswerResult | undefined> {
  let result: AnswerResult | undefined;
  for await (const event of events) if (event.type === 'done') result = event.result;
  return result;
}

/**
 * The reply that replaces an uncited model answer: "the article does not support an answer", then — when the
 * offline answerer finds something — its sentences, labelled as such, with their quotes. answered: false either
 * way; the model call (usage, model name) is still reported, since it was made and paid for.
 */
async function withhold(
  room: Room,
  job: Job,
  article: Article,
  uncited: AnswerResult,
): Promise<AnswerResult> {
  const { kind, language } = job.identity(article);
  room.logger.info({ kind, article: article.id }, 'model reply cited nothing; not shown as the answer');
  const t = translator(language);
  const extract = await offlineResult(job.run(room.offline, article)).catch((error: unknown) => {
    room.logger.warn({ err: error }, 'offline sentences unavailable');
    return undefined;
  });
  const usable = extract?.answered === true && extract.citations.length > 0 ? extract : undefined;
  const lines = [t(kind === 'answer' ? 'reply.unsupported.answer' : 'reply.unsupported.summary')];
  if (usable) {
    const label =
      kind === 'answer' ? 'reply.unsupported.offline-answer' : 'reply.unsupported.offline-summary';
    lines.push('', t(label), usable.text);
  }
  return { ...uncited, text: lines.join('\n'), answered: false, citations: usable?.citations ?? [] };
}
