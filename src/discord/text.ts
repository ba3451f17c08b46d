/**
 * Text helpers for fitting prose into Discord's length limits. Lengths are JavaScript string lengths (UTF-16 code
 * units), which is never less than what Discord counts, and cuts never split a surrogate pair.
 */

const ELLIPSIS = '…';
const ZERO_WIDTH_SPACE = '\u200b';

/** Cuts `text` to at most `max` characters, ending in an ellipsis when it had to cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  return `${safeSlice(text, max - ELLIPSIS.length).trimEnd()}${ELLIPSIS}`;
}

/** The first `max` code units of `text`, one shorter when that would split a surrogate pair. */
export function safeSlice(text: string, max: number): string {
  const code = text.charCodeAt(max - 1);
  const endsInHighSurrogate = code >= 0xd800 && code <= 0xdbff;
  return text.slice(0, endsInHighSurrogate ? max - 1 : max);
}

/** Collapses whitespace runs (newlines included) to single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
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
