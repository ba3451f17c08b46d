import { execFile, spawnSync } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { globSync } from 'tinyglobby';
import { freePort } from './redis-server.ts';

const run = promisify(execFile);
const READY_TIMEOUT_S = 20;
/** PostgreSQL refuses to run as root: as root, the server runs as this (Debian's package creates it). */
const SERVER_USER = 'postgres';

/** A real PostgreSQL server on 127.0.0.1 in a temp folder, that a test can kill (as a crash would) and restart. */
export interface PostgresServer {
  readonly url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

function binDir(): string {
  const [found] = globSync('/usr/lib/postgresql/*/bin/initdb').sort().reverse();
  if (!found)
    throw new Error('These tests need a real PostgreSQL: install it (Debian: apt-get install postgresql).');
  return path.dirname(found);
}

/** Runs a server command as SERVER_USER when we are root. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', SERVER_USER, '--', command, ...args]]
    : [command, args];
}

async function ownedBy(dir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const { stdout } = await run('id', ['-u', SERVER_USER]);
  const { stdout: group } = await run('id', ['-g', SERVER_USER]);
  await chown(dir, Number(stdout.trim()), Number(group.trim()));
}

/** pg_ctl starts the server detached and waits until it accepts connections (or says why it did not). */
async function pgCtl(bin: string, dir: string, args: string[]): Promise<void> {
  const [command, full] = asServerUser(path.join(bin, 'pg_ctl'), [
    '-D',
    dir,
    '-w',
    '-t',
    String(READY_TIMEOUT_S),
    ...args,
  ]);
  await run(command, full);
}

function startServer(bin: string, dir: string, port: number): Promise<void> {
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  return pgCtl(bin, dir, ['-l', path.join(dir, 'server.log'), '-o', options, 'start']);
}

/** initdb in a temp folder, then the server on a free port; user `newsdesk`, no password (trust, loopback only). */
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = binDir();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-postgres-'));
  await ownedBy(dir);
  const [command, args] = asServerUser(path.join(bin, 'initdb'), [
    ...['-D', dir, '-U', 'newsdesk', '--auth=trust', '--encoding=UTF8', '--no-sync'],
  ]);
  await run(command, args);
  const port = await freePort();
  await startServer(bin, dir, port);
  let running = true;
  // pg_ctl starts the server detached: a test run that dies must still stop it.
  const stopAtExit = () => {
    if (!running) return;
    const [command, args] = asServerUser(path.join(bin, 'pg_ctl'), ['-D', dir, '-m', 'immediate', 'stop']);
    spawnSync(command, args, { stdio: 'ignore' });
  };
  process.once('exit', stopAtExit);
  // Immediate shutdown: no checkpoint, crash recovery at the next start — as a crash would leave it.
  const stop = async () => {
    if (!running) return;
    await pgCtl(bin, dir, ['-m', 'immediate', 'stop']);
    running = false;
  };
  return {
    url: `postgres://newsdesk@127.0.0.1:${port}/postgres`,
    stop,
    async start() {
      if (running) return;
      await startServer(bin, dir, port);
      running = true;
    },
    async close() {
      process.off('exit', stopAtExit);
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
