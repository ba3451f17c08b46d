import type { Article } from '../articles/article.ts';
import { nextMidnight } from '../core/calendar.ts';
import { errorMessage } from '../core/errors.ts';
import { bookkeep, type Job, type Room } from './newsroom-deps.ts';
import type { ReplyEvent, ReplyResult, RequestContext } from './newsroom-types.ts';
import type { FallbackReason } from './types.ts';
import { budgetTokens } from './usage.ts';

/** How many distinct rejection messages are logged as errors; past that a misconfiguration has been reported. */
const MAX_REPORTED_REJECTIONS = 100;

/** Whether the guild has spent its daily token budget (the offline answerer then serves it). */
export async function overBudget(room: Room, context: RequestContext): Promise<boolean> {
  const budget = room.settings.guildDailyTokenBudget;
  if (budget <= 0 || context.guildId === null) return false;
  // A store hiccup must not turn into a refused answer: unknown usage counts as within budget.
  const days = await room.usage.days(context.guildId, 1).catch((error: unknown) => {
    room.logger.warn({ err: error }, 'usage unreadable; budget not checked');
    return [];
  });
  const today = days[0];
  return today !== undefined && budgetTokens(today) >= budget;
}

/** When the guild's budget comes back: its next local midnight (UTC if its zone cannot be read). */
function budgetResets(room: Room, guildId: string | null) {
  return room.usage.accountingDay(guildId).then(
    ({ zone, endsAt }) => ({ zone, resetsAt: endsAt.toISOString() }),
    () => ({ zone: 'UTC', resetsAt: nextMidnight(room.now(), 'UTC').toISOString() }),
  );
}

/** Tells the operator why the model did not answer; a rejection (key, model, account) as an error, once. */
export function warnOperator(room: Room, reason: FallbackReason, error: unknown): void {
  const { logger, reportedRejections } = room;
  if (reason !== 'rejected') {
    logger.warn({ reason, err: errorMessage(error) }, 'model unavailable; serving the offline answer');
    return;
  }
  const message = errorMessage(error);
  if (reportedRejections.size < MAX_REPORTED_REJECTIONS && !reportedRejections.has(message)) {
    reportedRejections.add(message);
    logger.error(
      { err: message },
      'The Anthropic API rejected the request (check ANTHROPIC_API_KEY, ANTHROPIC_MODEL and account access); serving offline answers',
    );
  }
}

/** The offline answerer's reply, labelled with why the model did not answer (and the budget notice, once a day). */
export async function* offlineReply(
  room: Room,
  job: Job,
  article: Article,
  reason: FallbackReason,
): AsyncGenerator<ReplyEvent> {
  for await (const event of job.run(room.offline, article)) {
    if (event.type !== 'done') {
      yield event;
      continue;
    }
    const { guildId } = job.context;
    await bookkeep(room, room.usage.recordOfflineReply(guildId));
    let result: ReplyResult = { ...event.result, fallbackReason: reason, cached: false };
    const firstNoticeToday =
      reason === 'over-budget' && (await room.usage.claimBudgetNotice(guildId).catch(() => false));
    if (firstNoticeToday) result = { ...result, budgetNotice: await budgetResets(room, guildId) };
    yield { type: 'done', result };
  }
}
