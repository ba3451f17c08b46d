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
