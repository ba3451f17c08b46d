import type Keyv from 'keyv';
import type { CompletedReply } from './collect.ts';

/**
 * What was shown to a member, kept for a while so the buttons on it can act later: "Discuss in a thread" continues
 * from it, "Report" files it. Keyed by the id of the interaction (or message) that produced it: a Discord
 * snowflake, unique across processes, short enough for a button's custom id. Entries expire (RECORD_TTL_MS) and
 * the store's sweep removes them, so the namespace stays bounded however many answers are given.
 */
export const RECORDS_NAMESPACE = 'records';
export const RECORD_TTL_MS = 30 * 24 * 3_600_000;

export type RecordKind = 'ask' | 'summary' | 'follow-up';

export interface AnswerRecord {
  readonly kind: RecordKind;
  /** The member's question; null for a summary. */
  readonly question: string | null;
  /** The text shown (answer or summary), as the model or the offline answerer wrote it. */
  readonly answer: string;
  readonly answered: boolean;
  /** The quoted sentences shown under the answer, as cited. */
  readonly quotes: readonly { readonly quote: string; readonly paragraph: number }[];
  readonly article: {
    readonly id: string;
    readonly version: number;
    readonly hash: string;
    readonly title: string;
    readonly url: string | null;
  };
  readonly provider: string;
  readonly model: string;
  /** The reply language. */
  readonly language: string;
  readonly guildId: string | null;
  /** Given inside a thread (Discuss would open a thread in a thread, which Discord refuses). */
  readonly inThread?: boolean;
  /** ISO-8601 instant the answer was given. */
  readonly createdAt: string;
}

export interface AnswerRecords {
  /** Never throws: a store hiccup leaves the answer without buttons that need the record, and is logged. */
  save(id: string, record: AnswerRecord): Promise<boolean>;
  get(id: string): Promise<AnswerRecord | undefined>;
}

/** The record of a completed reply: what the transports save before showing it. */
export function recordOf(
  reply: CompletedReply,
  request: { kind: RecordKind; question: string | null; language: string; guildId: string | null },
  now: Date = new Date(),
): AnswerRecord {
  const { article, result } = reply;
  return {
    kind: request.kind,
    question: request.question,
    answer: result.text,
    answered: result.answered,
    quotes: result.citations.map(({ quote, paragraph }) => ({ quote, paragraph })),
    article: {
      id: article.id,
      version: article.version,
      hash: article.hash,
      title: article.title,
      url: article.url ?? null,
    },
    provider: result.provider,
    model: result.model,
    language: request.language,
    guildId: request.guildId,
    createdAt: now.toISOString(),
  };
}

export function createAnswerRecords(
  keyv: Keyv,
  onError: (error: unknown) => void = () => {},
  ttlMs: number = RECORD_TTL_MS,
): AnswerRecords {
  return {
    async save(id, record) {
      try {
        await keyv.set(id, record, ttlMs);
        return true;
      } catch (error) {
        onError(error);
        return false;
      }
    },
    async get(id) {
      return (await keyv.get<AnswerRecord>(id)) ?? undefined;
    },
  };
}
