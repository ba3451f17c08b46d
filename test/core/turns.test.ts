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
    // The last piece is in its turn until the next one: its first steps still count.
    expect(turns.length).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(turns.length).toBe(0);
  });

  it('GIVEN the last piece released THEN it is told empty only after that piece’s first steps have run', async () => {
    const order: string[] = [];
    const turns = new Turns(() => order.push('empty'));
    // Behind two awaits, as a command's work is behind the router's.
    const piece = async () => {
      await (async () => {
        await turns.take();
      })();
      order.push('piece');
    };
    await piece();
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['piece', 'empty']);
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
