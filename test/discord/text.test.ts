import { describe, expect, it } from 'vitest';
import {
  defuseMentions,
  escapeUntrusted,
  oneLine,
  splitEscaped,
  splitText,
  truncate,
  unescapeUntrusted,
} from '../../src/discord/text.ts';
import { seenAsUser } from '../support/discord-markdown.ts';
import { seededRandom } from '../support/random.ts';
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

describe('escapeUntrusted', () => {
  /** Pieces hostile text is made of: every Markdown mark Discord knows, mentions, links, words and line breaks. */
  const PIECES = [
    ...[
      '*',
      '**',
      '_',
      '__',
      '~~',
      '||',
      '`',
      '```',
      '# ',
      '## ',
      '-# ',
      '> ',
      '>>> ',
      '- ',
      '* ',
      '1. ',
      '2) ',
    ],
    ...[
      '[',
      ']',
      '(',
      ')',
      '<',
      '>',
      '\\',
      '@everyone',
      '@here',
      '<@123456789012345678>',
      '<@&223456789012345678>',
    ],
    ...[
      '<#323456789012345678>',
      '<t:1700000000:R>',
      '</ask:423456789012345678>',
      '<:wave:523456789012345678>',
    ],
    ...[
      'https://prize.example/claim',
      'http://x.example',
      ':',
      '//',
      'ferry',
      'tide',
      ' ',
      ' ',
      '\n',
      '\n\n',
    ],
  ];

  function hostile(random: () => number): string {
    const length = 1 + Math.floor(random() * 30);
    return Array.from({ length }, () => PIECES[Math.floor(random() * PIECES.length)] ?? '').join('');
  }

  it('GIVEN 500 random mixes of markup THEN a reader sees exactly the text, no markup, at most twice as long', () => {
    const random = seededRandom(13);
    for (let n = 0; n < 500; n++) {
      const text = hostile(random);
      const escaped = escapeUntrusted(text);
      const seen = seenAsUser(escaped);
      expect(seen.markup, JSON.stringify(text)).toEqual([]);
      expect(seen.text, JSON.stringify(text)).toBe(text);
      expect(escaped.length).toBeLessThanOrEqual(2 * text.length);
      expect(unescapeUntrusted(escaped)).toBe(text);
    }
  });

  it('GIVEN a long hostile text split to a limit THEN every chunk fits once escaped and together they read as the text', () => {
    const random = seededRandom(7);
    const text = Array.from({ length: 400 }, () => hostile(random)).join(' ');
    const chunks = splitEscaped(text, 1_000);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(1_000);
      expect(seenAsUser(chunk).markup).toEqual([]);
    }
    const squash = (value: string) => value.replace(/\s+/g, '');
    expect(squash(chunks.map((chunk) => seenAsUser(chunk).text).join(''))).toBe(squash(text));
  });
});

describe('truncate at a word boundary', () => {
  it('GIVEN a title longer than a modal title (45) THEN the cut ends after a whole word, with an ellipsis', () => {
    const title = 'Regierung beschließt neue Regeln für Mietwohnungen in Großstädten';
    const cut = truncate(title, 45);
    expect(cut.length).toBeLessThanOrEqual(45);
    expect(cut).toBe('Regierung beschließt neue Regeln für…');
    expect(title.startsWith(cut.slice(0, -1))).toBe(true);
    expect(title.charAt(cut.length - 1)).toBe(' ');
  });

  it('GIVEN a cut that falls right after a word THEN keeps that word', () => {
    expect(truncate('one two three four', 8)).toBe('one two…');
  });

  it('GIVEN text without spaces (one long word, or a script written without them) THEN cuts where the room ends', () => {
    expect(truncate(`a ${'b'.repeat(60)}`, 45)).toHaveLength(45);
    expect(truncate('東京都で新しい条例が可決されました。住民の反応はさまざまです。', 10)).toHaveLength(10);
  });
});

describe('direction controls in untrusted text', () => {
  it('GIVEN an override, embedding or isolate in a title, a note or a quote THEN it is dropped, so nothing after it reads reversed; right-to-left letters stay', () => {
    const hostile = 'invoice\u202Eexe.txt \u2067isolated\u2069 \u202Bembedded\u202C';
    for (const shown of [escapeUntrusted(hostile), oneLine(hostile)]) {
      expect(shown).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/u);
      expect(shown).toContain('invoiceexe.txt');
    }
    expect(escapeUntrusted('שלום עולם مرحبا')).toBe('שלום עולם مرحبا');
  });
});
