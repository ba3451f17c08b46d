import { describe, expect, it } from 'vitest';
import { vocabularyFor, WORDS_REMEMBERED, WordBudget } from '../../src/text/vocabulary.ts';

/** An analysis that counts its calls (a call is a word not remembered) and folds case, so forms share terms. */
function countedAnalysis() {
  const calls = { count: 0 };
  const analyze = (word: string) => {
    calls.count++;
    return word.toLowerCase();
  };
  return { calls, analyze };
}

const made = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => `${prefix}${i.toString(36)}`);

/** The terms of every word of `text`, read the way TermAnalyzer reads them: numbers first, then terms. */
function termsOf(vocabulary: ReturnType<typeof vocabularyFor>, text: string): string[] {
  vocabulary.startText();
  const numbers: number[] = [];
  for (const match of text.matchAll(/\S+/g))
    numbers.push(vocabulary.number(text, match.index, match.index + match[0].length));
  return numbers.map((number) => vocabulary.termOf(number));
}

describe('a language vocabulary', () => {
  it('GIVEN 60,000 new words, 15 times what its first table holds THEN it grows between texts and no word is analysed twice', () => {
    const { calls, analyze } = countedAnalysis();
    const vocabulary = vocabularyFor(analyze, new WordBudget());
    const texts = Array.from({ length: 60 }, (_, i) => made(1_000, `Quay${i}x`).join(' '));
    for (const text of texts) termsOf(vocabulary, text);
    calls.count = 0;
    for (const text of texts) expect(termsOf(vocabulary, text)).toEqual(text.toLowerCase().split(' '));
    expect(calls.count).toBe(0);
  });

  it('GIVEN a spent budget THEN a new language remembers nothing and every term is still right', () => {
    const budget = new WordBudget(WORDS_REMEMBERED);
    const { analyze } = countedAnalysis();
    const first = vocabularyFor(analyze, budget);
    // One language takes what it may grow to: 2^17 words, in texts, so it grows between them.
    for (let i = 0; i < 40; i++) termsOf(first, made(4_000, `a${i}z`).join(' '));
    const second = vocabularyFor(analyze, budget);
    for (let i = 0; i < 40; i++) termsOf(second, made(4_000, `b${i}z`).join(' '));
    const late = countedAnalysis();
    const third = vocabularyFor(late.analyze, budget);
    const text = 'Harbour harbour HARBOUR';
    expect(termsOf(third, text)).toEqual(['harbour', 'harbour', 'harbour']);
    late.calls.count = 0;
    termsOf(third, text);
    expect(late.calls.count).toBe(3);
  });

  it('GIVEN words past its largest table THEN it starts over and the terms stay right, old words relearned', () => {
    const { calls, analyze } = countedAnalysis();
    const vocabulary = vocabularyFor(analyze, new WordBudget());
    const opening = 'Blockade Ports blockade ports';
    expect(termsOf(vocabulary, opening)).toEqual(['blockade', 'ports', 'blockade', 'ports']);
    for (let i = 0; i < 70; i++) termsOf(vocabulary, made(2_000, `c${i}q`).join(' '));
    calls.count = 0;
    expect(termsOf(vocabulary, opening)).toEqual(['blockade', 'ports', 'blockade', 'ports']);
    expect(calls.count).toBe(2 * 2);
  });
});

describe('a language vocabulary fed words its table never stores', () => {
  it('GIVEN text after text of new 41-character words THEN its numbering still starts over, so remembered words are relearned', () => {
    const { calls, analyze } = countedAnalysis();
    const vocabulary = vocabularyFor(analyze, new WordBudget());
    expect(termsOf(vocabulary, 'Harbour')).toEqual(['harbour']);
    // Each word over 40 characters is numbered but never stored: without a bound the numbering only grows.
    const long = (i: number, j: number) =>
      `${'q'.repeat(33)}${i.toString(36).padStart(4, '0')}${j.toString(36).padStart(4, '0')}`;
    for (let i = 0; i < 20; i++)
      termsOf(vocabulary, Array.from({ length: 1_000 }, (_, j) => long(i, j)).join(' '));
    calls.count = 0;
    expect(termsOf(vocabulary, 'Harbour')).toEqual(['harbour']);
    expect(calls.count).toBe(1);
  });
});
