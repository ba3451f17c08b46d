import { describe, expect, it } from 'vitest';
import { salientTerms } from '../../src/articles/search/catalogue.ts';
import { TermAnalyzer } from '../../src/text/analyzer.ts';
import { splitWords } from '../../src/text/terms.ts';
import { heapGrowthMb } from '../support/heap.ts';
import { seededRandom } from '../support/random.ts';

/** Random ASCII text rich in what the tokeniser decides on: joiners, runs of them, markup, digits, control codes. */
function asciiText(random: () => number, length: number): string {
  const pieces = [
    'a',
    'Z',
    '7',
    "'",
    '.',
    ',',
    ' ',
    '-',
    '<@12>',
    '<#3>',
    '\n',
    '\t',
    ':',
    '_',
    '\u0001',
    '~',
    'ab',
  ];
  let text = '';
  while (text.length < length) text += pieces[Math.floor(random() * pieces.length)];
  return text;
}

describe('ASCII fast path of splitWords', () => {
  it('GIVEN 2,000 random ASCII texts THEN the words are exactly those the Unicode path finds', () => {
    const random = seededRandom(11);
    for (let i = 0; i < 2_000; i++) {
      const text = asciiText(random, 1 + Math.floor(random() * 80));
      // A trailing non-ASCII word sends the same text down the Unicode regex path; its own word is dropped.
      const unicodePath = splitWords(`${text} é`).slice(0, -1);
      expect(splitWords(text)).toEqual(unicodePath);
    }
  });

  it('GIVEN "&" inside a word THEN only the answerer\'s splitting joins it ("A&E"), on both paths, and search still splits it', () => {
    expect(splitWords('Wait in A&E, R&D up')).toEqual(['Wait', 'in', 'A', 'E', 'R', 'D', 'up']);
    expect(splitWords('Wait in A&E, R&D up', true)).toEqual(['Wait', 'in', 'A&E', 'R&D', 'up']);
    expect(splitWords('Attente aux A&E é', true)).toEqual(['Attente', 'aux', 'A&E', 'é']);
  });

  it('GIVEN joiners at word edges THEN they join only between word characters ("U.S.", "rock\'n\'roll", "1,200.")', () => {
    expect(splitWords("U.S. rock'n'roll 1,200. 'quoted' a..b x,")).toEqual([
      'U.S',
      "rock'n'roll",
      '1,200',
      'quoted',
      'a',
      'b',
      'x',
    ]);
  });
});

describe('word memo of TermAnalyzer', () => {
  it('GIVEN more distinct words than the memo keeps THEN terms stay those of a fresh analyzer', () => {
    const busy = new TermAnalyzer();
    const flood = Array.from({ length: 120_000 }, (_, i) => `w${i.toString(36)}ing`).join(' ');
    busy.termCounts(flood, 'en');
    const text = 'Blockaded blockades BLOCKADING the Ports, w1ing w2ing Pashinyan\u2019s Zürich';
    for (const language of ['en', 'de', 'fr']) {
      expect(busy.terms(text, language)).toEqual(new TermAnalyzer().terms(text, language));
      expect([...busy.termCounts(text, language).counts]).toEqual([
        ...new TermAnalyzer().termCounts(text, language).counts,
      ]);
    }
  });

  it('GIVEN 200 long texts each with a new long word THEN the analyzer keeps the words, not the texts', () => {
    const analyzer = new TermAnalyzer();
    const filler = 'the council met on monday. '.repeat(20_000);
    const grown = heapGrowthMb(() => {
      for (let i = 0; i < 200; i++) {
        const word = `harbourmaster${String.fromCharCode(97 + (i % 26), 97 + Math.floor(i / 26))}`;
        analyzer.termCounts(`${filler} ${word} ${filler}`, 'en');
      }
    });
    // Each text is ~1 MB; kept alive by the words cut from them, they were ~200 MB of the heap.
    expect(grown).toBeLessThan(20);
  });

  it('GIVEN a 10,000-character word twice THEN both are cut to one term of at most 32 characters', () => {
    const analyzer = new TermAnalyzer();
    const long = 'x'.repeat(10_000);
    expect(analyzer.terms(`${long} ${long}`, 'en')).toEqual([
      new TermAnalyzer().terms(long, 'en')[0],
      new TermAnalyzer().terms(long, 'en')[0],
    ]);
    expect(analyzer.terms(long, 'en')[0]?.length).toBeLessThanOrEqual(32);
  });
});

describe('salient terms', () => {
  it('GIVEN random texts with many ties THEN the kept terms are a stable sort of all counts, cut at the limit', () => {
    const random = seededRandom(5);
    const analyzer = new TermAnalyzer();
    const vocabulary = Array.from({ length: 90 }, (_, i) => `word${i}`);
    for (let i = 0; i < 300; i++) {
      const text = Array.from(
        { length: Math.floor(random() * 400) },
        () => vocabulary[Math.floor(vocabulary.length ** random()) - 1],
      ).join(' ');
      const limit = Math.floor(random() * 40);
      const { counts } = analyzer.termCounts(text, 'en');
      const expected = [...counts].sort((a, b) => b[1] - a[1]).slice(0, limit);
      expect(salientTerms([text], analyzer, 'en', limit).ranked).toEqual(expected);
    }
  });
});

describe('memos per language', () => {
  it('GIVEN articles declaring 100 made-up languages THEN every language still gets the terms a fresh analyzer gives', () => {
    const busy = new TermAnalyzer();
    const text = 'Blockaded ports, Zürich talks and the 1,200 workers';
    for (let i = 0; i < 100; i++) busy.terms(text, `x${i}`);
    for (const language of ['x99', 'en', 'de']) {
      expect(busy.terms(text, language)).toEqual(new TermAnalyzer().terms(text, language));
      expect(busy.toTerm('blockaded', language)).toBe(new TermAnalyzer().toTerm('blockaded', language));
    }
  });
});
