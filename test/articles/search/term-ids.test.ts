import { describe, expect, it } from 'vitest';
import { forEachTerm, forEachTermAt } from '../../../src/articles/search/catalogue.ts';
import { forEachRun, POSTING_SLOT_SHIFT } from '../../../src/articles/search/posting-list.ts';
import { Postings } from '../../../src/articles/search/postings.ts';
import type { WordTable } from '../../../src/text/word-table.ts';
import { heapGrowthMb } from '../../support/heap.ts';
import { seededRandom } from '../../support/random.ts';

/** Which slots hold `term`, read back through the same lookup search uses. */
function slotsOf(postings: Postings, term: string): number[] {
  const id = postings.termId(term);
  if (id === undefined) return [];
  const slots: number[] = [];
  forEachRun(postings.list(id), (run, count) => {
    for (let i = 0; i < count; i++) slots.push((run[i] as number) >>> POSTING_SLOT_SHIFT);
  });
  return slots;
}

/** Puts each article's terms the way SearchIndex.put does: looked up where they lie in the encoded list. */
function put(postings: Postings, slot: number, terms: readonly string[]): void {
  const encoded = terms.map((term) => `${term}:1`).join(' ');
  forEachTermAt(encoded, (start, end, weight) => postings.addAt(encoded, start, end, slot, weight));
}

/**
 * Terms of every shape the id table treats differently: short Latin ones packed into a slot, longer ones, ones
 * past the table's 40-character limit, characters past U+00FF (Greek, Cyrillic, CJK, an emoji's surrogates), and
 * pairs that differ only in their last or first character.
 */
function varied(count: number): string[] {
  const shapes = [
    (n: number) => `w${n.toString(36)}`,
    (n: number) => `langerbegriff${n}`,
    (n: number) => `${'x'.repeat(41)}${n}`,
    (n: number) => `λέξη${n}`,
    (n: number) => `слово${n}`,
    (n: number) => `新闻${n}`,
    (n: number) => `🗞${n}`,
    (n: number) => `${n}é`,
    (n: number) => `é${n}`,
  ];
  return Array.from({ length: count }, (_, n) => (shapes[n % shapes.length] as (n: number) => string)(n));
}

describe('the index finds a term by its characters, however many terms it holds', () => {
  it('GIVEN 20,000 distinct terms of every shape, each put into 1-3 articles THEN each lists exactly its articles', () => {
    const terms = varied(20_000);
    const expected = new Map<string, number[]>();
    const articles: string[][] = Array.from({ length: 5_000 }, () => []);
    terms.forEach((term, n) => {
      const slots = [...new Set([n % 5_000, (n * 7) % 5_000, (n * 13) % 5_000].slice(0, 1 + (n % 3)))];
      expected.set(
        term,
        slots.sort((a, b) => a - b),
      );
      for (const slot of slots) articles[slot]?.push(term);
    });
    const postings = new Postings();
    articles.forEach((held, slot) => {
      put(postings, slot, held);
    });
    for (const [term, slots] of expected) expect(slotsOf(postings, term), term).toEqual(slots);
    expect(postings.termId('w-never-put')).toBeUndefined();
  });

  it('GIVEN terms already in a snapshot THEN new postings join their lists instead of making a second term', () => {
    const before = new Postings();
    put(before, 0, ['harbour', 'λιμάνι', 'a'.repeat(45)]);
    put(before, 1, ['harbour']);
    const reopened = Postings.fromSnapshot(before.snapshot(Int32Array.from([0, 1])));
    put(reopened, 2, ['harbour', 'λιμάνι', 'a'.repeat(45), 'ferry']);
    expect(slotsOf(reopened, 'harbour')).toEqual([0, 1, 2]);
    expect(slotsOf(reopened, 'λιμάνι')).toEqual([0, 2]);
    expect(slotsOf(reopened, 'a'.repeat(45))).toEqual([0, 2]);
    expect(slotsOf(reopened, 'ferry')).toEqual([2]);
    const snapshot = reopened.snapshot(Int32Array.from([0, 1, 2]));
    expect(snapshot.vocabulary).toEqual(['a'.repeat(45), 'ferry', 'harbour', 'λιμάνι']);
  });
});

/** The reading before term ranges: each count cut out and given to Number(). */
function slicedReading(encoded: string): string[] {
  const found: string[] = [];
  let start = 0;
  while (start < encoded.length) {
    let end = encoded.indexOf(' ', start);
    if (end < 0) end = encoded.length;
    const separator = encoded.lastIndexOf(':', end - 1);
    if (separator > start) {
      const count = Number(encoded.slice(separator + 1, end));
      if (count > 0) found.push(`${encoded.slice(start, separator)}=${count}`);
    }
    start = end + 1;
  }
  return found;
}

const rangedReading = (encoded: string) => {
  const found: string[] = [];
  forEachTermAt(encoded, (start, end, count) => found.push(`${encoded.slice(start, end)}=${count}`));
  return found;
};

describe('reading an encoded term list in place', () => {
  it('GIVEN well-formed and broken pairs THEN the terms and counts are those a Number() of each count read', () => {
    const encoded =
      'good:2 :3 broken nope:x  tail:1 half:2.5 zero:0 big:1e3 long:12345678901 a:b:4 end: cut:5/';
    expect(rangedReading(encoded)).toEqual(slicedReading(encoded));
    expect(rangedReading(encoded)).toEqual([
      'good=2',
      'tail=1',
      'half=2.5',
      'big=1000',
      'long=12345678901',
      'a:b=4',
    ]);
    const sliced: string[] = [];
    forEachTerm(encoded, (term, count) => sliced.push(`${term}=${count}`));
    expect(sliced).toEqual(slicedReading(encoded));
  });

  it('GIVEN 5,000 random strings of digits, signs, dots, slashes, letters and spaces THEN the same reading', () => {
    const random = seededRandom(3);
    const pieces = [
      '0',
      '1',
      '7',
      '9',
      '/',
      '.',
      '-',
      '+',
      'e',
      'x',
      ':',
      ' ',
      'a',
      '\u0661',
      '\t',
      '25',
      '255',
    ];
    for (let i = 0; i < 5_000; i++) {
      let encoded = '';
      const length = Math.floor(random() * 30);
      for (let k = 0; k < length; k++) encoded += pieces[Math.floor(random() * pieces.length)];
      expect(rangedReading(encoded), JSON.stringify(encoded)).toEqual(slicedReading(encoded));
    }
  });
});

describe('what the term ids cost in memory', () => {
  it('GIVEN 200,000 distinct terms THEN the id table has grown to its most and no further, and every term keeps its postings', () => {
    const postings = new Postings();
    const term = (n: number) => `t${n.toString(36)}`;
    for (let slot = 0; slot < 5_000; slot++)
      put(
        postings,
        slot,
        Array.from({ length: 40 }, (_, k) => term(slot * 40 + k)),
      );
    // The table is private: its size is what an operator sees in the process's memory, not in any result.
    const table = (postings as unknown as { cachedIds: WordTable }).cachedIds;
    expect(table.capacity).toBe(131_072);
    for (const n of [0, 131_071, 131_072, 199_999])
      expect(slotsOf(postings, term(n))).toEqual([Math.floor(n / 40)]);
  });

  it('GIVEN 200 entries of ~1 MB, each bringing new long terms THEN the index keeps the terms, not the entries', () => {
    const postings = new Postings();
    // Not a pair (no ":count"): skipped by the reader, but part of the string a cut term would point into.
    const filler = 'x'.repeat(1_000_000);
    const grown = heapGrowthMb(() => {
      for (let i = 0; i < 200; i++) {
        const tag = String(i).padStart(3, '0');
        const encoded = `${filler}${i} harbourmaster${tag}ab:2 ${'portauthority'.repeat(3)}${tag}abcdefghij:1`;
        forEachTermAt(encoded, (start, end, weight) => postings.addAt(encoded, start, end, i, weight));
      }
    });
    expect(grown).toBeLessThan(20);
    expect(slotsOf(postings, 'harbourmaster007ab')).toEqual([7]);
  });
});
