import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import {
  GatewayCloseCodes,
  type GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
} from 'discord-api-types/v10';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { FakeContext } from './context.ts';
import { handleIdentify, handleResume, type Session } from './gateway-sessions.ts';
import { waitUntil } from './notifier.ts';
import { shardOf } from './payloads.ts';
import type { GatewayDelivery, GatewayEvent, SessionView } from './types.ts';

/** How many recent frames the gateway log keeps. */
const MAX_GATEWAY_EVENTS = 10_000;
/** A client closing with these ends its session; anything else (crash, 4200 zombie) may resume. */
const SESSION_ENDING_CLOSE_CODES = [1000, 1001];
/** Client opcodes the fake accepts and does nothing with. */
const IGNORED_OPS: number[] = [
  GatewayOpcodes.PresenceUpdate,
  GatewayOpcodes.VoiceStateUpdate,
  GatewayOpcodes.RequestGuildMembers,
];

export interface Gateway {
  readonly events: GatewayEvent[];
  /**
   * Send a dispatch to the one session that would receive it: the newest of the guild's shard, or of shard 0 for
   * an event without a guild (null), as Discord sends DM events. Throws when no session holds that shard.
   */
  dispatchToOwner(guildId: string | null, t: GatewayDispatchEvents, d: unknown): GatewayDelivery;
  /** FakeContext.emit: to every session of the guild's shard with `intent`, each with its own payload. */
  emit(guildId: string, t: GatewayDispatchEvents, intent: number, build: (intents: number) => unknown): void;
  /** Send a dispatch to every session whose shard holds the guild (guild and channel events). */
  broadcast(guildId: string, t: GatewayDispatchEvents, d: unknown): void;
  /** Waits until a ready session holds the guild's shard (shard 0 for null); the error names the shard. */
  waitForSession(guildId: string | null, timeoutMs: number): Promise<void>;
  sessions(): SessionView[];
  /** Close the open sockets of shard `shardId`'s sessions with `code`; how many were closed. */
  dropShard(shardId: number, code: number): number;
  /** Drop every socket without a close frame (the client sees 1006 and resumes). */
  killSockets(): void;
  closeSockets(code: number): void;
  close(): Promise<void>;
}

export interface Connection {
  socket: WebSocket;
  session: Session | null;
}

export function createGateway(ctx: FakeContext, server: Server, heartbeatIntervalMs: number): Gateway {
  const wss = new WebSocketServer({ server, path: '/gateway' });
  const sessions = new Map<string, Session>();
  const events: GatewayEvent[] = [];

  const note = (
    dir: 'in' | 'out',
    frame: { op: number; t?: string | null; s?: number | null },
    session: Session | null,
  ) => {
    events.push({
      dir,
      op: frame.op,
      t: frame.t ?? null,
      s: frame.s ?? null,
      at: ctx.now(),
      sessionId: session?.id ?? null,
      shard: session?.shard ?? null,
    });
    if (events.length > MAX_GATEWAY_EVENTS * 1.1) events.splice(0, events.length - MAX_GATEWAY_EVENTS);
    ctx.notifier.notify();
  };
  const sendFrame = (
    connection: Connection,
    frame: { op: number; d: unknown; s?: number | null; t?: string | null },
  ) => {
    // Text frames only: discord.js JSON-parses text even when it asked for zlib-stream.
    connection.socket.send(JSON.stringify({ s: null, t: null, ...frame }));
    note('out', frame, connection.session);
  };
  const gatewayIo = { ctx, sessions, sendFrame, newSessionId: () => randomUUID().replaceAll('-', '') };

  wss.on('connection', (socket) => {
    const connection: Connection = { socket, session: null };
    sendFrame(connection, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: heartbeatIntervalMs, _trace: ['fake-gateway'] },
    });
    socket.on('message', (data, isBinary) => onFrame(connection, data, isBinary));
    socket.on('close', (code) => onClose(connection, code));
  });

  function onFrame(connection: Connection, data: RawData, isBinary: boolean): void {
    let frame: { op?: unknown; d?: unknown };
    try {
      frame = JSON.parse(isBinary ? '' : data.toString());
    } catch {
      connection.socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }
    const op = Number(frame.op);
    note('in', { op }, connection.session);
    if (op === GatewayOpcodes.Heartbeat) sendFrame(connection, { op: GatewayOpcodes.HeartbeatAck, d: null });
    else if (op === GatewayOpcodes.Identify) handleIdentify(gatewayIo, connection, frame.d);
    else if (op === GatewayOpcodes.Resume) handleResume(gatewayIo, connection, frame.d);
    else if (!connection.session)
      connection.socket.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
    else if (!IGNORED_OPS.includes(op))
      connection.socket.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
  }

  function onClose(connection: Connection, code: number): void {
    const session = connection.session;
    if (!session || session.connection !== connection) return;
    session.connection = null;
    if (SESSION_ENDING_CLOSE_CODES.includes(code)) sessions.delete(session.id);
    ctx.notifier.notify();
  }

  // Events without a guild (DMs) go to shard 0 only, as on Discord.
  const holds = (s: Session, guildId: string | null) =>
    s.shard[0] === (guildId === null ? 0 : shardOf(guildId, s.shard[1]));
  const sessionsFor = (guildId: string | null) => [...sessions.values()].filter((s) => holds(s, guildId));
  const owner = (guildId: string | null) =>
    sessionsFor(guildId)
      .filter((s) => s.ready)
      .sort((a, b) => b.identifiedAt - a.identifiedAt)[0];
  const missing = (guildId: string | null) => {
    const held = [...sessions.values()].map((s) => `${s.shard[0]}/${s.shard[1]}`).join(', ') || 'none';
    const what = guildId === null ? 'shard 0 (events without a guild)' : `the shard of guild ${guildId}`;
    return `a gateway session holding ${what}; sessions now hold shards [${held}] (Discord would not deliver it)`;
  };

  return {
    events,
    dispatchToOwner(guildId, t, d) {
      const session = owner(guildId);
      if (!session) throw new Error(`fake Discord: no ${missing(guildId)}`);
      session.dispatch(t, d);
      return { sessionId: session.id, shard: session.shard };
    },
    emit(guildId, t, intent, build) {
      for (const session of sessionsFor(guildId)) {
        if ((session.intents & intent) === intent) session.dispatch(t, build(session.intents));
      }
    },
    broadcast(guildId, t, d) {
      // Guild and channel events need the Guilds intent, as on Discord.
      for (const session of sessionsFor(guildId)) {
        if ((session.intents & GatewayIntentBits.Guilds) !== 0) session.dispatch(t, d);
      }
    },
    waitForSession: (guildId, timeoutMs) =>
      waitUntil(
        ctx.notifier,
        () => (owner(guildId) ? true : undefined),
        timeoutMs,
        () => missing(guildId),
      ).then(() => undefined),
    sessions: () => [...sessions.values()].map((s) => sessionView(s, ctx)),
    dropShard(shardId, code) {
      const open = [...sessions.values()].filter((s) => s.shard[0] === shardId && s.connection);
      for (const session of open) session.connection?.socket.close(code);
      return open.length;
    },
    killSockets() {
      for (const client of wss.clients) client.terminate();
    },
    closeSockets(code) {
      for (const client of wss.clients) client.close(code);
    },
    close() {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}

function sessionView(session: Session, ctx: FakeContext): SessionView {
  const [id, count] = session.shard;
  const guildIds = [...ctx.world.guilds.keys()].filter((guildId) => shardOf(guildId, count) === id);
  return {
    id: session.id,
    shard: session.shard,
    connected: session.connection !== null,
    identifiedAt: session.identifiedAt,
    ready: session.ready,
    seq: session.seq,
    guildIds,
  };
}
