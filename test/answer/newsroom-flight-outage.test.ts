import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectReply } from '../../src/answer/collect.ts';
import { FLIGHT_FAILED_TTL_MS } from '../../src/answer/newsroom-shared-flight.ts';
import { type NewsroomRuntime, openNewsroom } from '../../src/app/runtime.ts';
import { parseConfig } from '../../src/core/config.ts';
import { silentLogger } from '../../src/core/log.ts';
import { type FakeAnthropic, type FakeFault, faults, startFakeAnthropic } from '../fakes/anthropic.ts';
import { sampleArticle } from '../support/articles.ts';

/**
 * A model outage seen by two shards (two newsrooms, each with its own connections) on one SQLite file. The
 * holder's call fails after one SDK retry (~RETRY_AFTER_MS); a request waiting on its lease must not then make
 * its own call and wait it out too.
 */
const context = { guildId: '200000000000000002', userId: '400000000000000004' };
const ARTICLE = '001_tram_line_vote';
const TIMINGS = { leaseTtlMs: 3_000, pollIntervalMs: 25, maxWaitMs: 10_000 };
const RETRY_AFTER_MS = 400;
/** One model call as the fake sees it: the first try and the SDK's one retry. */
const REQUESTS_PER_CALL = 2;

describe('a model outage across processes sharing the store', () => {
  let fake: FakeAnthropic;
  let dir: string;
  let shards: NewsroomRuntime[];
  /** The clock both shards go by: real time plus what the test skips ahead. */
  let skippedMs = 0;

  beforeEach(async () => {
    // A fake of its own per test: faults left queued by one test never reach the next.
    fake = await startFakeAnthropic();
    skippedMs = 0;
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-outage-'));
    const config = parseConfig({
      ANTHROPIC_API_KEY: 'sk-test',
      ANTHROPIC_BASE_URL: fake.url,
      ANTHROPIC_MAX_RETRIES: '1',
      ANTHROPIC_TIMEOUT_MS: '5000',
      STORE_URL: `sqlite://${path.join(dir, 'store.sqlite')}`,
    });
    const now = () => new Date(Date.now() + skippedMs);
    const open = () => openNewsroom(config, silentLogger, { flightTimings: TIMINGS, now });
    const first = await open();
    await first.store.upsert(await sampleArticle(`${ARTICLE}.txt`));
    shards = [first, await open()];
  });
  afterEach(async () => {
    await Promise.all(shards.map((shard) => shard.close()));
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  const summary = (shard: NewsroomRuntime | undefined) => {
    if (!shard) throw new Error('shard missing');
    return collectReply(
      shard.newsroom.summary({ article: ARTICLE, length: 'brief', language: 'en', context }),
    );
  };
  const later = <T>(ms: number, run: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => setTimeout(() => run().then(resolve, reject), ms));
  /** The next two model calls fail with `fault` (the fake answers normally once the queue is spent). */
  const outage = (fault: () => FakeFault) => {
    for (let i = 0; i < 2 * REQUESTS_PER_CALL; i++) fake.injectFaults(fault());
  };

  it.each([
    ['529 overloaded', () => faults.overloaded(RETRY_AFTER_MS), 'overloaded'],
    ['500 server error', () => faults.serverError(RETRY_AFTER_MS), 'server-error'],
  ] as const)(
    'GIVEN %s while another shard waits on the call THEN one model call and both get the offline answer',
    async (_name, fault, reason) => {
      outage(fault);
      const [first, second] = await Promise.all([summary(shards[0]), later(100, () => summary(shards[1]))]);
      expect(first.result.fallbackReason).toBe(reason);
      expect(second.result.fallbackReason).toBe(reason);
      // The waiter answered from the holder's failure, without a failing call of its own (and its retry wait).
      expect(fake.requests).toHaveLength(REQUESTS_PER_CALL);
    },
  );

  it('GIVEN a call failed moments ago THEN a new request on another shard serves offline at once, and once the marker expires the model is tried again', async () => {
    outage(() => faults.overloaded(RETRY_AFTER_MS));
    expect((await summary(shards[0])).result.fallbackReason).toBe('overloaded');
    expect(fake.requests).toHaveLength(REQUESTS_PER_CALL);

    const soon = await summary(shards[1]);
    expect(soon.result.fallbackReason).toBe('overloaded');
    expect(fake.requests).toHaveLength(REQUESTS_PER_CALL);

    skippedMs = FLIGHT_FAILED_TTL_MS + 1;
    const retried = await summary(shards[1]);
    // The second queued failure: the model was called again (and the outage goes on).
    expect(fake.requests).toHaveLength(2 * REQUESTS_PER_CALL);
    expect(retried.result.fallbackReason).toBe('overloaded');
  });
});
