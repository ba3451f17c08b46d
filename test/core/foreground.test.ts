import { describe, expect, it } from 'vitest';
import { Foreground } from '../../src/core/foreground.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the foreground count', () => {
  it('GIVEN two members waiting WHEN one is answered (even twice over) THEN background still waits for the other', async () => {
    const foreground = new Foreground(5_000);
    const first = foreground.begin();
    const second = foreground.begin();
    first();
    first();
    let through = false;
    const waiting = foreground.yield().then(() => {
      through = true;
    });
    await sleep(30);
    expect(through).toBe(false);
    second();
    await waiting;
    expect(through).toBe(true);
  });

  it('GIVEN nobody waiting THEN background goes on at once', async () => {
    const foreground = new Foreground(5_000);
    foreground.begin()();
    let through = false;
    void foreground.yield().then(() => {
      through = true;
    });
    await sleep(0);
    expect(through).toBe(true);
  });

  it("GIVEN commands' work waiting for its turn (nobody waiting for a first response) THEN background waits until it has had it", async () => {
    const foreground = new Foreground(2_000);
    const order: string[] = [];
    const started = Date.now();
    const work = foreground.turns.take().then(() => order.push('work'));
    expect(foreground.waitingInteractions).toBe(0);
    expect(foreground.isIdle).toBe(false);
    const background = foreground.yield().then(() => order.push('background'));
    await Promise.all([work, background]);
    expect(order).toEqual(['work', 'background']);
    expect(foreground.isIdle).toBe(true);
    // Woken when the turn was had, not by its maxWaitMs.
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
