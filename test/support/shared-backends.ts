import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type Keyv from 'keyv';
import { createKeyvPool, openKeyv } from '../../src/store/keyv.ts';
import { type PostgresServer, startPostgresServer } from './postgres-server.ts';
import { type RedisServer, startRedisServer } from './redis-server.ts';

/**
 * One store as several shard processes see it: each `open` is a separately opened Keyv on the same store (a memory
 * pool, a SQLite file, a real Redis, a real PostgreSQL), as two processes would open it.
 */
export interface SharedBackend {
  readonly name: string;
  open(namespace: string): Promise<Keyv>;
  close(): Promise<void>;
}

export const BACKEND_NAMES = ['memory pool', 'SQLite file', 'Redis', 'PostgreSQL'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

function tracked(name: string, url: string, finish: () => Promise<void> = async () => {}): SharedBackend {
  const opened: Keyv[] = [];
  return {
    name,
    async open(namespace) {
      const keyv = await openKeyv(url, { namespace });
      opened.push(keyv);
      return keyv;
    },
    async close() {
      await Promise.allSettled(opened.map((keyv) => keyv.disconnect()));
      await finish();
    },
  };
}

export async function startBackend(name: BackendName): Promise<SharedBackend> {
  if (name === 'memory pool') {
    const pool = createKeyvPool();
    return {
      name,
      open: (namespace) => pool.open('memory://', { namespace }),
      close: () => pool.closeAll(),
    };
  }
  if (name === 'SQLite file') {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-shared-keyvs-'));
    return tracked(name, `sqlite://${path.join(dir, 'store.sqlite')}`, () =>
      rm(dir, { recursive: true, force: true }),
    );
  }
  const server: RedisServer | PostgresServer =
    name === 'Redis' ? await startRedisServer() : await startPostgresServer();
  return tracked(name, server.url, () => server.close());
}
