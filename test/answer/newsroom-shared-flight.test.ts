import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cacheKey } from '../../src/answer/cache.ts';
import { collectReply } from '../../src/answer/collect.ts';
import type { ReplyEvent } from '../../src/answer/newsroom-types.ts';
import { loadPrompts } from '../../src/answer/prompts.ts';
import { type NewsroomRuntime, openNewsroom } from '../../src/app/runtime.ts';
import { type Config, parseConfig } from '../../src/core/config.ts';
import { silentLogger } from '../../src/core/log.ts';
import { atomicKeys } from '../../src/store/atomic.ts';
import { createLeases } from '../../src/store/lease.ts';
import { type FakeAnthropic, faults, startFakeAnthropic } from '../fakes/anthropic.ts';
import { sampleArticle } from '../support/articles.ts';
import { type PostgresServer, startPostgresServer } from '../support/postgres-server.ts';
import { type RedisServer, startRedisServer } from '../support/redis-server.ts';

/**
 * Two shards (two newsrooms, each with its own connections) on one SQLite file: a request both receive costs one
 * model call. The simultaneous case needs `atomicKeys` to be atomic across separately opened Keyvs (the "atomic"
 * helper's work); the staggered ones pass on the per-process version too.
 */
const context = { guildId: '200000000000000002', userId: '400000000000000004' };
const ARTICLE = '001_tram_line_vote';
const OTHER = '000_5330609adfd73756';
const TIMINGS = { leaseTtlMs: 1_500, pollIntervalMs: 50, maxWaitMs: 10_000 };

interface Backend {
  readonly name: string;
  /** A fresh store for one test; `dir` is the test's temp folder. */
  storeUrl(dir: string): string;
  start?(): Promise<() => Promise<void>>;
}

let redis: RedisServer | undefined;
let postgres: PostgresServer | undefined;
const BACKENDS: Backend[] = [
  { name: 'SQLite (one file)', storeUrl: (dir) => `sqlite://${path.join(dir, 'store.sqlite')}` },
  {
    name: 'Redis',
    storeUrl: () => `${redis?.url}/${nextRedisDatabase()}`,
    start: async () => {
      const server = await startRedisServer();
      redis = server;
      return () => server.close();
    },
  },
  {
    name: 'PostgreSQL',
    storeUrl: () => `${postgres?.url.replace(/\/postgres$/, '')}/${nextDatabase()}`,
    start: async () => {
      const server = await startPostgresServer();
      postgres = server;
      return () => server.close();
    },
  },
];
/** Each Redis test gets its own logical database, so one test's keys never meet the next's. */
let databases = 0;
function nextRedisDatabase(): number {
  databases = (databases % 15) + 1;
  return databases;
}
let pgDatabases = 0;
/** Each PostgreSQL test gets a database of its own (created here), for the same reason. */
function nextDatabase(): string {
  pgDatabases += 1;
  return `flight_${process.pid}_${pgDatabases}`;
}
async function createDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}

describe.each(BACKENDS)('one model call per request across processes sharing the store: $name', (backend) => {
  let fake: FakeAnthropic;
  let dir: string;
  let config: Config;
  let shards: NewsroomRuntime[];
  let stopServer: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    stopServer = await backend.start?.();
  });
  afterAll(async () => {
    await fake.close();
    await stopServer?.();
  });

  beforeEach(async () => {
    fake.requests.length = 0;
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-flight-'));
    config = parseConfig({
      ANTHROPIC_API_KEY: 'sk-test',
      ANTHROPIC_BASE_URL: fake.url,
      ANTHROPIC_MAX_RETRIES: '0',
      ANTHROPIC_TIMEOUT_MS: '5000',
      STORE_URL: backend.storeUrl(dir),
    });
    if (backend.name === 'PostgreSQL') await createDatabase(config.storeUrl);
    const first = await openNewsroom(config, silentLogger, { flightTimings: TIMINGS });
    for (const file of [`${ARTICLE}.txt`, `${OTHER}.txt`])
      await first.store.upsert(await sampleArticle(file));
    shards = [first, await openNewsroom(config, silentLogger, { flightTimings: TIMINGS })];
  });
  afterEach(async () => {
    fake.setTiming({ firstTokenDelayMs: 0 });
    await Promise.all(shards.map((shard) => shard.close()));
    await rm(dir, { recursive: true, force: true });
  });

  const summary = (shard: NewsroomRuntime, article = ARTICLE, events: ReplyEvent['type'][] = []) =>
    collectReply(shard.newsroom.summary({ article, length: 'brief', language: 'en', context }), (event) => {
      events.push(event.type);
    });
  const later = <T>(ms: number, run: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => setTimeout(() => run().then(resolve, reject), ms));
  const [a, b] = [() => shards[0] as NewsroomRuntime, () => shards[1] as NewsroomRuntime];

  /** Holds the lease on the summary's key as a process that then dies (never renews, never releases). */
  async function crashedHolder(ttlMs: number, article = ARTICLE): Promise<void> {
    const stored = await a().store.get(article);
    if (!stored) throw new Error('sample missing');
    const prompts = await loadPrompts();
    const key = cacheKey({
      kind: 'summary',
      article: { id: stored.id, hash: stored.hash },
      language: 'en',
      length: 'brief',
      promptHash: prompts.summary.hash,
      model: config.anthropic.model,
    });
    const leases = createLeases(atomicKeys(await a().openKeyv('answers')));
    expect(await leases.acquire(`flight:${key}`, 'crashed-process', ttlMs)).toBe(true);
  }

  it('GIVEN the same summary on two shards moments apart THEN one model call, one text, both with the disclaimer', async () => {
    fake.setTiming({ firstTokenDelayMs: 400 });
    const [calling, waiting]: ReplyEvent['type'][][] = [[], []];
    const [first, second] = await Promise.all([
      summary(a(), ARTICLE, calling),
      later(100, () => summary(b(), ARTICLE, waiting)),
    ]);
    // Only the shard that calls the model announces a call (its deferral goes out at once); the other waits.
    expect(calling).toContain('calling');
    expect(waiting).not.toContain('calling');
    expect(fake.requests).toHaveLength(1);
    expect(second.result.text).toBe(first.result.text);
    expect(first.result.provider).toBe('anthropic');
    expect([first.result.cached, second.result.cached]).toEqual([false, true]);
    expect(second.disclaimer).toBe(first.disclaimer);
    expect(first.disclaimer.length).toBeGreaterThan(0);
  });

  it('GIVEN the same summary on two shards at the same instant THEN one model call', async () => {
    fake.setTiming({ firstTokenDelayMs: 300 });
    const replies = await Promise.all([summary(a()), summary(b())]);
    expect(fake.requests).toHaveLength(1);
    expect(new Set(replies.map((reply) => reply.result.text)).size).toBe(1);
    expect(replies.filter((reply) => reply.result.cached)).toHaveLength(1);
  });

  it("GIVEN the holder's model call fails mid-stream THEN both serve the offline answer from that one call", async () => {
    fake.setTiming({ firstTokenDelayMs: 300 });
    fake.injectFaults(faults.midStreamError('overloaded_error', 5));
    const [first, second] = await Promise.all([summary(a()), later(100, () => summary(b()))]);
    expect(first.result.fallbackReason).toBe('overloaded');
    expect(second.result.fallbackReason).toBe('overloaded');
    expect(fake.requests).toHaveLength(1);
  });

  it('GIVEN a holder that died holding the lease THEN another shard calls the model once its TTL is past', async () => {
    await crashedHolder(800);
    const started = Date.now();
    const reply = await summary(b());
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    expect(reply.result.provider).toBe('anthropic');
    expect(fake.requests).toHaveLength(1);
  });

  it("GIVEN one article's call held elsewhere THEN a different request does not wait on it", async () => {
    await crashedHolder(60_000);
    const started = Date.now();
    const reply = await summary(b(), OTHER);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(reply.result.provider).toBe('anthropic');
  });

  it('GIVEN an asker who leaves while another shard holds the call THEN the wait ends at once', async () => {
    await crashedHolder(60_000);
    const leaving = new AbortController();
    const reply = collectReply(
      b().newsroom.summary({
        article: ARTICLE,
        length: 'brief',
        language: 'en',
        context,
        signal: leaving.signal,
      }),
    );
    setTimeout(() => leaving.abort(new Error('asker left')), 100);
    await expect(reply).rejects.toThrow('asker left');
    expect(fake.requests).toHaveLength(0);
  });
});
