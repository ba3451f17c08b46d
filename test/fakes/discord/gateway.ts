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
import type { GatewayEvent } from './types.ts';

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
  /** Send a dispatch to the session that would receive it for this guild (the newest one of its shard). */
  dispatchToGuildOwner(guildId: string, t: GatewayDispatchEvents, d: unknown): void;
  /** FakeContext.emit: to every session of the guild's shard with `intent`, each with its own payload. */
  emit(guildId: string, t: GatewayDispatchEvents, intent: number, build: (intents: number) => unknown): void;
  /** Send a dispatch to every session whose shard holds the guild (guild and channel events). */
  broadcast(guildId: string, t: GatewayDispatchEvents, d: unknown): void;
  waitForSession(guildId: string, timeoutMs: number): Promise<void>;
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

  const sessionsFor = (guildId: string) =>
    [...sessions.values()].filter((s) => s.shard[0] === shardOf(guildId, s.shard[1]));
  const owner = (guildId: string) => sessionsFor(guildId).sort((a, b) => b.identifiedAt - a.identifiedAt)[0];

  return {
    events,
    dispatchToGuildOwner(guildId, t, d) {
      const session = owner(guildId);
      if (!session)
        throw new Error(`fake Discord: no gateway session holds guild ${guildId}; is a client logged in?`);
      session.dispatch(t, d);
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
        () => (owner(guildId)?.ready ? true : undefined),
        timeoutMs,
        () => `a gateway session for guild ${guildId}`,
      ).then(() => undefined),
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
