/** The backends test/store/atomic.test.ts runs against, each real, and racers on them in other processes. */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type PostgresServer, startPostgresServer } from '../../support/postgres-server.ts';
import { type RedisServer, startRedisServer } from '../../support/redis-server.ts';
import { holdExclusiveLock } from '../../support/sqlite-lock.ts';
import { PROJECT_ROOT } from '../../support/subprocess.ts';

const COUNTER = path.join(import.meta.dirname, 'atomic-counter.ts');
const TSX = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');

/** A store made to fail, the error code callers should see, and how to put it back. */
export interface Breakage {
  readonly code: string;
  restore(): Promise<void>;
}

export interface Backend {
  readonly name: string;
  /** Starts the server (or makes the folder) and gives the STORE_URL to open. */
  start(): Promise<string>;
  close(): Promise<void>;
  /** Whether racers can be other processes: a memory:// Map lives in one. */
  readonly shared: boolean;
  /** Makes the store fail as an outage would (locked file, server gone); undefined for memory. */
  readonly breakStore?: () => Promise<Breakage>;
}

function sqliteBackend(): Backend {
  let folder = '';
  return {
    name: 'sqlite',
    shared: true,
    async start() {
      folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsdesk-atomic-'));
      return `sqlite://${path.join(folder, 'store.sqlite')}`;
    },
    close: () => fs.rm(folder, { recursive: true, force: true }),
    async breakStore() {
      const lock = await holdExclusiveLock(path.join(folder, 'store.sqlite'));
      return { code: 'store-locked', restore: () => lock.release() };
    },
  };
}

function serverBackend<
  S extends { url: string; stop(): Promise<void>; start(): Promise<void>; close(): Promise<void> },
>(name: string, startServer: () => Promise<S>): Backend {
  let server: S | undefined;
  return {
    name,
    shared: true,
    async start() {
      server = await startServer();
      return server.url;
    },
    close: async () => server?.close(),
    async breakStore() {
      await server?.stop();
      return { code: 'store-unreachable', restore: async () => server?.start() };
    },
  };
}

export const BACKENDS: readonly Backend[] = [
  { name: 'memory', shared: false, start: async () => 'memory://', close: async () => undefined },
  sqliteBackend(),
  serverBackend<RedisServer>('redis', startRedisServer),
  serverBackend<PostgresServer>('postgres', startPostgresServer),
];

export interface RacerReport {
  readonly conflicts: number;
  readonly ms: number;
  readonly medianMs?: number;
  readonly won?: number[];
}

export interface Racer {
  /** Resolves once the racer has its store open. */
  readonly ready: Promise<void>;
  go(): void;
  /** What it did (see atomic-counter.ts), once it is done. */
  readonly done: Promise<RacerReport>;
}

export interface RacerTask {
  readonly mode: 'count' | 'timed' | 'lease';
  readonly key: string;
  readonly count: number;
  readonly tag?: string;
}

/** A separate process (its own connection) that runs `task` on `url`'s `namespace` once told to go. */
export function startRacer(url: string, namespace: string, task: RacerTask): Racer {
  const args = [url, namespace, task.mode, task.key, String(task.count), task.tag ?? ''];
  const child = spawn(TSX, [COUNTER, ...args], { cwd: PROJECT_ROOT });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<RacerReport>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      markReady();
      if (code !== 0) reject(new Error(`racer exited with ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}'));
    });
  });
  return { ready, go: () => child.stdin.end('go\n'), done };
}

/** Starts `tasks` as racers, lets them go at once, and gives what each did. */
export async function race(
  url: string,
  namespace: string,
  tasks: readonly RacerTask[],
): Promise<RacerReport[]> {
  const racers = tasks.map((task) => startRacer(url, namespace, task));
  await Promise.all(racers.map((racer) => racer.ready));
  for (const racer of racers) racer.go();
  return Promise.all(racers.map((racer) => racer.done));
}
