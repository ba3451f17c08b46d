import { createHash } from 'node:crypto';
import type Keyv from 'keyv';
import type { StoredArticle } from '../articles/article.ts';
import type { ConversationTurn } from './conversations.ts';
import type { AnswerResult, SummaryLength } from './types.ts';

/** Everything that changes the answer is in the key: a new article version, prompt or model never hits old entries. */
export interface CacheIdentity {
  readonly kind: 'summary' | 'answer';
  readonly article: Pick<StoredArticle, 'id' | 'hash'>;
  readonly language: string;
  readonly promptHash: string;
  readonly model: string;
  readonly length?: SummaryLength;
  readonly question?: string;
  /** A follow-up's earlier turns: the same question after another conversation is another request. */
  readonly turns?: readonly ConversationTurn[];
}

/** Turns as compared: questions normalised like the question itself, answers as shown (trimmed). */
function turnsPart(turns: readonly ConversationTurn[] | undefined): unknown[] {
  if (!turns || turns.length === 0) return [];
  return [
    turns.map((turn) => [
      turn.question === null ? null : normaliseQuestion(turn.question),
      turn.answer.trim(),
    ]),
  ];
}

/** Case, spacing, Unicode form and trailing punctuation do not make a question different. */
export function normaliseQuestion(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s?!.。？！]+$/u, '')
    .trim();
}

export function normaliseLanguage(language: string): string {
  return language.trim().toLowerCase().replace('_', '-') || 'en';
}

export function cacheKey(identity: CacheIdentity): string {
  const parts = [
    identity.kind,
    identity.article.id,
    identity.article.hash,
    normaliseLanguage(identity.language),
    identity.promptHash,
    identity.model,
    identity.length ?? '',
    identity.question === undefined ? '' : normaliseQuestion(identity.question),
    // Absent for /ask and /summary, so their keys are the ones they always had.
    ...turnsPart(identity.turns),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

export interface AnswerCache {
  get(key: string): Promise<AnswerResult | undefined>;
  set(key: string, result: AnswerResult, ttlMs: number): Promise<void>;
}

/** Answer cache on keyv. A store hiccup is a miss (or an unsaved entry), never a failed reply. */
export function createAnswerCache(keyv: Keyv, onError: (error: unknown) => void = () => {}): AnswerCache {
  return {
    async get(key) {
      try {
        return (await keyv.get<AnswerResult>(key)) ?? undefined;
      } catch (error) {
        onError(error);
        return undefined;
      }
    },
    async set(key, result, ttlMs) {
      try {
        await keyv.set(key, result, ttlMs > 0 ? ttlMs : undefined);
      } catch (error) {
        onError(error);
      }
    },
  };
}
