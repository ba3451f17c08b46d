import type { ComposedDigest, DigestConfig, DigestPart, PauseCode } from './types.ts';

/**
 * The one way the digest core reaches a chat service: which guilds this process serves, whether a channel can take
 * the digest, how a composed digest is laid out as parts, and posting one part. The Discord implementation is
 * src/discord/digest/port.ts; the core never sees a client, a channel object or a Discord error.
 */
export interface DigestChannelPort {
  /** The guilds this process serves: with shards, each guild's digest has exactly one poster. */
  guildIds(): readonly string[];
  serves(guildId: string): boolean;
  /** `/digest set`: why the bot could not post the digest in this channel of this guild, or null when it can. */
  channelRefusal(guildId: string, channelId: string): Promise<ChannelRefusal | null>;
  /**
   * Checked before posting, so a lost channel or permission pauses the digest without a refused request. Throws
   * only what it cannot classify (the poster records that as a failure and tries again on the next tick).
   */
  checkChannel(channelId: string): Promise<ChannelCheck>;
  /** The parts a digest is posted as, in order (none when there is nothing to post). */
  render(composed: ComposedDigest, config: DigestConfig, now: Date): readonly DigestPart[];
  /** Posts one part; posting the same part again (same guild, seed and index) does not make a second message. */
  post(part: OutgoingPart): Promise<PartResult>;
  /**
   * How long after a post began its parts can still be resent without a copy. A post interrupted longer ago is
   * not resent (it may have gone out, and a resend could then appear twice).
   */
  readonly resendWindowMs: number;
}

/** What `/digest set` is told about the channel it chose. */
export type ChannelRefusal =
  | { readonly problem: 'unseen' }
  | { readonly problem: 'missing-permissions'; readonly missing: readonly string[] };

/** Until an admin acts, the digest cannot go out: `reason` is shown as is in `/digest status`. */
export interface ChannelPause {
  readonly code: PauseCode;
  readonly reason: string;
  /** missing-permissions: the permissions the bot lacks, as Discord's English settings name them. */
  readonly missing?: readonly string[];
}

export type ChannelCheck = { readonly ok: true } | ({ readonly ok: false } & ChannelPause);

export interface OutgoingPart {
  readonly guildId: string;
  readonly channelId: string;
  /** With the guild id and the index, what identifies this part of this post across resends. */
  readonly nonceSeed: string;
  readonly index: number;
  readonly part: DigestPart;
}

export type PartResult =
  | { readonly ok: true; readonly messageId: string }
  | ({ readonly ok: false; readonly failure: 'pause' } & ChannelPause)
  | {
      readonly ok: false;
      /** transient: the service was unreachable or failing (retried already); permanent: it refused the part. */
      readonly failure: 'transient' | 'permanent';
      readonly reason: string;
      /** For the log. */
      readonly error: unknown;
    };
