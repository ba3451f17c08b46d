import { describe, expect, it } from 'vitest';
import { defuseMentions, splitText, truncate } from '../../src/discord/text.ts';
import { longProse } from './support/replies.ts';

describe('truncate', () => {
  it('GIVEN text within the limit THEN returns it unchanged', () => {
    expect(truncate('short', 10)).toBe('short');
  });

  it('GIVEN text over the limit THEN cuts it to the limit with an ellipsis', () => {
    const cut = truncate('a'.repeat(300), 256);
    expect(cut).toHaveLength(256);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('GIVEN an emoji straddling the cut THEN never leaves half a surrogate pair', () => {
    const cut = truncate(`${'a'.repeat(98)}😀😀😀`, 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('splitText', () => {
  it('GIVEN paragraphs that fit together THEN keeps them in one chunk', () => {
    expect(splitText('One.\n\nTwo.', 100)).toEqual(['One.\n\nTwo.']);
  });

  it('GIVEN a long answer THEN every chunk fits and ends at a paragraph or sentence end', () => {
    const text = longProse(5_000);
    const chunks = splitText(text, 2_000);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(2_000);
      expect(chunk).toMatch(/\.$/);
    }
  });

  it('GIVEN a long answer THEN no word is lost or duplicated by splitting', () => {
    const text = longProse(9_000);
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    expect(words(splitText(text, 1_000).join(' '))).toEqual(words(text));
  });

  it('GIVEN one sentence longer than the limit THEN splits it between words', () => {
    const chunks = splitText('word '.repeat(100).trim(), 42);
    expect(chunks.every((chunk) => chunk.length <= 42 && !chunk.startsWith('ord'))).toBe(true);
  });

  it('GIVEN one unbroken token longer than the limit THEN hard-cuts it', () => {
    expect(splitText('x'.repeat(250), 100)).toEqual(['x'.repeat(100), 'x'.repeat(100), 'x'.repeat(50)]);
  });

  it('GIVEN empty or blank text THEN gives no chunks', () => {
    expect(splitText('', 100)).toEqual([]);
    expect(splitText(' \n\n ', 100)).toEqual([]);
  });
});

describe('defuseMentions', () => {
  it('GIVEN @everyone, @here and a user mention THEN none of them can render as a mention', () => {
    const defused = defuseMentions('@everyone @here <@123456789012345678> <@&123456789012345678>');
    expect(defused).not.toMatch(/@everyone|@here|<@\d|<@&\d/);
  });
});
