import { describe, expect, it } from 'vitest';
import { Turns } from '../../src/core/turns.ts';

const busy = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {}
};

describe('turns for commands’ work', () => {
  it('GIVEN three pieces queued at once THEN they run in arrival order, one per turn of the event loop', async () => {
    const turns = new Turns();
    const order: string[] = [];
    const piece = async (name: string) => {
      await turns.take();
      order.push(name);
      if (name === 'first') {
        // Something that became due while the first piece ran: it runs before the next piece, not after all three.
        setTimeout(() => order.push('due meanwhile'), 0);
        busy(5);
      }
    };
    expect(turns.length).toBe(0);
    const all = Promise.all([piece('first'), piece('second'), piece('third')]);
    expect(turns.length).toBe(3);
    await all;
    expect(order).toEqual(['first', 'due meanwhile', 'second', 'third']);
    expect(turns.length).toBe(0);
  });

  it('GIVEN a piece queued after the queue emptied THEN it still gets its turn', async () => {
    const turns = new Turns();
    await turns.take();
    let through = false;
    await turns.take().then(() => {
      through = true;
    });
    expect(through).toBe(true);
  });
});
