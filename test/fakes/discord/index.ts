/**
 * A fake Discord for end-to-end tests: REST under /api/v10 and a gateway WebSocket on 127.0.0.1, which the real
 * discord.js Client logs into. It enforces Discord's limits and deadlines, injects failures on request, and records
 * what a user would see. The contract is /work/notes/fake-discord-api.md; all of it is kept.
 *
 * Enforced like Discord: ack after `ackDeadlineMs` → 404 10062; a second ack → 400 40060; webhook calls after
 * `tokenLifetimeMs` → 401 50027; @original before any ack → 404 10015; content > 2000, embed limits (10 per message,
 * title 256, description 4096, 25 fields, name 256, value 1024, footer 2048, author 256, 6000 in total, URLs),
 * components, nonce > 25, allowed_mentions (parse vs users/roles, ≤ 100 ids), autocomplete (≤ 25 choices, name 1–100,
 * string value ≤ 100, value type), modals and command definitions → 400 50035 with Discord's `errors` tree; an empty
 * message → 50006; a deleted channel → 404 10003; no View Channel → 403 50001; no Send Messages / Embed Links /
 * Attach Files → 403 50013; bot routes without `Authorization: Bot …` → 401; unknown routes → 404. Characters are
 * counted as code points. A refused call lands in `requests` and in the interaction's `rejections`.
 *
 * Additions to the contract:
 * - Options: `heartbeatIntervalMs`, `shards`, `seed`, `maxRecordedRequests`, `everyonePermissions`.
 * - `gatewayUrl`, `userId` (the default member, "alice"); `clientOptions()` also sets `rest.timeout` 5 s.
 * - `select(customId, values, opts)` — a string-select interaction. Option values may be raw API option objects,
 *   e.g. `{ channel: { type: 7, value: id } }`; registered commands (PUT) give the option types, and channel, user
 *   and role options get `data.resolved`. modalSubmit answers in the shape of the bot's modal (Label or rows).
 * - `FakeInteraction.payload` (the INTERACTION_CREATE data as sent); `interactions()` lists every handle.
 * - UserView: `createdAt`, `thinking` (deferred, not yet edited: "is thinking…"), `id` and `pings` on messages;
 *   `rejections[]` also carry method, path, time and `injected` (failNext/random faults). `edits` lists the accepted
 *   PATCHes of @original. As on Discord, the first follow-up after a bare deferReply fills the deferred message (it
 *   becomes `original`, not a follow-up).
 * - RecordedMessage: `pings` (who was notified after allowed_mentions and Discord's defaults: everything for channel
 *   posts, users only for interaction replies), `flags`, `nonce`, `attachments`, `editCount`, `editedAt`.
 * - `setFaultRates({ rest500, rest429, retryAfterSeconds, match })` (seeded: the same run fails the same calls;
 *   /gateway/bot is spared unless `match` says otherwise), `clearFaults()`; `rateLimitReply(seconds, scope)` and
 *   `serverErrorReply(status)` build realistic replies for failNext (a bare `{ status: 429 }` is completed too).
 * - `closeGatewaySocket(code)` (4000 default: the client resumes; 1000: it identifies again after ~5 s).
 * - `gatewayEvents` (every frame in/out: op, t, s, time), `unknownRoutes`, `internalErrors` (the fake's own bugs).
 * - `waitUntil(check, timeoutMs)` re-checks after every request and gateway frame and every 10 ms (for the
 *   client's cache, e.g. permissions after setChannelPermissions).
 * - setChannelPermissions/deleteChannel/addGuild also tell connected clients (CHANNEL_UPDATE/DELETE, GUILD_CREATE).
 * - `ALL_PERMISSIONS`, `DEFAULT_EVERYONE_PERMISSIONS`; `./client.ts` has `loginTestClient(fake, overrides)` and
 *   `onNextInteraction(client, handler)`.
 * - Threads: `POST /channels/{id}/messages/{message_id}/threads` and `POST /channels/{id}/threads` (thread-routes.ts),
 *   THREAD_CREATE, threads in GUILD_CREATE, Send Messages in Threads for posts in one; `memberMessage` posts a
 *   member's message and sends MESSAGE_CREATE with Message Content's rules (message-create.ts), also for the bot's
 *   own channel posts; `privilegedIntents` (an IDENTIFY asking for another privileged intent is closed with 4014).
 * - Sharding (#18): options `maxConcurrency`, `identifyIntervalMs`, `maxGuildsPerShard`, `guilds`, `sessionWaitMs`;
 *   /gateway/bot's `session_start_limit` counts IDENTIFYs; 4010/4011/op 9 as on Discord (gateway-sessions.ts,
 *   identify-limits.ts); interactions go to the newest session of the guild's shard (shard 0 for `dm: true`),
 *   `FakeInteraction.delivery` says which; `addGuilds`, `sessions`, `identifyAttempts`, `dropShard` (shard-api.ts).
 * Paths in `requests`, `failNext` and `match` are decoded and without the /api/v10 prefix.
 * Note for benches: discord.js itself caps REST at 50 requests/s (`rest.globalRequestsPerSecond`), and webhook
 * edits (editReply, followUp) count; only interaction callbacks are exempt.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayDispatchEvents } from 'discord-api-types/v10';
import { appRoutes } from './app-routes.ts';
import { channelRoutes } from './channel-routes.ts';
import type { OptionInput } from './command-options.ts';
import { createCommandRegistry } from './commands.ts';
import type { FakeContext } from './context.ts';
import { createDispatcher } from './dispatch.ts';
import { createFaults, type Faults } from './faults.ts';
import { createGateway, type Gateway } from './gateway.ts';
import {
  createIdentifyLimits,
  DEFAULT_IDENTIFY_INTERVAL_MS,
  DEFAULT_MAX_GUILDS_PER_SHARD,
} from './identify-limits.ts';
import { createSnowflakes, DEFAULT_IDS } from './ids.ts';
import type { MessageTarget } from './interaction-payloads.ts';
import { createInteractionStore } from './interaction-records.ts';
import { interactionRoutes } from './interaction-routes.ts';
import { createMemberApi } from './member-messages.ts';
import { createMessageStore } from './message-store.ts';
import { toRecordedMessage } from './messages.ts';
import { createNotifier, waitUntil } from './notifier.ts';
import { channelPayload, guildCreatePayload } from './payloads.ts';
import { createRestHandler, type RestLog } from './rest-server.ts';
import { createShardApi, type ShardApi, seedGuilds } from './shard-api.ts';
import { threadRoutes } from './thread-routes.ts';
import type * as T from './types.ts';
import { webhookRoutes } from './webhook-routes.ts';
import { createWorld } from './world.ts';

export { rateLimitReply, serverErrorReply } from './faults.ts';
export { ALL_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS } from './permissions.ts';
export type * from './types.ts';
export type { MessageTarget, OptionInput };

const MAX_MESSAGES = 100_000;
const MAX_INTERACTIONS = 50_000;
const DEFAULT_WAIT_MS = 5000;

export interface FakeDiscordClientOptions {
  rest: { api: string; offset: number; retries: number; timeout: number };
  waitGuildTimeout: number;
}

/** Sharding: addGuilds, guildIdsOnShard, sessions, identifyAttempts, dropShard (shard-api.ts). */
export interface FakeDiscord extends ShardApi {
  readonly restApi: string;
  readonly gatewayUrl: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly userId: string;
  clientOptions(): FakeDiscordClientOptions;
  addGuild(spec?: T.GuildSpec): { guildId: string; channelId: string };
  command(
    name: string,
    options?: Record<string, OptionInput>,
    opts?: T.InteractionOpts,
  ): Promise<T.FakeInteraction>;
  autocomplete(
    name: string,
    options: Record<string, OptionInput>,
    focused: string,
    opts?: T.InteractionOpts,
  ): Promise<T.FakeInteraction>;
  button(customId: string, opts?: T.ComponentOpts): Promise<T.FakeInteraction>;
  select(customId: string, values: string[], opts?: T.ComponentOpts): Promise<T.FakeInteraction>;
  modalSubmit(
    customId: string,
    fields: Record<string, string>,
    opts?: T.ComponentOpts,
  ): Promise<T.FakeInteraction>;
  // message commands
  /** A member runs a message command (a message's Apps menu) on a message the fake holds or on a member's text. */
  messageCommand(name: string, target: MessageTarget, opts?: T.InteractionOpts): Promise<T.FakeInteraction>;
  interactions(): readonly T.FakeInteraction[];
  readonly requests: readonly T.RecordedRequest[];
  readonly unknownRoutes: readonly string[];
  readonly internalErrors: readonly Error[];
  readonly gatewayEvents: readonly T.GatewayEvent[];
  channelMessages(channelId?: string): readonly T.RecordedMessage[];
  registeredCommands(scope?: { guildId?: string }): readonly unknown[];
  failNext(match: T.FaultMatch, reply: T.FaultReply, times?: number): void;
  setFaultRates(rates: T.FaultRates): void;
  clearFaults(): void;
  killGatewaySocket(): void;
  closeGatewaySocket(code?: number): void;
  setChannelPermissions(channelId: string, allow: bigint): void;
  deleteChannel(channelId: string): void;
  waitUntil<R>(check: () => R | undefined | false, timeoutMs?: number): Promise<R>;
  close(): Promise<void>;
  // threads
  /** A member's message in a channel or thread; MESSAGE_CREATE follows with Message Content's rules. */
  memberMessage(channelId: string, content: string, opts?: T.MemberMessageOpts): Promise<T.RecordedMessage>;
  thread(id: string): T.ThreadView | undefined;
  threads(parentId?: string): T.ThreadView[];
}

export async function startFakeDiscord(options: T.FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const now = options.now ?? Date.now;
  const snowflake = createSnowflakes(now);
  const world = createWorld(snowflake, now);
  const spec =
    options.everyonePermissions === undefined ? {} : { everyonePermissions: options.everyonePermissions };
  world.addGuild(
    { name: 'Test Guild', ...spec },
    { guildId: DEFAULT_IDS.guild, channelId: DEFAULT_IDS.channel },
  );
  seedGuilds(world, options.guilds ?? 1);
  const notifier = createNotifier();
  const messages = createMessageStore(MAX_MESSAGES);
  let port = 0;
  const ctx: FakeContext = {
    ...{ world, messages, notifier, snowflake, now },
    interactions: createInteractionStore(messages.get, notifier, MAX_INTERACTIONS),
    commands: createCommandRegistry(world.applicationId, snowflake),
    ackDeadlineMs: options.ackDeadlineMs ?? 3000,
    tokenLifetimeMs: options.tokenLifetimeMs ?? 15 * 60_000,
    gatewayUrl: () => `ws://127.0.0.1:${port}/gateway`,
    shards: options.shards ?? 1,
    privilegedIntents: options.privilegedIntents ?? 0,
    identify: createIdentifyLimits({
      maxConcurrency: options.maxConcurrency ?? 1,
      identifyIntervalMs: options.identifyIntervalMs ?? DEFAULT_IDENTIFY_INTERVAL_MS,
      maxGuildsPerShard: options.maxGuildsPerShard ?? DEFAULT_MAX_GUILDS_PER_SHARD,
      now,
    }),
    sessionWaitMs: options.sessionWaitMs ?? DEFAULT_WAIT_MS,
    emit: () => {},
  };
  const faults = createFaults(options.seed ?? 1);
  const routes = [
    ...appRoutes(ctx),
    ...channelRoutes(ctx),
    ...threadRoutes(ctx),
    ...interactionRoutes(ctx),
    ...webhookRoutes(ctx),
  ];
  const rest = createRestHandler(ctx, routes, faults, {
    maxRecorded: options.maxRecordedRequests ?? 20_000,
    latencyMs: options.restLatencyMs ?? 0,
  });
  // A client that hangs up mid-request gets nothing back, as from Discord.
  const server = createServer(
    (request, response) => void rest.handle(request, response).catch(() => response.destroy()),
  );
  const gateway = createGateway(ctx, server, options.heartbeatIntervalMs ?? 45_000);
  ctx.emit = gateway.emit;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return fakeDiscordApi({ ctx, rest: rest.log, faults, gateway, server, port });
}

interface Parts {
  ctx: FakeContext;
  rest: RestLog;
  faults: Faults;
  gateway: Gateway;
  server: Server;
  port: number;
}

function fakeDiscordApi({ ctx, rest, faults, gateway, server, port }: Parts): FakeDiscord {
  const { world, messages } = ctx;
  const restApi = `http://127.0.0.1:${port}/api`;
  const tellClients = (channelId: string, event: GatewayDispatchEvents) => {
    const channel = world.requireChannel(channelId);
    gateway.broadcast(channel.guildId, event, channelPayload(channel));
  };
  return {
    restApi,
    gatewayUrl: ctx.gatewayUrl(),
    applicationId: world.applicationId,
    botUserId: world.bot.id,
    guildId: DEFAULT_IDS.guild,
    channelId: DEFAULT_IDS.channel,
    userId: DEFAULT_IDS.user,
    clientOptions: () => ({
      rest: { api: restApi, offset: 0, retries: 0, timeout: 5000 },
      waitGuildTimeout: 1000,
    }),
    addGuild(guildSpec = {}) {
      const ids = world.addGuild(guildSpec);
      const guild = world.requireGuild(ids.guildId);
      gateway.broadcast(ids.guildId, GatewayDispatchEvents.GuildCreate, guildCreatePayload(world, guild));
      return ids;
    },
    ...createDispatcher(ctx, gateway),
    interactions: () => ctx.interactions.all(),
    requests: rest.requests,
    unknownRoutes: rest.unknownRoutes,
    internalErrors: rest.internalErrors,
    gatewayEvents: gateway.events,
    channelMessages: (channelId = DEFAULT_IDS.channel) => messages.posts(channelId).map(toRecordedMessage),
    registeredCommands: (scope = {}) => ctx.commands.lastBody(scope.guildId ?? null),
    failNext: (match, reply, times = 1) => faults.failNext(match, reply, times),
    setFaultRates: (rates) => faults.setRates(rates),
    clearFaults: () => faults.clear(),
    killGatewaySocket: () => gateway.killSockets(),
    closeGatewaySocket: (code = 4000) => gateway.closeSockets(code),
    setChannelPermissions(channelId, allow) {
      world.setBotChannelPermissions(channelId, allow);
      tellClients(channelId, GatewayDispatchEvents.ChannelUpdate);
    },
    deleteChannel(channelId) {
      world.requireChannel(channelId).deleted = true;
      tellClients(channelId, GatewayDispatchEvents.ChannelDelete);
    },
    waitUntil: (check, timeoutMs = DEFAULT_WAIT_MS) =>
      waitUntil(
        ctx.notifier,
        () => check() || undefined,
        timeoutMs,
        () => 'the condition passed to waitUntil',
        true,
      ),
    // threads
    ...createMemberApi(ctx, gateway),
    ...createShardApi(ctx, gateway),
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
