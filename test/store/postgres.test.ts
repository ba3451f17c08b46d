import type Keyv from 'keyv';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openKeyv } from '../../src/store/keyv.ts';
import { type PostgresServer, startPostgresServer } from '../support/postgres-server.ts';

/**
 * The store on a real PostgreSQL server. Both failures below were found here, with @keyv/postgres as it comes:
 * closing one namespace ended the pool every other namespace of the process used, and a server restart crashed
 * the process (node-postgres emits 'error' for the idle connections it loses; nobody listened).
 */

const BACK_WITHIN_MS = 10_000;

describe('the store on a PostgreSQL server', () => {
  let server: PostgresServer;
  const opened: Keyv[] = [];
  const uncaught: unknown[] = [];
  const recordUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    server = await startPostgresServer();
    process.on('uncaughtException', recordUncaught);
  }, 30_000);
  afterAll(async () => {
    process.off('uncaughtException', recordUncaught);
    await server.close();
  });
  afterEach(async () => {
    await server.start();
    await Promise.allSettled(opened.splice(0).map((keyv) => keyv.disconnect()));
  });

  async function open(namespace: string): Promise<Keyv> {
    const keyv = await openKeyv(server.url, { namespace });
    opened.push(keyv);
    return keyv;
  }

  it('GIVEN two namespaces WHEN one is closed THEN the other keeps working', async () => {
    const articles = await open('articles');
    const usage = await open('usage');
    await articles.set('tram', { title: 'Tram line approved' });
    await usage.disconnect();
    expect(await articles.get('tram')).toEqual({ title: 'Tram line approved' });
  });

  it('GIVEN the server killed and restarted THEN no crash, a clear error meanwhile, and the same store works after with nothing lost', async () => {
    const usage = await open('usage');
    await usage.set('today', 3);
    await server.stop();
    const error = await usage.get('today').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'store-unreachable' });
    expect((error as Error).message).toContain('STORE_URL=postgres://newsdesk@127.0.0.1');
    await server.start();
    await vi.waitFor(async () => expect(await usage.get('today')).toBe(3), { timeout: BACK_WITHIN_MS });
    await usage.set('today', 4);
    expect(await usage.get('today')).toBe(4);
    expect(uncaught).toEqual([]);
  });
});

describe('expired entries on a PostgreSQL server', () => {
  let server: PostgresServer;
  let cache: Keyv | undefined;
  let clock = 0;

  beforeAll(async () => {
    server = await startPostgresServer();
  }, 30_000);
  afterAll(async () => {
    await cache?.disconnect();
    await server.close();
  });

  async function rowCount(): Promise<number> {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      return (
        (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM answer_cache')).rows[0]?.n ?? -1
      );
    } finally {
      await client.end();
    }
  }

  it('GIVEN 2,500 cached answers with a TTL WHEN it passes THEN the table returns to the rows it had before', async () => {
    clock = Date.now();
    cache = await openKeyv(server.url, { namespace: 'answer-cache', now: () => clock, sweepIntervalMs: 50 });
    await cache.set('kept', { text: 'no TTL' });
    await cache.set('nested', { expires: 1, text: 'an "expires" inside the value is not the TTL' });
    const before = await rowCount();
    const hour = 3_600_000;
    await cache.setMany(
      Array.from({ length: 2_500 }, (_, n) => ({ key: `q-${n}`, value: `answer ${n}`, ttl: hour })),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await rowCount()).toBe(before + 2_500);
    clock += hour + 60_000; // keyv stamps expiry by the real clock, which moved on since `clock` was read.
    await vi.waitFor(async () => expect(await rowCount()).toBe(before), { timeout: 10_000, interval: 50 });
    expect(await cache.get('kept')).toEqual({ text: 'no TTL' });
    expect(await cache.get('nested')).toMatchObject({ expires: 1 });
  });
});
