import { type CooldownOptions, type Cooldowns, createCooldowns } from '../cooldowns.ts';

/**
 * What keeps one member from flooding the reports, without keeping who they are in the reports: a member may file
 * REPORTS_PER_HOUR reports an hour, counted where the bot keeps its cooldowns (the shared store: every shard
 * process counts the same reports; only the times, under the member's id, for an hour), and one per answer,
 * remembered in this process's memory only (the Report button must open its modal without a store read, and the
 * store is not told which member reported which answer): two processes could each take one report of the same
 * answer from a member, and a restart forgets. Bounded: at most REMEMBERED_REPORTS (member, answer) pairs here,
 * and the hourly windows expire with the hour.
 */
export const REPORTS_PER_HOUR = 10;
const HOUR_MS = 3_600_000;
const REMEMBERED_REPORTS = 10_000;
const COUNTED = 'report';

export type ReportVerdict =
  | { readonly allowed: true; filed(): void; release(): void }
  | { readonly allowed: false; readonly reason: 'already' }
  | {
      readonly allowed: false;
      readonly reason: 'too-many';
      readonly retryAt: number;
      readonly limit: number;
    };

export interface ReportLimiter {
  /** Whether this member already reported this answer (in this process's memory). */
  reported(userId: string, recordId: string): boolean;
  /** Takes one of the member's reports for this answer; `release` hands it back when the report was not kept. */
  take(userId: string, recordId: string): Promise<ReportVerdict>;
}

export interface ReportLimiterOptions {
  readonly perHour?: number;
  readonly now?: () => number;
  /** Where the hourly windows are counted: this process's memory when absent (the bot passes the shared store). */
  readonly counter?: (options: CooldownOptions) => Cooldowns;
}

export function createReportLimiter(options: ReportLimiterOptions = {}): ReportLimiter {
  const counter = options.counter ?? createCooldowns;
  const cooldowns = counter({
    perWindow: { [COUNTED]: options.perHour ?? REPORTS_PER_HOUR },
    windowMs: HOUR_MS,
    ...(options.now ? { now: options.now } : {}),
  });
  const filed = new Set<string>();
  const keyOf = (userId: string, recordId: string) => `${userId}:${recordId}`;
  const remember = (key: string) => {
    filed.add(key);
    while (filed.size > REMEMBERED_REPORTS) filed.delete(filed.values().next().value as string);
  };
  return {
    reported: (userId, recordId) => filed.has(keyOf(userId, recordId)),
    async take(userId, recordId) {
      const key = keyOf(userId, recordId);
      if (filed.has(key)) return { allowed: false, reason: 'already' };
      const verdict = await cooldowns.take(COUNTED, userId);
      if (!verdict.allowed)
        return { allowed: false, reason: 'too-many', retryAt: verdict.retryAt, limit: verdict.limit };
      return { allowed: true, filed: () => remember(key), release: () => void verdict.ticket.refund() };
    },
  };
}
