import { type Cooldowns, createCooldowns } from '../cooldowns.ts';

/**
 * What keeps one member from flooding the reports, without keeping who they are: in this process's memory only, a
 * member may file REPORTS_PER_HOUR reports an hour and one per answer. Two processes each count on their own (a
 * member could file twice as many); a restart forgets. Bounded: at most REMEMBERED_REPORTS (member, answer) pairs
 * and the cooldowns' own bound on members.
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
  take(userId: string, recordId: string): ReportVerdict;
}

export function createReportLimiter(options: { perHour?: number; now?: () => number } = {}): ReportLimiter {
  const cooldowns: Cooldowns = createCooldowns({
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
    take(userId, recordId) {
      const key = keyOf(userId, recordId);
      if (filed.has(key)) return { allowed: false, reason: 'already' };
      const verdict = cooldowns.take(COUNTED, userId);
      if (!verdict.allowed)
        return { allowed: false, reason: 'too-many', retryAt: verdict.retryAt, limit: verdict.limit };
      return { allowed: true, filed: () => remember(key), release: () => verdict.ticket.refund() };
    },
  };
}
