import type Keyv from 'keyv';
import { KeyedSerializer } from '../articles/keyed-serializer.ts';
import type { AnswerRecord } from './records.ts';

/**
 * What members reported as wrong: the answer as it was given (its record, src/answer/records.ts), the member's
 * note, the server, the reporter's locale, and when. No member id is kept: a report is about an answer, not about
 * a person, and the export hands reports to whoever reviews answers (abuse is bounded per member in memory by the
 * Discord side, see src/discord/report/limits.ts).
 *
 * Keys: `r:<report id>` holds a report (the id is the modal submission's snowflake: unique across processes,
 * ordered by time); `g:<guild id>` holds that server's newest report ids with when each expires, newest first, at
 * most GUILD_INDEX_MAX_IDS, which is what /reports pages through — it never reads more than one page of reports.
 * Both expire REPORT_TTL_MS after the last write, so the namespace stays bounded; an index entry whose report
 * has expired is neither counted nor shown, and is dropped at the next write.
 *
 * The index is one value, so two writers can race (read, read, write, write: the first write is lost). In one
 * process, writes to a server's index are serialised. Across processes sharing a store, a writer waits a while
 * after its write (longer than a read-and-write takes: SETTLE_MS, or twice what its own took) and reads the index
 * again: a write that replaced its own has landed by then, and it lists its report again, in time order. The
 * report itself is kept whatever happens to the index (the export reads the namespace, not the index).
 */
export const REPORTS_NAMESPACE = 'reports';
export const REPORT_TTL_MS = 180 * 24 * 3_600_000;
export const REPORT_NOTE_MAX_CHARS = 1_000;
/** What a report keeps of the message when the answer's record has expired. */
export const REPORT_SHOWN_MAX_CHARS = 4_000;
export const GUILD_INDEX_MAX_IDS = 250;
/** How often a writer lists its report again when another process's write replaced the index. */
const INDEX_ATTEMPTS = 4;
/** How long a writer waits before reading the index back (at least; see above), and at most. */
export const SETTLE_MS = 50;
const SETTLE_MAX_MS = 1_000;

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

/** One report in a server's index: its id and when it expires (epoch ms). */
interface IndexEntry {
  readonly id: string;
  readonly expires: number;
}

export interface ReportStoreOptions {
  readonly ttlMs?: number;
  /** The least wait before a write to the index is read back (tests shorten it). */
  readonly settleMs?: number;
}

/** `note` as kept: trimmed and at most REPORT_NOTE_MAX_CHARS (a modal's limit is the client's, not a promise). */
export function boundedNote(text: string): string {
  return text.trim().slice(0, REPORT_NOTE_MAX_CHARS).trim();
}

/** Snowflakes grow with time: the longer id is the newer, then the larger. For sorting newest first. */
export function newestIdFirst(a: string, b: string): number {
  if (a.length !== b.length) return b.length - a.length;
  return a < b ? 1 : a > b ? -1 : 0;
}

/** The index's entries whose reports are still kept (an entry of an older version, a bare id, is kept). */
function liveEntries(stored: unknown, now: number): IndexEntry[] {
  if (!Array.isArray(stored)) return [];
  return stored
    .map((entry: unknown) =>
      typeof entry === 'string' ? { id: entry, expires: Number.MAX_SAFE_INTEGER } : entry,
    )
    .filter((entry): entry is IndexEntry => {
      const candidate = entry as Partial<IndexEntry> | null;
      return (
        typeof candidate?.id === 'string' && typeof candidate.expires === 'number' && candidate.expires > now
      );
    });
}

/** Whether the index lists `id`, or has no room for it (GUILD_INDEX_MAX_IDS newer reports): nothing to do. */
function settled(entries: readonly IndexEntry[], id: string): boolean {
  if (entries.some((entry) => entry.id === id)) return true;
  const oldest = entries.at(-1);
  return entries.length >= GUILD_INDEX_MAX_IDS && oldest !== undefined && newestIdFirst(oldest.id, id) < 0;
}

/** One read-and-write of the index, adding `entry` in time order; resolves how long it took. */
async function addToIndex(keyv: Keyv, guildId: string, entry: IndexEntry, ttlMs: number): Promise<number> {
  const started = Date.now();
  const entries = liveEntries(await keyv.get(indexKey(guildId)), started);
  if (settled(entries, entry.id)) return Date.now() - started;
  const next = [...entries, entry].sort((a, b) => newestIdFirst(a.id, b.id)).slice(0, GUILD_INDEX_MAX_IDS);
  await keyv.set(indexKey(guildId), next, ttlMs);
  return Date.now() - started;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createReportStore(keyv: Keyv, options: ReportStoreOptions = {}): ReportStore {
  const ttlMs = options.ttlMs ?? REPORT_TTL_MS;
  const settleMs = options.settleMs ?? SETTLE_MS;
  // One index write at a time per guild in this process (KeyedSerializer: the store's own per-article lock).
  const serial = new KeyedSerializer();
  async function list(guildId: string, id: string): Promise<void> {
    const entry = { id, expires: Date.now() + ttlMs };
    for (let attempt = 0; attempt < INDEX_ATTEMPTS; attempt++) {
      const took = await serial.run(guildId, () => addToIndex(keyv, guildId, entry, ttlMs));
      await sleep(Math.min(SETTLE_MAX_MS, Math.max(settleMs, 2 * took)));
      if (settled(liveEntries(await keyv.get(indexKey(guildId)), Date.now()), id)) return;
    }
  }
  return {
    async file(report) {
      await keyv.set(reportKey(report.id), report, ttlMs);
      if (report.guildId !== null) await list(report.guildId, report.id);
    },
    async page(guildId, page, pageSize) {
      const ids = liveEntries(await keyv.get(indexKey(guildId)), Date.now()).map((entry) => entry.id);
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
