import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectReply } from '../../src/answer/collect.ts';
import type { UsageDay } from '../../src/answer/usage.ts';
import { type NewsroomRuntime, openNewsroom } from '../../src/app/runtime.ts';
import { parseConfig } from '../../src/core/config.ts';
import { silentLogger } from '../../src/core/log.ts';
import { ingestPaths } from '../../src/ingest/files.ts';
import { SAMPLES_DIR } from '../discord/support/harness.ts';
import { type FakeAnthropic, startFakeAnthropic } from '../fakes/anthropic.ts';

/**
 * Two shard processes' newsrooms over one SQLite file: the daily token budget is counted in the shared usage
 * records, so a guild that spent it through one process is served offline by the other too, and told once.
 */

const GUILD = '200000000000000002';
const TRAM = '001_tram_line_vote';

describe('the daily token budget across two processes on one store', () => {
  let dir = '';
  let anthropic: FakeAnthropic;
  const rooms: NewsroomRuntime[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-budget-shards-'));
    anthropic = await startFakeAnthropic();
    const config = parseConfig({
      STORE_URL: `sqlite://${path.join(dir, 'newsdesk.sqlite')}`,
      ANTHROPIC_API_KEY: 'sk-test',
      ANTHROPIC_BASE_URL: anthropic.url,
      ANTHROPIC_MAX_RETRIES: '0',
      LOG_LEVEL: 'silent',
      GUILD_DAILY_TOKEN_BUDGET: '50',
    });
    const first = await openNewsroom(config, silentLogger);
    rooms.push(first);
    // Before the second opens: an article store learns of articles another process adds only on its next sync.
    await ingestPaths([SAMPLES_DIR], { store: first.store, dryRun: false });
    rooms.push(await openNewsroom(config, silentLogger));
  });
  afterAll(async () => {
    for (const room of rooms) await room.close();
    await anthropic?.close();
    await rm(dir, { recursive: true, force: true });
  });

  function never(): never {
    throw new Error('no runtime opened');
  }

  async function countedBy(room: NewsroomRuntime | undefined, done: (day: UsageDay) => boolean) {
    const deadline = Date.now() + 3_000;
    for (;;) {
      const [today] = await (room ?? never()).usage.days(GUILD, 1);
      if ((today && done(today)) || Date.now() > deadline) return today;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  const ask = (room: NewsroomRuntime | undefined, question: string) =>
    collectReply(
      (room ?? never()).newsroom.ask({
        question,
        article: TRAM,
        language: 'en',
        context: { guildId: GUILD, userId: '400000000000000301' },
      }),
    );

  it('GIVEN the budget spent through one process THEN the other serves offline, and only one says when it resets', async () => {
    const [one, other] = rooms;
    const spent = await ask(one, 'How did the councillors vote?');
    expect(spent.result.fallbackReason).toBeUndefined();
    expect(anthropic.requests).toHaveLength(1);
    // The reply goes out before its count is written (newsroom-flight.ts): wait until the other process reads it.
    await countedBy(other, (day) => day.modelCalls === 1);

    const over = await ask(other, 'When will the tram line open?');
    expect(over.result.fallbackReason).toBe('over-budget');
    expect(over.result.budgetNotice).toBeDefined();
    const again = await ask(one, 'Who voted against the tram?');
    expect(again.result.fallbackReason).toBe('over-budget');
    expect(again.result.budgetNotice).toBeUndefined();
    expect(anthropic.requests).toHaveLength(1);

    const today = await countedBy(other, (day) => day.offlineReplies === 2);
    expect(today).toMatchObject({ modelCalls: 1, offlineReplies: 2 });
  });
});
