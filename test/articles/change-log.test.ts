import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { ChangeLog } from '../../src/articles/change-log.ts';

/* Other processes learn of changes through this log; a snapshot's catch-up relies on it naming every change. */
const quiet = () => undefined;

describe('the change log', () => {
  it('GIVEN a catch-up that fails half way THEN the same changes are offered again, none skipped', async () => {
    const keyv = new Keyv();
    const writer = new ChangeLog(keyv, quiet, Date.now() - 1_000);
    const reader = new ChangeLog(keyv, quiet, Date.now() - 1_000);
    writer.note('a');
    writer.note('b');
    await writer.flush();
    await expect(
      reader.applyUnseen(async () => {
        throw new Error('store locked');
      }),
    ).rejects.toThrow('store locked');
    const offered: string[] = [];
    await reader.applyUnseen(async (changed) => {
      offered.push(...changed);
    });
    expect(offered.sort()).toEqual(['a', 'b']);
  });

  it("GIVEN changes of this process and another THEN a catch-up offers only the other's, and a change announced before its write is offered even if the process dies before noting it", async () => {
    const keyv = new Keyv();
    const mine = new ChangeLog(keyv, quiet, Date.now() - 1_000);
    const other = new ChangeLog(keyv, quiet, Date.now() - 1_000);
    mine.note('mine');
    await mine.flush();
    expect(await other.intend('announced')).toBe(true);
    const offered: string[] = [];
    await mine.applyUnseen(async (changed) => {
      offered.push(...changed);
    });
    expect(offered).toEqual(['announced']);
    expect((await mine.changedAfter(Date.now() - 1_000)).changed).toEqual(new Set(['mine', 'announced']));
  });

  it('GIVEN a log the store refuses to write THEN an announcement says so instead of throwing at the upsert', async () => {
    const keyv = new Keyv();
    keyv.set = async () => {
      throw new Error('disk full');
    };
    const errors: unknown[] = [];
    const log = new ChangeLog(keyv, (error) => errors.push(error));
    expect(await log.intend('x')).toBe(false);
    expect(errors).toHaveLength(1);
  });
});
