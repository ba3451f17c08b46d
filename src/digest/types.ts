/** The keyv namespace that holds every guild's digest config and delivery state. */
export const DIGEST_NAMESPACE = 'digest';

export const DIGEST_ITEMS_MIN = 1;
export const DIGEST_ITEMS_MAX = 10;
export const DIGEST_ITEMS_DEFAULT = 5;

/** What a server chose with `/digest set`. */
export interface DigestConfig {
  readonly guildId: string;
  readonly channelId: string;
  /** Local time of day, `HH:MM` (24 h). */
  readonly time: string;
  /** Canonical IANA zone name, e.g. `Europe/Berlin`. */
  readonly timeZone: string;
  readonly items: number;
  /** Post a one-line "no new articles" instead of staying silent on an empty day. */
  readonly announceEmpty: boolean;
  /** Language of the summaries and labels (the server's locale when it was set). */
  readonly language: string;
  /** ISO instant of the last `/digest set`: slots before it are never posted (no surprise catch-up). */
  readonly since: string;
}

/** One article of a digest, as the transport lays it out. */
export interface DigestItem {
  readonly articleId: string;
  readonly title: string;
  readonly url: string | null;
  readonly publishedAt: string;
  readonly summary: string;
  /** The summary is the extractive one (model unavailable): labelled as such. */
  readonly offline: boolean;
  readonly disclaimer: string;
}

/** The digest as it would be posted now, before any transport lays it out. */
export interface ComposedDigest {
  readonly items: readonly DigestItem[];
  /** No items, and the server chose the one-line "no new articles" note over silence. */
  readonly announceEmpty: boolean;
  readonly articleIds: readonly string[];
  /** The instant it was composed for; the next digest covers articles published from here on (less LATE_ARRIVAL_MS). */
  readonly windowEnd: Date;
}

/** Nothing to post: no new articles, and the server chose silence. */
export function isNothingToPost(composed: ComposedDigest): boolean {
  return composed.items.length === 0 && !composed.announceEmpty;
}

/**
 * One message of a digest as the channel port rendered it: plain JSON the core stores without reading it, so a
 * resumed post sends exactly the bytes of the interrupted one.
 */
export type DigestPart = Readonly<Record<string, unknown>>;

export type PauseCode = 'channel-missing' | 'missing-access' | 'missing-permissions';

export interface PausedState {
  readonly code: PauseCode;
  /** missing-permissions: which ones, when the channel check could tell (a refused post cannot). */
  readonly missing?: readonly string[];
  /** Shown as is in `/digest status`: what happened and what to do. */
  readonly reason: string;
  readonly at: string;
}

/** A post that has begun: recorded before the first message goes out, cleared once all are recorded. */
export interface SendingState {
  /** The local date of the scheduled slot, or null for `/digest post-now`. */
  readonly slotDate: string | null;
  /** With the guild id, the seed of every part's nonce: a resend of a part is deduplicated by Discord. */
  readonly nonceSeed: string;
  readonly startedAt: string;
  readonly windowEnd: string;
  readonly channelId: string;
  /**
   * The parts as rendered when the post began, not the model: a resend after a restart (even one running a newer
   * layout) repeats the interrupted post's exact parts, so part N has the same content and the same nonce, and
   * Discord deduplicates it. A state saved by an older version (Discord messages) reads as such parts unchanged.
   */
  readonly messages: readonly DigestPart[];
  /** The articles in this post, in order. */
  readonly articleIds: readonly string[];
  /** Ids of the parts Discord confirmed, in order. */
  readonly sentIds: readonly string[];
}

export interface LastPost {
  readonly at: string;
  /** Articles published before this instant were covered; the next digest starts here. */
  readonly windowEnd: string;
  readonly channelId: string;
  readonly messageIds: readonly string[];
  /** What it covered: the next digest leaves these out even when they fall in its look-back for late arrivals. */
  readonly articleIds: readonly string[];
}

export interface DigestState {
  readonly lastPost: LastPost | null;
  /** Local date (`YYYY-MM-DD`) of the last slot dealt with: posted, empty, or skipped as too late. */
  readonly lastSlotDate: string | null;
  readonly sending: SendingState | null;
  readonly paused: PausedState | null;
  readonly lastError: { readonly at: string; readonly message: string } | null;
}

export const EMPTY_STATE: DigestState = {
  lastPost: null,
  lastSlotDate: null,
  sending: null,
  paused: null,
  lastError: null,
};
