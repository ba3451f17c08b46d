import { collapseSpace } from '../text/collapse-space.ts';

/**
 * Text helpers for fitting prose into Discord's length limits. Lengths are JavaScript string lengths (UTF-16 code
 * units), which is never less than what Discord counts, and cuts never split a surrogate pair.
 */

const ELLIPSIS = '…';
const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Cuts `text` to at most `max` characters, ending in an ellipsis when it had to cut. The cut ends at a word
 * boundary (the last space within the room) unless that would drop more than half of it: one long word, or
 * scripts written without spaces, are cut where the room ends.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  return `${atWordBoundary(text, safeSlice(text, max - ELLIPSIS.length)).trimEnd()}${ELLIPSIS}`;
}

/** `cut` (a prefix of `text`) shortened to end with a whole word, when a space leaves at least half of it. */
function atWordBoundary(text: string, cut: string): string {
  if (/\s/u.test(text.charAt(cut.length))) return cut;
  const lastSpace = cut.search(/\s\S*$/u);
  return lastSpace >= cut.length / 2 ? cut.slice(0, lastSpace) : cut;
}

/** The first `max` code units of `text`, one shorter when that would split a surrogate pair. */
export function safeSlice(text: string, max: number): string {
  const code = text.charCodeAt(max - 1);
  const endsInHighSurrogate = code >= 0xd800 && code <= 0xdbff;
  return text.slice(0, endsInHighSurrogate ? max - 1 : max);
}

/** Collapses whitespace runs (newlines included) to single spaces. */
export function oneLine(text: string): string {
  return collapseSpace(withoutBidiControls(text));
}

/**
 * Embeddings, overrides and isolates (U+202A–202E, U+2066–2069) let untrusted text reorder what is shown after
 * it ("‮txt.exe" reads as "exe.txt"), the bot's own words included: they are dropped from everything shown that is
 * not the bot's. (Right-to-left text needs none of them: its direction comes from its letters.)
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/gu;

export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * Breaks mass mentions and user/role mention syntax so quoted text cannot even look like a ping. The client's
 * `allowedMentions: { parse: [] }` is what stops the ping; this keeps the message honest to read.
 */
export function defuseMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<@([!&]?\d+)>/g, `<@${ZERO_WIDTH_SPACE}$1>`);
}

const sentenceSegmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });

/** Splits a piece that is too long: sentences first, then words, then hard cuts. Separators stay attached. */
function breakDown(piece: string, limit: number): string[] {
  if (piece.length <= limit) return [piece];
  const sentences = Array.from(sentenceSegmenter.segment(piece), (s) => s.segment);
  if (sentences.length > 1) return sentences.flatMap((sentence) => breakDown(sentence, limit));
  const words = piece.match(/\S+\s*/g) ?? [piece];
  if (words.length > 1) return words.flatMap((word) => breakDown(word, limit));
  const cuts: string[] = [];
  for (let rest = piece; rest.length > 0; ) {
    const cut = safeSlice(rest, limit);
    cuts.push(cut);
    rest = rest.slice(cut.length);
  }
  return cuts;
}

/**
 * Splits `text` into chunks of at most `limit` characters, preferring paragraph boundaries, then sentence
 * boundaries, then word boundaries. Chunks are trimmed; no chunk is empty.
 */
export function splitText(text: string, limit: number): string[] {
  // Split after each blank-line run, keeping the newlines on the paragraph they end.
  const paragraphs = text.split(/(?<=\n\n)(?=[^\n])/);
  const pieces = paragraphs.flatMap((paragraph) => breakDown(paragraph, limit));
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current.length + piece.length > limit && current.trim()) {
      chunks.push(current.trim());
      current = '';
    }
    current += piece;
  }
  if (current.trim()) chunks.push(current.trim());
  return chunks;
}

/** Marks that mean something anywhere in a line: emphasis, underline, strike, spoiler, code, masked links, mentions. */
const INLINE_MARKUP = /[\\*_~|`[\]<]/g;
/** Marks that mean something at the start of a line: headings and subtext, block quotes, list items. */
const LINE_START_MARKUP = /^([ \t]*)([#>+-]|\d+(?=[.)]))/gm;
/** `scheme://`: Discord turns it into a link wherever it starts; `scheme\://` shows the same characters, unlinked. */
const AUTO_LINK = /:(?=\/\/)/g;
const MASS_MENTION = /@(everyone|here)/gi;

/**
 * Text that is not the bot's own wording (answers, quotes, titles, echoed questions, digest lines), made to read
 * exactly as written and to mean nothing to Discord's Markdown: every mark is backslash-escaped, so a reader sees
 * `[claim your prize](http://…)` as those characters, never a masked link, heading, spoiler, code block, quote,
 * list, mention or link. It escapes, never strips; the result is longer (at most twice the input), so measure
 * lengths after escaping. Only for places Discord renders Markdown (content, embed title/description/fields);
 * footers, button labels and modal titles show backslashes literally and render no Markdown anyway.
 */
export function escapeUntrusted(text: string): string {
  return withoutBidiControls(text)
    .replace(INLINE_MARKUP, '\\$&')
    .replace(LINE_START_MARKUP, (_match, indent: string, mark: string) =>
      /^\d/.test(mark) ? `${indent}${mark}\\` : `${indent}\\${mark}`,
    )
    .replace(AUTO_LINK, '\\:')
    .replace(MASS_MENTION, '\\@$1');
}

/** The text escapeUntrusted was given: every backslash it wrote precedes one character, and its own are doubled. */
export function unescapeUntrusted(escaped: string): string {
  return escaped.replace(/\\([\s\S])/g, '$1');
}

/**
 * Untrusted text, escaped, then cut to `max` characters: the length Discord counts is the escaped one. Only the
 * first `max + 1` characters are escaped (escaping never shortens), so a megabyte title costs what a short one does.
 */
export function escapeWithin(text: string, max: number): string {
  return truncate(escapeUntrusted(text.length > max ? safeSlice(text, max + 1) : text), max);
}

/**
 * Untrusted text as escaped chunks of at most `limit` characters each, split as splitText splits (paragraphs,
 * sentences, words). Each chunk is escaped on its own, since each starts a new message or embed (a line start).
 * A chunk whose escaping made it too long is split again, finer, until it fits.
 */
export function splitEscaped(text: string, limit: number): string[] {
  return splitText(text, limit).flatMap((chunk) => fitEscaped(chunk, limit));
}

function fitEscaped(chunk: string, limit: number): string[] {
  const escaped = escapeUntrusted(chunk);
  if (escaped.length <= limit) return [escaped];
  if (chunk.length <= 1) return [truncate(escaped, limit)];
  // Escaping at most doubles the text, so this raw limit is always shorter than the chunk: the recursion ends.
  const rawLimit = Math.max(1, Math.floor((chunk.length * limit) / escaped.length));
  return splitText(chunk, rawLimit).flatMap((piece) => fitEscaped(piece, limit));
}
