import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
} from 'discord-api-types/v10';
import { WebSocket } from 'ws';
import type { FakeContext } from './context.ts';
import type { Connection } from './gateway.ts';
import { isRecord } from './message-rules.ts';
import { guildCreatePayload, readyPayload, shardOf } from './payloads.ts';

/** Dispatches kept per session for RESUME replay. */
const MAX_REPLAY_FRAMES = 2000;

interface DispatchFrame {
  op: GatewayOpcodes.Dispatch;
  t: GatewayDispatchEvents;
  s: number;
  d: unknown;
}

/** One identified gateway session: it outlives its socket until the client ends it, so it can be resumed. */
export interface Session {
  id: string;
  shard: [number, number];
  intents: number;
  seq: number;
  replay: DispatchFrame[];
  connection: Connection | null;
  identifiedAt: number;
  /** READY and every GUILD_CREATE have been sent. */
  ready: boolean;
  dispatch(t: GatewayDispatchEvents, d: unknown): void;
}

export interface GatewayIo {
  ctx: FakeContext;
  sessions: Map<string, Session>;
  sendFrame(
    connection: Connection,
    frame: { op: number; d: unknown; s?: number | null; t?: string | null },
  ): void;
  newSessionId(): string;
}

function createSession(io: GatewayIo, shard: [number, number], intents: number): Session {
  const session: Session = {
    id: io.newSessionId(),
    shard,
    intents,
    seq: 0,
    replay: [],
    connection: null,
    identifiedAt: io.ctx.now(),
    ready: false,
    dispatch(t, d) {
      session.seq += 1;
      const frame: DispatchFrame = { op: GatewayOpcodes.Dispatch, t, s: session.seq, d };
      session.replay.push(frame);
      if (session.replay.length > MAX_REPLAY_FRAMES) session.replay.shift();
      const connection = session.connection;
      if (connection && connection.socket.readyState === WebSocket.OPEN) io.sendFrame(connection, frame);
    },
  };
  return session;
}

/** Far more shards than any bot runs; a larger count is refused rather than filtered over. */
const MAX_SHARD_COUNT = 100_000;

/** IDENTIFY `shard: [shard_id, num_shards]` (absent: [0, 1]); null when Discord would close with 4010. */
function readShard(value: unknown): [number, number] | null {
  if (value === undefined) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return null;
  if (!value.every((part) => typeof part === 'number' && Number.isInteger(part))) return null;
  const [id, count] = value as [number, number];
  return id >= 0 && count >= 1 && count <= MAX_SHARD_COUNT && id < count ? [id, count] : null;
}

/** Intents an app must switch on in the Developer Portal before it may ask for them. */
export const PRIVILEGED_INTENTS =
  GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

function identifyError(
  io: GatewayIo,
  connection: Connection,
  d: unknown,
): { code: number; reason: string } | null {
  if (connection.session)
    return { code: GatewayCloseCodes.AlreadyAuthenticated, reason: 'Already authenticated.' };
  if (!isRecord(d) || typeof d.token !== 'string') {
    return { code: GatewayCloseCodes.AuthenticationFailed, reason: 'Authentication failed.' };
  }
  if (!readShard(d.shard)) {
    io.ctx.identify.refused(null, GatewayCloseCodes.InvalidShard);
    return { code: GatewayCloseCodes.InvalidShard, reason: 'Invalid shard.' };
  }
  const asked = Number(d.intents ?? 0);
  if ((asked & PRIVILEGED_INTENTS & ~io.ctx.privilegedIntents) !== 0)
    return { code: GatewayCloseCodes.DisallowedIntents, reason: 'Disallowed intent(s).' };
  return null;
}

/**
 * IDENTIFY → READY (user, guilds of this shard, application) then one GUILD_CREATE per guild. Refused as on
 * Discord: 4010 for a bad shard, 4011 when the shard would hold more than maxGuildsPerShard guilds, op 9 (d: false)
 * when its bucket (`shard_id % max_concurrency`) identified less than identifyIntervalMs ago.
 */
export function handleIdentify(io: GatewayIo, connection: Connection, d: unknown): void {
  const error = identifyError(io, connection, d);
  if (error || !isRecord(d)) {
    connection.socket.close(error?.code ?? GatewayCloseCodes.DecodeError, error?.reason);
    return;
  }
  const shard = readShard(d.shard) ?? [0, 1];
  const { world } = io.ctx;
  const guilds = [...world.guilds.values()].filter((guild) => shardOf(guild.id, shard[1]) === shard[0]);
  const refusal = io.ctx.identify.admit(shard, guilds.length);
  if (refusal?.kind === 'invalid-session') {
    io.sendFrame(connection, { op: GatewayOpcodes.InvalidSession, d: false });
    return;
  }
  if (refusal) {
    connection.socket.close(refusal.code, refusal.reason);
    return;
  }
  const session = createSession(io, shard, Number(d.intents ?? 0));
  io.sessions.set(session.id, session);
  connection.session = session;
  session.connection = connection;
  const identity = { id: session.id, resumeUrl: io.ctx.gatewayUrl(), shard };
  session.dispatch(
    GatewayDispatchEvents.Ready,
    readyPayload(
      world,
      identity,
      guilds.map((guild) => guild.id),
    ),
  );
  if ((session.intents & GatewayIntentBits.Guilds) !== 0) {
    for (const guild of guilds)
      session.dispatch(GatewayDispatchEvents.GuildCreate, guildCreatePayload(world, guild));
  }
  session.ready = true;
  io.ctx.notifier.notify();
}

/** RESUME → every dispatch after the client's seq, then RESUMED; an unknown or too old session gets op 9. */
export function handleResume(io: GatewayIo, connection: Connection, d: unknown): void {
  const request = isRecord(d) ? d : {};
  const session = io.sessions.get(String(request.session_id));
  const seq = Number(request.seq ?? 0);
  const oldest = session?.replay[0]?.s ?? 1;
  if (!session || seq > session.seq || seq < oldest - 1) {
    io.sendFrame(connection, { op: GatewayOpcodes.InvalidSession, d: false });
    return;
  }
  const previous = session.connection;
  if (previous && previous !== connection) previous.socket.terminate();
  connection.session = session;
  session.connection = connection;
  for (const frame of session.replay) if (frame.s > seq) io.sendFrame(connection, frame);
  session.dispatch(GatewayDispatchEvents.Resumed, {});
  io.ctx.notifier.notify();
}
