import { describe, expect, it } from 'vitest';
import { MAX_PARAGRAPH_CHARS, splitLongParagraphs } from '../../../src/articles/parse/long-paragraphs.ts';
import { parseArticleText } from '../../../src/articles/parse/parse.ts';
import { hugeParagraph, hugeParagraphArticle } from '../../support/hostile-sources.ts';

const squash = (text: string) => text.replace(/\s+/g, '');

describe('paragraphs over the length limit', () => {
  it('GIVEN a 4.8 MB one-paragraph article file THEN it is stored as sentence-ended paragraphs within the limit, no text lost', () => {
    const text = hugeParagraphArticle(4_800_000);
    const parsed = parseArticleText(text, { fileName: 'harbour-notes.txt' });
    if (!parsed.ok) throw new Error(parsed.reason);
    const { paragraphs } = parsed.article;
    expect(paragraphs.length).toBeGreaterThan(1_000);
    for (const paragraph of paragraphs) {
      expect(paragraph.length).toBeLessThanOrEqual(MAX_PARAGRAPH_CHARS);
      expect(paragraph).toMatch(/\)\.$/);
    }
    expect(squash(paragraphs.join(''))).toBe(squash(hugeParagraph(4_800_000)));
  });

  it('GIVEN paragraphs within the limit THEN they are kept as they are, so stored hashes do not change', () => {
    const paragraphs = ['Short one.', 'x'.repeat(MAX_PARAGRAPH_CHARS)];
    expect(splitLongParagraphs(paragraphs)).toBe(paragraphs);
  });

  it('GIVEN a long paragraph with no sentence end THEN it is cut at spaces; with no space at all, at the limit', () => {
    const words = Array.from({ length: 30 }, (_, index) => `word${index}`).join(' ');
    const bySpace = splitLongParagraphs([words], 50);
    expect(bySpace.every((piece) => piece.length <= 50 && !piece.startsWith(' '))).toBe(true);
    expect(bySpace.join(' ')).toBe(words);
    expect(splitLongParagraphs(['a'.repeat(120)], 50).map((piece) => piece.length)).toEqual([50, 50, 20]);
  });

  it('GIVEN a cut that would fall inside an emoji THEN the emoji stays whole', () => {
    const text = `${'a'.repeat(49)}🚋${'b'.repeat(10)}`;
    const pieces = splitLongParagraphs([text], 50);
    expect(pieces.join('')).toBe(text);
    expect(pieces.some((piece) => piece.includes('🚋'))).toBe(true);
  });

  it('GIVEN Japanese text, which ends sentences with 。 and no space THEN it is cut after a 。', () => {
    const sentence = '市議会は新しい路面電車の路線を承認した。';
    const pieces = splitLongParagraphs([sentence.repeat(10)], 50);
    expect(pieces.every((piece) => piece.endsWith('。') && piece.length <= 50)).toBe(true);
    expect(pieces.join('')).toBe(sentence.repeat(10));
  });
});
