import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COOLDOWNS_NAMESPACE } from '../../src/discord/cooldowns-shared.ts';
import type { UserView } from '../fakes/discord/index.ts';
import { type BotHarness, startHarness } from './support/harness.ts';

const TRAM = '001_tram_line_vote';
const answered = (v: UserView) => !v.thinking && (v.original !== null || v.followUps.length > 0);

describe('cooldowns', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startHarness({ env: { ASK_COOLDOWN_PER_MINUTE: '2', SUMMARY_COOLDOWN_PER_MINUTE: '2' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  const run = async (name: string, options: Record<string, string>, userId: string, locale = 'en-US') =>
    (await h.discord.command(name, options, { userId, locale })).waitFor(answered);

  it('GIVEN a user at the limit THEN a private message says when they can ask again, and no model call', async () => {
    const user = '400000000000000101';
    const startedAt = Date.now();
    await run('ask', { question: 'How did the councillors vote?', article: TRAM }, user);
    await run('ask', { question: 'When will the tram line open?', article: TRAM }, user);
    const calls = h.anthropic.requests.length;
    const refused = await run('ask', { question: 'Who voted against the tram?', article: TRAM }, user);
    expect(refused.ackType).toBe(4);
    expect(refused.ephemeral).toBe(true);
    const match =
      /^You have used \/ask 2 times in the last minute\. You can use it again <t:(\d+):R>\.$/.exec(
        refused.original?.content ?? '',
      );
    expect(match).not.toBeNull();
    const retryAtMs = Number(match?.[1]) * 1000;
    expect(retryAtMs).toBeGreaterThanOrEqual(startedAt + 59_000);
    expect(retryAtMs).toBeLessThanOrEqual(Date.now() + 61_000);
    expect(h.anthropic.requests.length).toBe(calls);
    // Another user, and another command, have their own windows.
    const other = await run(
      'ask',
      { question: 'Who voted against the tram?', article: TRAM },
      '400000000000000102',
    );
    expect(other.original?.embeds[0]?.footer?.text).toMatch(/^Not all news/);
  });

  it('GIVEN cached answers THEN they do not count against the cooldown', async () => {
    const user = '400000000000000103';
    await run('summary', { article: '002_grain_exports' }, user);
    const calls = h.anthropic.requests.length;
    for (let i = 0; i < 3; i++) {
      const cached = await run('summary', { article: '002_grain_exports' }, user);
      expect(cached.ephemeral).toBe(false);
    }
    expect(h.anthropic.requests.length).toBe(calls);
    const second = await run('summary', { article: '003_heatwave_power' }, user);
    expect(second.ephemeral).toBe(false);
    const refused = await run('summary', { article: '004_football_final' }, user, 'de');
    expect(refused.ephemeral).toBe(true);
    // The command as the German client lists it.
    expect(refused.original?.content).toMatch(
      /^Du hast \/zusammenfassung in der letzten Minute 2-mal benutzt\./,
    );
  });
  it('GIVEN the only bot process (no shards) THEN its cooldowns are counted in the process, with nothing written to the store', async () => {
    const user = '400000000000000109';
    await run('ask', { question: 'How many councillors voted for the tram?', article: TRAM }, user);
    await run('ask', { question: 'What will the tram line cost?', article: TRAM }, user);
    const refused = await run('ask', { question: 'Where will the tram line run?', article: TRAM }, user);
    expect(refused.ephemeral).toBe(true);
    const db = new BetterSqlite3(path.join(h.dir, 'newsdesk.sqlite'), { readonly: true });
    try {
      const table = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")
        .get(COOLDOWNS_NAMESPACE);
      const rows = table
        ? (db.prepare(`SELECT count(*) AS n FROM ${COOLDOWNS_NAMESPACE}`).get() as { n: number }).n
        : 0;
      expect(rows).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('the daily token budget', () => {
  const START = Date.parse('2026-12-01T22:00:00.000Z');
  const NEXT_MIDNIGHT_S = Date.parse('2026-12-02T00:00:00.000Z') / 1000;
  let clock = START;
  let h: BotHarness;
  beforeAll(async () => {
    h = await startHarness({ env: { GUILD_DAILY_TOKEN_BUDGET: '50' }, now: () => new Date(clock) });
  });
  afterAll(async () => {
    await h?.close();
  });

  const ask = async (question: string) =>
    (await h.discord.command('ask', { question, article: TRAM })).waitFor(answered);

  it('GIVEN the budget is spent THEN offline answers, the reset note once a day, and the model again after midnight UTC', async () => {
    const spent = await ask('How did the councillors vote?');
    expect(spent.original?.content).toBe('');
    const calls = h.anthropic.requests.length;

    const over = await ask('When will the tram line open?');
    expect(over.original?.content).toContain('this server’s AI budget for today is used up');
    expect(over.original?.content).toContain(`resets at midnight (UTC), <t:${NEXT_MIDNIGHT_S}:R>`);
    expect(over.original?.embeds[0]?.footer?.text).toMatch(/^Not all news/);

    const again = await ask('Who voted against the tram?');
    expect(again.original?.content).toContain('AI budget for today is used up');
    expect(again.original?.content).not.toContain('resets at midnight');
    expect(h.anthropic.requests.length).toBe(calls);

    clock = Date.parse('2026-12-02T00:05:00.000Z');
    const nextDay = await ask('What will the tram line cost?');
    expect(h.anthropic.requests.length).toBe(calls + 1);
    expect(nextDay.original?.content).toBe('');
  });
});
