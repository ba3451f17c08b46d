import { decodeHTML } from 'entities';
import { stripInvisible } from './invisible.ts';

/**
 * Runs of horizontal white space of every kind (including the non-breaking spaces `&nbsp;` decodes to) that are
 * not already one plain space: each becomes one. Plain single spaces, most of a text's white space, are left
 * alone rather than each replaced by itself, which made this step most of an article's parse.
 */
/** Every horizontal space but the plain one (a RegExp class body, shared by both alternatives below). */
const OTHER_HORIZONTAL_SPACE = '\\t\\v\\f\\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000';
const SPACE_TO_COLLAPSE = new RegExp(`[ ${OTHER_HORIZONTAL_SPACE}]{2,}|[${OTHER_HORIZONTAL_SPACE}]`, 'gu');
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/gu;
/** Sentence-final punctuation, optionally followed by closing quotes or brackets. */
const SENTENCE_END = /[.!?…:;。！？]["”’»)\]]*$/u;

export interface CleanLines {
  /** Trimmed lines; '' marks a paragraph break (blank line or a removed leftover). */
  readonly lines: string[];
  readonly controlCharactersRemoved: number;
}

/** Decodes entities and normalises line ends, spaces, invisible and control characters. */
export function cleanLines(text: string): CleanLines {
  const decoded = decodeHTML(text).replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n');
  let controlCharactersRemoved = 0;
  const visible = stripInvisible(decoded).replace(CONTROL, () => {
    controlCharactersRemoved += 1;
    return '';
  });
  // The white space collapsed is horizontal only, so collapsing the whole text before the split is the same.
  const lines = visible
    .replace(SPACE_TO_COLLAPSE, ' ')
    .split('\n')
    .map((line) => line.trim());
  return { lines, controlCharactersRemoved };
}

/**
 * Groups lines into paragraphs. Blank lines separate paragraphs; inside a block, a line break after
 * sentence-final punctuation starts a new paragraph (one paragraph per line, as scrapers write), while a break
 * mid-sentence is a hard wrap and is joined with a space. `standsAlone` marks lines (such as a category line)
 * that are never joined with their neighbours.
 */
export function toParagraphs(lines: readonly string[], standsAlone: (line: string) => boolean): string[] {
  const paragraphs: string[] = [];
  let current = '';
  // The paragraph so far ends as its last line does: testing that line, not the whole paragraph, keeps a
  // paragraph of a million short lines linear (the test on the growing paragraph made it quadratic).
  let lastLine = '';
  let currentStandsAlone = false;
  const flush = () => {
    if (current !== '') paragraphs.push(current);
    current = '';
  };
  for (const line of lines) {
    if (line === '') {
      flush();
      continue;
    }
    const alone = standsAlone(line);
    if (current !== '' && (alone || currentStandsAlone || SENTENCE_END.test(lastLine))) flush();
    current = current === '' ? line : `${current} ${line}`;
    lastLine = line;
    currentStandsAlone = alone;
  }
  flush();
  return paragraphs;
}
