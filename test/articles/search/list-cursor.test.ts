import { describe, expect, it } from 'vitest';
import { END_OF_LIST, ListCursor } from '../../../src/articles/search/list-cursor.ts';
import {
  ChunkedPostings,
  POSTING_SLOT_SHIFT,
  type PostingList,
} from '../../../src/articles/search/posting-list.ts';
import { seededRandom } from '../../support/random.ts';

/** Ascending slots with random gaps (some long, so seeks gallop and skip chunks), each with a weight. */
function postings(random: () => number, count: number): number[] {
  const list: number[] = [];
  let slot = Math.floor(random() * 5);
  for (let i = 0; i < count; i++) {
    list.push((slot << POSTING_SLOT_SHIFT) | (1 + Math.floor(random() * 200)));
    slot += 1 + (random() < 0.05 ? Math.floor(random() * 5_000) : Math.floor(random() * 4));
  }
  return list;
}

/** Every shape a posting list takes (posting-list.ts): one number, a small array, a snapshot view, chunks. */
function shapes(list: readonly number[]): [string, PostingList][] {
  const all: [string, PostingList][] = [
    ['snapshot view', Int32Array.from(list)],
    ['chunks', ChunkedPostings.from(list)],
  ];
  if (list.length === 1) all.push(['one number', list[0] as number]);
  if (list.length <= 16) all.push(['array', [...list]]);
  return all;
}

/** What a seek must find: the first posting at or after the slot, by reading the list from the start. */
function firstAtOrAfter(list: readonly number[], slot: number): number | undefined {
  return list.find((posting) => posting >>> POSTING_SLOT_SHIFT >= slot);
}

describe('posting list cursor', () => {
  for (const count of [0, 1, 9, 256, 257, 3_000]) {
    it(`GIVEN ${count} postings in every list shape THEN stepping reads them all in order, then the end`, () => {
      const list = postings(seededRandom(count + 1), count);
      for (const [shape, stored] of shapes(list)) {
        const cursor = new ListCursor(stored);
        const read: number[] = [];
        while (cursor.slot !== END_OF_LIST) {
          read.push(cursor.posting);
          cursor.next();
        }
        expect(read, shape).toEqual(list);
      }
    });

    it(`GIVEN ${count} postings in every list shape THEN forward seeks land on the first posting at or after the slot`, () => {
      const random = seededRandom(count + 7);
      const list = postings(random, count);
      const lastSlot = ((list.at(-1) ?? 0) >>> POSTING_SLOT_SHIFT) + 10;
      for (const [shape, stored] of shapes(list)) {
        const cursor = new ListCursor(stored);
        let target = 0;
        while (target <= lastSlot) {
          const expected = firstAtOrAfter(list, target);
          const found = cursor.seek(target);
          expect(cursor.slot, `${shape}: seek(${target})`).toBe(
            expected === undefined ? END_OF_LIST : expected >>> POSTING_SLOT_SHIFT,
          );
          expect(found, `${shape}: seek(${target}) found`).toBe(cursor.slot === target);
          if (expected !== undefined) expect(cursor.posting).toBe(expected);
          // Mostly short steps (a walk's usual gap), some long jumps, some seeks to where it already is.
          target += random() < 0.1 ? Math.floor(random() * 3_000) : Math.floor(random() * 6);
        }
      }
    });
  }

  it('GIVEN chunks THEN a long seek to the last slot of a chunk, or to the first of the next, lands on it', () => {
    const list = postings(seededRandom(3), 2_000);
    const slotAt = (index: number) => (list[index] as number) >>> POSTING_SLOT_SHIFT;
    for (let chunkEnd = 255; chunkEnd + 1 < list.length; chunkEnd += 256) {
      for (const index of [chunkEnd, chunkEnd + 1]) {
        const cursor = new ListCursor(ChunkedPostings.from(list));
        cursor.seek(slotAt(chunkEnd - 200));
        expect(cursor.seek(slotAt(index)), `posting ${index}`).toBe(true);
        expect(cursor.posting).toBe(list[index]);
      }
    }
  });
});
