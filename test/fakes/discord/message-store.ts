import type { StoredMessage } from './messages.ts';

/** How long Discord remembers an enforced nonce ("the past few minutes"). */
export const NONCE_WINDOW_MS = 5 * 60_000;

/** Every message the bot made; channel posts (channel.send) are also listed per channel for channelMessages(). */
export interface MessageStore {
  get(id: string): StoredMessage | undefined;
  add(message: StoredMessage, options?: { post?: boolean }): void;
  posts(channelId: string): StoredMessage[];
  /** The post in this channel with this nonce, if it is recent enough to count as the same send. */
  byNonce(channelId: string, nonce: string | number, now: number): StoredMessage | undefined;
}

export function createMessageStore(maxMessages: number): MessageStore {
  const messages = new Map<string, StoredMessage>();
  const postIds = new Map<string, string[]>();
  const nonces = new Map<string, StoredMessage>();
  const nonceKey = (channelId: string, nonce: string | number) =>
    `${channelId}\u0000${typeof nonce}:${nonce}`;

  const evictOldest = () => {
    const oldest = messages.keys().next().value;
    if (oldest === undefined) return;
    const message = messages.get(oldest);
    messages.delete(oldest);
    if (message?.nonce !== null && message?.nonce !== undefined)
      nonces.delete(nonceKey(message.channelId, message.nonce));
    const ids = message ? postIds.get(message.channelId) : undefined;
    if (ids && ids[0] === oldest) ids.shift();
  };

  return {
    get: (id) => messages.get(id),
    add(message, options = {}) {
      if (messages.size >= maxMessages) evictOldest();
      messages.set(message.id, message);
      if (!options.post) return;
      const ids = postIds.get(message.channelId) ?? [];
      ids.push(message.id);
      postIds.set(message.channelId, ids);
      if (message.nonce !== null) nonces.set(nonceKey(message.channelId, message.nonce), message);
    },
    posts(channelId) {
      const ids = postIds.get(channelId) ?? [];
      return ids.flatMap((id) => {
        const message = messages.get(id);
        return message && !message.deleted ? [message] : [];
      });
    },
    byNonce(channelId, nonce, now) {
      const message = nonces.get(nonceKey(channelId, nonce));
      return message && now - message.createdAt <= NONCE_WINDOW_MS ? message : undefined;
    },
  };
}
