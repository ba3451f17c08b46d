import { describe, expect, it } from 'vitest';
import { seededWordHash, WordTable } from '../../src/text/word-table.ts';

/** An analyzer that counts its calls (a call is a word the table did not have) and numbers each word apart. */
function counted() {
  const calls = { count: 0 };
  const numbers = new Map<string, number>();
  const analyze = (word: string) => {
    calls.count++;
    if (!numbers.has(word)) numbers.set(word, numbers.size + 1);
    return numbers.get(word) as number;
  };
  return { calls, analyze, numberOf: (word: string) => numbers.get(word) };
}

/** The number `table` gives each word of `list`, each looked up where it stands in one text of them all. */
function lookUp(table: WordTable, list: readonly string[]): number[] {
  const text = list.join('|');
  let start = 0;
  return list.map((word) => {
    const number = table.get(text, start, start + word.length);
    start += word.length + 1;
    return number;
  });
}

function made(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `w${i.toString(36).padStart(2, '0')}`);
}

const words = Array.from({ length: 5_000 }, (_, i) => `quay${i.toString(36)}`);
const lookAll = (table: WordTable) => lookUp(table, words);

describe('the word table', () => {
  it('GIVEN 5,000 words THEN each gets its own term and the second pass analyses none of them again', () => {
    const { calls, analyze, numberOf } = counted();
    const table = new WordTable(analyze, 8_192);
    const numbers = lookAll(table);
    expect(new Set(numbers).size).toBe(words.length);
    expect(numbers).toEqual(words.map(numberOf));
    calls.count = 0;
    lookAll(table);
    expect(calls.count).toBe(0);
  });

  it('GIVEN a flood of words that all hash to one slot THEN every term is still right, and past a short probe run words are analysed instead of stored (no lookup walks the flood)', () => {
    const { calls, analyze, numberOf } = counted();
    const table = new WordTable(analyze, 8_192, () => 7);
    expect(lookAll(table)).toEqual(words.map(numberOf));
    calls.count = 0;
    expect(lookAll(table)).toEqual(words.map(numberOf));
    // Only the first few found room near their slot; an unbounded probe would have stored (and walked) all 5,000.
    expect(calls.count).toBeGreaterThan(words.length - 64);
  });

  it('GIVEN two tables (two processes) THEN the same word hashes differently in each: slots cannot be aimed at in advance', () => {
    const [first, second] = [seededWordHash(), seededWordHash()];
    const differ = words.filter((word) => first?.(word, 0, word.length) !== second?.(word, 0, word.length));
    expect(differ.length).toBeGreaterThan(words.length * 0.99);
    expect(seededWordHash(42)('harbour', 0, 7)).toBe(seededWordHash(42)('harbour', 0, 7));
  });
});

describe('the word table, keys packed into the slot', () => {
  it.each([
    ['a seeded hash', undefined],
    ['one hash for every word (keys alone tell them apart)', () => 7],
  ])(
    'GIVEN words that differ only past 8 characters, in their last byte, by a U+0000 or past U+00FF, and %s THEN each keeps its own number, before and after growing',
    (_, hash) => {
      const tricky = [
        ...[
          'a',
          'ab',
          'abcd',
          'abcd\u0000',
          'abcd\u0000\u0000',
          'a\u0000',
          '',
          'abcdefgh',
          'abcdefghi',
          'abcdefgi',
        ],
        ...[
          '\u00ff\u0001',
          '\u0001\u00ff',
          'ÿÿÿÿ',
          'ÿÿÿÿÿÿÿÿ',
          'ÿÿÿÿÿÿÿÿÿ',
          'łódź',
          'lodz',
          'łodz',
          'x'.repeat(40),
        ],
        ...['x'.repeat(41), 'Zürich', 'zurich', '2024', '20240', 'Москва', '北京'],
      ];
      const { calls, analyze, numberOf } = counted();
      const table = new WordTable(analyze, 64, hash);
      const look = () => lookUp(table, tricky);
      expect(look()).toEqual(tricky.map(numberOf));
      expect(new Set(look()).size).toBe(tricky.length);
      calls.count = 0;
      table.grow();
      expect(look()).toEqual(tricky.map(numberOf));
      // Only the 41-character word is never stored (longer than a table keeps).
      expect(calls.count).toBe(1);
    },
  );
});

describe('the word table, full, cleared and grown', () => {
  const words = made(80);
  const lookEach = (table: WordTable) => lookUp(table, words);

  it('GIVEN a full table THEN a new word is analysed at each mention and never stored', () => {
    const { calls, analyze, numberOf } = counted();
    const table = new WordTable(analyze, 64);
    expect(lookEach(table)).toEqual(words.map(numberOf));
    expect(table.size).toBe(64);
    calls.count = 0;
    lookEach(table);
    expect(calls.count).toBe(words.length - 64);
  });

  it('GIVEN a cleared table THEN it holds nothing and every word is analysed again', () => {
    const { calls, analyze } = counted();
    const table = new WordTable(analyze, 128);
    lookEach(table);
    table.clear();
    expect(table.size).toBe(0);
    calls.count = 0;
    lookEach(table);
    expect(calls.count).toBe(words.length);
    expect(table.size).toBe(words.length);
  });

  it('GIVEN a grown table THEN every word keeps its number and is found without analysis', () => {
    let next = 0;
    const table = new WordTable(() => ++next, 64);
    const grown = made(64);
    const before = lookUp(table, grown);
    expect(table.full).toBe(true);
    table.grow();
    expect(table.full).toBe(false);
    expect(lookUp(table, grown)).toEqual(before);
    expect(next).toBe(64);
  });
});

describe('packed keys of Latin Extended-A words', () => {
  it('GIVEN one hash for every word, and words of U+0100-U+017F beside the words their low bytes spell THEN each keeps its own number', () => {
    // A packed key holds 8 bits a character: a code past U+00FF let into it would spell an ASCII twin
    // ("ša" as "aa", "aaaš" as "aaaa", "łodz" as "Bodz") and take its number.
    const words: string[] = ['ša', 'aa', 'aaaš', 'aaaa', 'łodz', 'Bodz', 'aaaaaaaš', 'aaaaaaaa'];
    for (let code = 0x100; code <= 0x17f; code++) {
      const c = String.fromCharCode(code);
      const low = String.fromCharCode(code & 0xff || 0x61);
      words.push(`${c}a`, `${low}a`, `aaa${c}`, `aaa${low}`, `aaaaaaa${c}`, `aaaaaaa${low}`);
    }
    const unique = [...new Set(words)];
    const numbers = new Map(unique.map((word, i) => [word, i + 1]));
    // Every word aimed at one slot: the first 32 are held, each compared with all before it.
    for (let from = 0; from < unique.length; from += 16) {
      const table = new WordTable(
        (word) => numbers.get(word) as number,
        64,
        () => 7,
      );
      const some = unique.slice(from, from + 32);
      const text = some.join('|');
      for (let pass = 0; pass < 2; pass++) {
        let start = 0;
        for (const word of some) {
          expect(table.get(text, start, start + word.length), word).toBe(numbers.get(word));
          start += word.length + 1;
        }
      }
    }
  });
});
