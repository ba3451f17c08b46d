import type { GatewayDispatchEvents } from 'discord-api-types/v10';
import type { CommandRegistry } from './commands.ts';
import type { IdentifyLimits } from './identify-limits.ts';
import type { InteractionStore } from './interaction-records.ts';
import type { MessageStore } from './message-store.ts';
import type { Notifier } from './notifier.ts';
import type { World } from './world.ts';

/** The shared parts every route module and the gateway are built from. */
export interface FakeContext {
  world: World;
  messages: MessageStore;
  interactions: InteractionStore;
  commands: CommandRegistry;
  notifier: Notifier;
  snowflake: () => string;
  now: () => number;
  ackDeadlineMs: number;
  tokenLifetimeMs: number;
  /** The WebSocket URL /gateway/bot hands out (known once the server listens). */
  gatewayUrl: () => string;
  /** The `shards` /gateway/bot recommends. */
  shards: number;
  /** The privileged intents the app may ask for (FakeDiscordOptions.privilegedIntents). */
  privilegedIntents: number;
  /** Identify buckets, the daily session start budget and the guilds-per-shard cap. */
  identify: IdentifyLimits;
  /** How long injected interactions and member messages wait for a session of the owning shard. */
  sessionWaitMs: number;
  /**
   * Sends a guild event to every session that holds the guild and asked for `intent`; `build` makes the payload
   * for a session's intents (Message Content changes what a session sees). Set once the gateway exists.
   */
  emit(guildId: string, t: GatewayDispatchEvents, intent: number, build: (intents: number) => unknown): void;
}
