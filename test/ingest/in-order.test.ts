import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { forEachInOrder, type InOrderLimits } from '../../src/ingest/in-order.ts';

interface Trace {
  readonly emitted: number[];
  /** Most items at once past their first stage and not yet handed on. */
  mostHeld: number;
  /** Most items at once in their first stage. */
  mostInFirst: number;
}

/** Runs numbered items whose stages take `delays` ms; the first stage's result weighs `weight(i)`. */
async function traced(
  count: number,
  limits: Omit<InOrderLimits<number>, 'weigh'> & { readonly weight?: (item: number) => number },
  delays: { readonly first?: (item: number) => number; readonly second?: (item: number) => number } = {},
): Promise<Trace> {
  const trace: Trace = { emitted: [], mostHeld: 0, mostInFirst: 0 };
  let held = 0;
  let inFirst = 0;
  await forEachInOrder<number, number, number>(
    Array.from({ length: count }, (_, i) => i),
    { ...limits, weigh: (item) => limits.weight?.(item) ?? 1 },
    {
      first: async (item) => {
        inFirst += 1;
        trace.mostInFirst = Math.max(trace.mostInFirst, inFirst);
        await sleep(delays.first?.(item) ?? 0);
        inFirst -= 1;
        held += 1;
        trace.mostHeld = Math.max(trace.mostHeld, held);
        return item;
      },
      second: async (item) => {
        await sleep(delays.second?.(item) ?? 0);
        return item;
      },
    },
    (item) => {
      held -= 1;
      trace.emitted.push(item);
    },
    () => {},
  );
  return trace;
}

const inOrder = (count: number) => Array.from({ length: count }, (_, i) => i);

describe('an import’s files in flight', () => {
  it('GIVEN stages that finish in any order THEN every result is handed on once, in input order', async () => {
    const trace = await traced(
      60,
      { items: 16, firstStage: 4, maxWeight: 1_000 },
      { first: (i) => (i * 7) % 5, second: (i) => (i * 3) % 4 },
    );
    expect(trace.emitted).toEqual(inOrder(60));
    expect(trace.mostInFirst).toBeLessThanOrEqual(4);
  });

  it('GIVEN the first file is slow to store THEN the files after it stop being read once those done hold the bound, and all go on when it lands', async () => {
    const slowHead = { second: (i: number) => (i === 0 ? 100 : 0) };
    const bounded = await traced(50, { items: 50, firstStage: 2, maxWeight: 3 }, slowHead);
    const unbounded = await traced(
      50,
      { items: 50, firstStage: 2, maxWeight: Number.POSITIVE_INFINITY },
      slowHead,
    );

    expect(bounded.emitted).toEqual(inOrder(50));
    // The bound (3) plus what was already being read when it was reached (2).
    expect(bounded.mostHeld).toBeLessThanOrEqual(3 + 2);
    expect(unbounded.mostHeld).toBeGreaterThan(20);
  });

  it('GIVEN a file heavier than the whole bound THEN it still goes through alone, and the import finishes', async () => {
    const trace = await traced(12, {
      items: 8,
      firstStage: 2,
      maxWeight: 10,
      weight: (i) => (i % 4 === 0 ? 50 : 1),
    });
    expect(trace.emitted).toEqual(inOrder(12));
  });

  it('GIVEN a store write that fails THEN the error is thrown and no further file is started', async () => {
    let started = 0;
    const run = forEachInOrder(
      inOrder(100),
      { items: 4, firstStage: 2, maxWeight: 100, weigh: () => 1 },
      {
        first: async (item) => {
          started += 1;
          return item;
        },
        second: async (item) => {
          await sleep(1);
          if (item === 5) throw new Error('disk full');
          return item;
        },
      },
      () => {},
      () => {},
    );
    await expect(run).rejects.toThrow('disk full');
    await sleep(20);
    expect(started).toBeLessThan(12);
  });
});
