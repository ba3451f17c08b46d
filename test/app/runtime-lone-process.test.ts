import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheKey } from '../../src/answer/cache.ts';
import { collectReply } from '../../src/answer/collect.ts';
import { loadPrompts } from '../../src/answer/prompts.ts';
import { type NewsroomRuntime, openNewsroom } from '../../src/app/runtime.ts';
import { type Config, parseConfig } from '../../src/core/config.ts';
import { silentLogger } from '../../src/core/log.ts';
import { atomicKeys } from '../../src/store/atomic.ts';
import { createLeases } from '../../src/store/lease.ts';
import { type FakeAnthropic, startFakeAnthropic } from '../fakes/anthropic.ts';
import { sampleArticle } from '../support/articles.ts';

/**
 * A newsroom opened for the only process that calls the model (one bot, SHARD_COUNT=1) keeps its single flight in
 * the process: it neither writes nor reads the store's `flight:` leases.
 */
const context = { guildId: '200000000000000002', userId: '400000000000000004' };
const ARTICLE = '001_tram_line_vote';

describe('a newsroom for a lone process', () => {
  let fake: FakeAnthropic;
  let dir: string;
  let config: Config;
  let runtime: NewsroomRuntime;

  beforeEach(async () => {
    fake = await startFakeAnthropic();
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-lone-'));
    config = parseConfig({
      ANTHROPIC_API_KEY: 'sk-test',
      ANTHROPIC_BASE_URL: fake.url,
      ANTHROPIC_MAX_RETRIES: '0',
      STORE_URL: `sqlite://${path.join(dir, 'store.sqlite')}`,
    });
    runtime = await openNewsroom(config, silentLogger, { acrossProcesses: false });
    await runtime.store.upsert(await sampleArticle(`${ARTICLE}.txt`));
  });
  afterEach(async () => {
    await runtime.close();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Someone else's lease on the summary's key, held for a minute (a shared newsroom would wait on it). */
  async function leaseHeldElsewhere(): Promise<void> {
    const stored = await runtime.store.get(ARTICLE);
    if (!stored) throw new Error('sample missing');
    const key = cacheKey({
      kind: 'summary',
      article: { id: stored.id, hash: stored.hash },
      language: 'en',
      length: 'brief',
      promptHash: (await loadPrompts()).summary.hash,
      model: config.anthropic.model,
    });
    const leases = createLeases(atomicKeys(await runtime.openKeyv('answers')));
    expect(await leases.acquire(`flight:${key}`, 'another-process', 60_000)).toBe(true);
  }

  it('GIVEN a flight lease in the store THEN the lone process ignores it and calls the model, and identical requests still share one call', async () => {
    await leaseHeldElsewhere();
    const summary = () =>
      collectReply(runtime.newsroom.summary({ article: ARTICLE, length: 'brief', language: 'en', context }));
    const replies = await Promise.all([summary(), summary()]);
    expect(replies.map((reply) => reply.result.provider)).toEqual(['anthropic', 'anthropic']);
    expect(fake.requests).toHaveLength(1);
  }, 15_000);
});
