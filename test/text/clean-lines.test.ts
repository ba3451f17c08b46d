import { expect, it } from 'vitest';
import { collapseSpace } from '../../src/text/collapse-space.ts';
import { cleanLines } from '../../src/text/paragraphs.ts';

/** What cleaning does to white space, written the slow, obvious way: each line's runs become one space, trimmed. */
function referenceLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/gu, ' ').trim());
}

/** Every horizontal space cleaning collapses, each on its own. */
const HORIZONTAL_SPACES = [
  '\t',
  '\v',
  '\f',
  '\u00a0',
  '\u1680',
  ...Array.from({ length: 11 }, (_, i) => String.fromCharCode(0x2000 + i)),
  '\u202f',
  '\u205f',
  '\u3000',
];

/** A deterministic random text of letters, every kind of horizontal space, and line breaks. */
function spaceyText(seed: number, length: number): string {
  const alphabet = ['a', 'b', 'é', '\n', '\u180e', ' ', ' ', ...HORIZONTAL_SPACES];
  let state = seed;
  let text = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    text += alphabet[state % alphabet.length];
  }
  return text;
}

it('GIVEN texts mixing every kind of horizontal space with letters and line breaks THEN each line’s runs of space become one plain space, trimmed, as line by line', () => {
  for (let seed = 1; seed <= 2_000; seed++) {
    const text = spaceyText(seed, 1 + (seed % 97));
    expect(cleanLines(text).lines, JSON.stringify(text)).toEqual(referenceLines(text));
  }
});

it('GIVEN single plain spaces only THEN the words keep them, and non-breaking or wide spaces alone become plain ones', () => {
  expect(cleanLines('The tide  turned\u00a0at\u3000dawn.\n\t Boats came in. ').lines).toEqual([
    'The tide turned at dawn.',
    'Boats came in.',
  ]);
});

it('GIVEN a hostile 4 MB line of alternating spaces and tabs THEN it collapses to nothing, well inside the test timeout', () => {
  expect(cleanLines(`x${' \t'.repeat(2_000_000)}y`).lines).toEqual(['x y']);
});

it('GIVEN texts mixing spaces, tabs, line breaks and Unicode spaces THEN collapseSpace gives what replacing every \\s+ run with one space and trimming gives', () => {
  // Every character \s matches, and some that look like space but are not (\u0085, \u180e, \u200b).
  const alphabet = ['a', 'b', ' ', ' ', '\n', '\r', '\u2028', '\u2029', '\ufeff', ...HORIZONTAL_SPACES];
  alphabet.push('\u0085', '\u180e', '\u200b');
  for (let seed = 1; seed <= 2_000; seed++) {
    let state = seed;
    let text = '';
    for (let i = 0; i < 1 + (seed % 61); i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      text += alphabet[state % alphabet.length];
    }
    expect(collapseSpace(text), JSON.stringify(text)).toBe(text.replace(/\s+/g, ' ').trim());
  }
});
