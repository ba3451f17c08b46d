import type Keyv from 'keyv';
import type { AnswerRecord } from './records.ts';

/**
 * What members reported as wrong: the answer as it was given (its record, src/answer/records.ts), the member's
 * note, the server, the reporter's locale, and when. No member id is kept: a report is about an answer, not about
 * a person, and the export hands reports to whoever reviews answers (abuse is bounded per member in memory by the
 * Discord side, see src/discord/report/limits.ts).
 *
 * Keys: `r:<report id>` holds a report (the id is the modal submission's snowflake: unique across processes,
 * ordered by time); `g:<guild id>` holds that server's newest report ids, newest first, at most
 * GUILD_INDEX_MAX_IDS, which is what /reports pages through — it never reads more than one page of reports.
 * Both expire REPORT_TTL_MS after the last write, so the namespace stays bounded.
 */
export const REPORTS_NAMESPACE = 'reports';
export const REPORT_TTL_MS = 180 * 24 * 3_600_000;
export const REPORT_NOTE_MAX_CHARS = 1_000;
/** What a report keeps of the message when the answer's record has expired. */
export const REPORT_SHOWN_MAX_CHARS = 4_000;
export const GUILD_INDEX_MAX_IDS = 250;
/** A write to a server's index is read back and retried when another process's write replaced it. */
const INDEX_ATTEMPTS = 3;

export interface Report {
  readonly id: string;
  readonly guildId: string | null;
  /** The answer record the report is about (its id is the interaction that produced the answer). */
  readonly recordId: string;
  /** The answer as given; null when its record had expired (then `shown` holds what the message showed). */
  readonly record: AnswerRecord | null;
  readonly shown: string | null;
  /** What the member wrote, trimmed; '' when they wrote nothing. */
  readonly note: string;
  /** The reporter's Discord locale. */
  readonly locale: string;
  /** ISO-8601 instant of the report. */
  readonly createdAt: string;
}

export interface ReportPage {
  readonly reports: readonly Report[];
  /** 0-based. */
  readonly page: number;
  readonly pageSize: number;
  /** Reports listed for the server (at most GUILD_INDEX_MAX_IDS). */
  readonly total: number;
}

export interface ReportStore {
  /** Stores the report and lists it first for its server; throws when the store refuses (the member is told). */
  file(report: Report): Promise<void>;
  /** One page of a server's reports, newest first; a page past the end is the last one. */
  page(guildId: string, page: number, pageSize: number): Promise<ReportPage>;
}

const reportKey = (id: string) => `r:${id}`;
const indexKey = (guildId: string) => `g:${guildId}`;
export const REPORT_KEY_PREFIX = 'r:';

/** `note` as kept: trimmed and at most REPORT_NOTE_MAX_CHARS (a modal's limit is the client's, not a promise). */
export function boundedNote(text: string): string {
  return text.trim().slice(0, REPORT_NOTE_MAX_CHARS).trim();
}

async function listFirst(keyv: Keyv, guildId: string, id: string, ttlMs: number): Promise<void> {
  for (let attempt = 0; attempt < INDEX_ATTEMPTS; attempt++) {
    const ids = (await keyv.get<string[]>(indexKey(guildId))) ?? [];
    if (ids.includes(id)) return;
    const next = [id, ...ids].slice(0, GUILD_INDEX_MAX_IDS);
    await keyv.set(indexKey(guildId), next, ttlMs);
    const written = (await keyv.get<string[]>(indexKey(guildId))) ?? [];
    if (written.includes(id)) return;
  }
}

export function createReportStore(keyv: Keyv, ttlMs: number = REPORT_TTL_MS): ReportStore {
  return {
    async file(report) {
      await keyv.set(reportKey(report.id), report, ttlMs);
      if (report.guildId !== null) await listFirst(keyv, report.guildId, report.id, ttlMs);
    },
    async page(guildId, page, pageSize) {
      const ids = (await keyv.get<string[]>(indexKey(guildId))) ?? [];
      const last = Math.max(0, Math.ceil(ids.length / pageSize) - 1);
      const shown = Math.min(Math.max(0, Math.floor(page)), last);
      const slice = ids.slice(shown * pageSize, (shown + 1) * pageSize);
      const found = slice.length > 0 ? await keyv.getMany<Report>(slice.map(reportKey)) : [];
      const reports = found.filter((report): report is Report => report !== undefined && report !== null);
      return { reports, page: shown, pageSize, total: ids.length };
    },
  };
}

/** Reports per page of /reports: five embeds stay well within a message's 6000 characters of embeds. */
export const REPORTS_PAGE_SIZE = 5;
