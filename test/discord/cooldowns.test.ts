import { describe, expect, it } from 'vitest';
import { createCooldowns } from '../../src/discord/cooldowns.ts';

const WINDOW_MS = 60_000;

function clock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('cooldowns', async () => {
  it('GIVEN the limit reached THEN refused until the oldest use leaves the window', async () => {
    const time = clock();
    const cooldowns = createCooldowns({ perWindow: { ask: 2 }, now: time.now });
    expect((await cooldowns.take('ask', 'u1')).allowed).toBe(true);
    time.advance(10_000);
    expect((await cooldowns.take('ask', 'u1')).allowed).toBe(true);
    time.advance(10_000);
    const refused = await cooldowns.take('ask', 'u1');
    expect(refused).toEqual({ allowed: false, retryAt: 1_000_000 + WINDOW_MS, limit: 2 });
    time.advance(40_000);
    expect((await cooldowns.take('ask', 'u1')).allowed).toBe(true);
    expect((await cooldowns.take('ask', 'u1')).allowed).toBe(false);
  });

  it('GIVEN a refunded use THEN it does not count, and a second refund changes nothing', async () => {
    const cooldowns = createCooldowns({ perWindow: { ask: 1 }, now: clock().now });
    const first = await cooldowns.take('ask', 'u1');
    if (!first.allowed) throw new Error('the first use is allowed');
    first.ticket.refund();
    first.ticket.refund();
    expect((await cooldowns.take('ask', 'u1')).allowed).toBe(true);
    expect((await cooldowns.take('ask', 'u1')).allowed).toBe(false);
  });

  it('GIVEN other users, other commands, a limit of 0 THEN each is counted apart or not at all', async () => {
    const cooldowns = createCooldowns({ perWindow: { ask: 1, summary: 0 }, now: clock().now });
    expect((await cooldowns.take('ask', 'u1')).allowed).toBe(true);
    expect((await cooldowns.take('ask', 'u2')).allowed).toBe(true);
    for (let i = 0; i < 10; i++) expect((await cooldowns.take('summary', 'u1')).allowed).toBe(true);
    expect((await cooldowns.take('usage', 'u1')).allowed).toBe(true);
    expect(cooldowns.size()).toBe(2);
  });

  it('GIVEN many users THEN the state stays bounded, the least recently active forgotten first', async () => {
    const cooldowns = createCooldowns({ perWindow: { ask: 1 }, now: clock().now, maxTracked: 100 });
    await cooldowns.take('ask', 'regular');
    for (let i = 0; i < 1_000; i++) {
      await cooldowns.take('ask', `passer-by-${i}`);
      if (i % 50 === 0) await cooldowns.take('ask', 'regular');
    }
    expect(cooldowns.size()).toBe(100);
    expect((await cooldowns.take('ask', 'regular')).allowed).toBe(false);
    expect((await cooldowns.take('ask', 'passer-by-999')).allowed).toBe(false);
    expect((await cooldowns.take('ask', 'passer-by-0')).allowed).toBe(true);
  });
});
