import type Keyv from 'keyv';

/**
 * A conversation about one article version: the thread a "Discuss in a thread" button opened, or the console's
 * follow-up prompt. Kept in the store (it survives a restart), bounded: at most MAX_TURNS_KEPT turns (the oldest
 * drop out), and a conversation untouched for CONVERSATION_TTL_MS expires (the store's sweep removes it).
 * Two processes appending to one thread at the same instant may lose one turn of context (read-modify-write);
 * the answers themselves are never lost.
 */
export const CONVERSATIONS_NAMESPACE = 'threads';
export const MAX_TURNS_KEPT = 8;
export const CONVERSATION_TTL_MS = 30 * 24 * 3_600_000;

export interface ConversationTurn {
  /** null for a summary (a thread opened under /summary or a digest item's summary): the answer is the summary. */
  readonly question: string | null;
  readonly answer: string;
}

export interface Conversation {
  /** The thread's channel id (Discord) or the console session's id. */
  readonly id: string;
  readonly guildId: string | null;
  /** The article version the conversation is about. */
  readonly article: {
    readonly id: string;
    readonly version: number;
    readonly hash: string;
    readonly title: string;
  };
  readonly language: string;
  /** Oldest first. */
  readonly turns: readonly ConversationTurn[];
}

export interface ConversationStore {
  start(conversation: Conversation): Promise<void>;
  get(id: string): Promise<Conversation | undefined>;
  /** Adds a turn (dropping the oldest past the bound) and refreshes the expiry; undefined when unknown. */
  append(id: string, turn: ConversationTurn): Promise<Conversation | undefined>;
  /** The conversation opened for `key` (an answer, or an article in a channel), if it is still kept. */
  openedFor(key: string): Promise<string | undefined>;
  /** Remembers which conversation `key` opened, for as long as conversations are kept. */
  rememberOpened(key: string, id: string): Promise<void>;
}

/** Where the conversation a key opened is noted (ids are snowflakes: digits only, so never this). */
const OPENED_PREFIX = 'opened:';

export interface ConversationStoreOptions {
  readonly ttlMs?: number;
  readonly maxTurns?: number;
}

export function createConversationStore(
  keyv: Keyv,
  { ttlMs = CONVERSATION_TTL_MS, maxTurns = MAX_TURNS_KEPT }: ConversationStoreOptions = {},
): ConversationStore {
  const save = async (conversation: Conversation) => {
    await keyv.set(conversation.id, { ...conversation, turns: conversation.turns.slice(-maxTurns) }, ttlMs);
  };
  return {
    start: save,
    async get(id) {
      return (await keyv.get<Conversation>(id)) ?? undefined;
    },
    async openedFor(key) {
      return (await keyv.get<string>(`${OPENED_PREFIX}${key}`)) ?? undefined;
    },
    async rememberOpened(key, id) {
      await keyv.set(`${OPENED_PREFIX}${key}`, id, ttlMs);
    },
    async append(id, turn) {
      const conversation = await keyv.get<Conversation>(id);
      if (!conversation) return undefined;
      const next = { ...conversation, turns: [...conversation.turns, turn].slice(-maxTurns) };
      await save(next);
      return next;
    },
  };
}
