import type { APIEmbed } from 'discord-api-types/v10';

/** Options for startFakeDiscord. Every field is optional; the defaults suit a fast test. */
export interface FakeDiscordOptions {
  /** Clock for the 3 s / 15 min rules, timestamps and ids, in epoch ms (default Date.now). */
  now?: () => number;
  /** Time allowed for the first interaction callback (default 3000, as Discord). */
  ackDeadlineMs?: number;
  /** Lifetime of an interaction token for webhook calls (default 15 min, as Discord). */
  tokenLifetimeMs?: number;
  /** HELLO heartbeat_interval; large by default so no beat happens during a test (default 45 000). */
  heartbeatIntervalMs?: number;
  /** The `shards` the /gateway/bot answer recommends (default 1). */
  shards?: number;
  /** Seed for the random fault mode, so a bench run is reproducible (default 1). */
  seed?: number;
  /** Bound on the request log; the oldest entries are dropped first (default 20 000). */
  maxRecordedRequests?: number;
  /**
   * How long each REST answer takes to reach the bot after the request was applied (default 0, a local fake). Set
   * it to Discord's round trip to see what a reply that waits on an earlier answer (an edit after its deferral)
   * costs; what the user sees is recorded when the request is applied.
   */
  restLatencyMs?: number;
  /** Permissions of the default guild's @everyone role, which the bot holds (default: a usual member set). */
  everyonePermissions?: bigint;
  /**
   * The privileged intents enabled for the app in the Developer Portal (GatewayIntentBits: GuildMembers,
   * GuildPresences, MessageContent), as a bit mask; an IDENTIFY asking for any other is closed with 4014, as on
   * Discord. Default 0: none, as for a new app.
   */
  privilegedIntents?: number;
  // sharding
  /** `session_start_limit.max_concurrency` of /gateway/bot: identify buckets are `shard_id % maxConcurrency` (default 1). */
  maxConcurrency?: number;
  /** A second IDENTIFY in one bucket sooner than this gets op 9 Invalid Session, d: false (default 5000, as Discord). */
  identifyIntervalMs?: number;
  /** An IDENTIFY whose shard would hold more guilds is closed with 4011 Sharding required (default 2500). */
  maxGuildsPerShard?: number;
  /**
   * How many guilds the world holds, the default "Test Guild" included (default 1). The others get ids whose
   * `(id >> 22) % count` cycles, so they spread evenly over any shard count.
   */
  guilds?: number;
  /** How long an injected interaction or memberMessage waits for a session of the owning shard (default 5000). */
  sessionWaitMs?: number;
}

/** One IDENTIFY the gateway received (FakeDiscord.identifyAttempts()). */
export interface IdentifyAttempt {
  /** As asked for; null when the `shard` field was malformed. */
  shard: [number, number] | null;
  /** rate_limit_key = shard_id % max_concurrency (null when the shard was malformed). */
  bucket: number | null;
  at: number;
  accepted: boolean;
  /** 'invalid-session' (op 9: the bucket was used less than identifyIntervalMs ago), a close code, or null. */
  refusal: 'invalid-session' | number | null;
}

/** A gateway session as the fake holds it (FakeDiscord.sessions()). */
export interface SessionView {
  id: string;
  shard: [number, number];
  /** Its socket is open; a dropped session stays (resumable) until the client ends it with 1000/1001. */
  connected: boolean;
  identifiedAt: number;
  /** READY and the GUILD_CREATEs were sent. */
  ready: boolean;
  /** The last sequence number sent on it. */
  seq: number;
  /** The guilds this session holds (its shard's). */
  guildIds: string[];
}

/** Which session (and so which shard) an interaction was sent on. */
export interface GatewayDelivery {
  sessionId: string;
  shard: [number, number];
}

/** A member's message for memberMessage(): who writes it (default alice); mentions are read from the content. */
export interface MemberMessageOpts {
  userId?: string;
  username?: string;
}

/** A thread as the fake knows it. */
export interface ThreadView {
  id: string;
  parentId: string;
  name: string;
  type: number;
  ownerId: string;
}

export interface InteractionOpts {
  guildId?: string;
  channelId?: string;
  userId?: string;
  username?: string;
  locale?: string;
  guildLocale?: string;
  /** The invoking member's permissions (default: all). */
  memberPermissions?: bigint;
  /** In the bot's DM with the user instead of a guild (no guild_id; Discord sends it on shard 0 only). */
  dm?: boolean;
  /** Nest the options under this subcommand (and group). */
  subcommand?: string;
  subcommandGroup?: string;
  /**
   * Delivered this long after Discord created it (a lagging gateway, a client that fell behind): the interaction's
   * id and its 3 s deadline count from its creation, the bot sees it only now.
   */
  deliveredAfterMs?: number;
}

export interface ComponentOpts extends InteractionOpts {
  /** The message the component sits on (a message the bot posted); a bot message is made up when absent. */
  messageId?: string;
}

export interface GuildSpec {
  name?: string;
  channelName?: string;
  everyonePermissions?: bigint;
}

export interface Pings {
  everyone: boolean;
  users: string[];
  roles: string[];
}

export interface RecordedRequest {
  method: string;
  /** Decoded, without the /api/v10 prefix, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  response: unknown;
  at: number;
  /** Set when the answer came from failNext or the random fault mode. */
  injected?: boolean;
}

export interface RecordedMessage {
  id: string;
  channelId: string;
  content: string;
  embeds: APIEmbed[];
  components: unknown[];
  attachments: { filename: string; size: number }[];
  flags: number;
  nonce: string | number | null;
  /** Everyone the message or any of its edits notified, after allowed_mentions. */
  pings: Pings;
  createdAt: number;
  editedAt: number | null;
  editCount: number;
  /** Set on a member's message (memberMessage); absent on the bot's own. */
  authorId?: string;
}

export interface ViewMessage {
  id: string;
  content: string;
  embeds: APIEmbed[];
  components: unknown[];
  pings: Pings;
}

export interface Rejection {
  status: number;
  code: number;
  message: string;
  method: string;
  path: string;
  at: number;
  injected?: boolean;
}

/** What the user would see for one interaction, after all edits. */
export interface UserView {
  ackType: number | null;
  ackAt: number | null;
  ephemeral: boolean;
  /** Set once the interaction was dispatched (the clock of the 3 s rule). */
  createdAt: number;
  /** Deferred with type 5 and not yet edited: the user still sees "thinking…". */
  thinking: boolean;
  original: ViewMessage | null;
  followUps: (ViewMessage & { ephemeral: boolean })[];
  edits: { at: number; body: unknown }[];
  choices: { name: string; value: string | number }[] | null;
  modal: unknown | null;
  rejections: Rejection[];
}

export interface AckRecord {
  type: number;
  at: number;
  /** Time from dispatch to the accepted callback, on the fake's clock. */
  latencyMs: number;
  ephemeral: boolean;
}

export interface FakeInteraction {
  readonly id: string;
  readonly token: string;
  /** The INTERACTION_CREATE payload as sent. */
  readonly payload: unknown;
  /** The session and shard it was sent on (the newest session of the guild's shard; shard 0 for a DM). */
  readonly delivery: GatewayDelivery;
  waitForAck(timeoutMs?: number): Promise<AckRecord>;
  waitFor(predicate: (view: UserView) => boolean, timeoutMs?: number): Promise<UserView>;
  view(): UserView;
}

export interface FaultReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FaultMatch {
  method?: string;
  /** Tested against the decoded path without /api/v10. */
  path: RegExp;
}

export interface FaultRates {
  rest500?: number;
  rest429?: number;
  /** Retry-After of the random 429s, in seconds (default 0.05). */
  retryAfterSeconds?: number;
  /** Which requests may fail (default: all but /gateway/bot, so login still works). */
  match?: FaultMatch;
}

export interface GatewayEvent {
  dir: 'in' | 'out';
  op: number;
  t: string | null;
  s: number | null;
  at: number;
  sessionId: string | null;
  /** The shard of that session. */
  shard: [number, number] | null;
}
