/**
 * Paragraphs longer than this are split at sentence boundaries when an article is stored (files, feeds and pages
 * alike). News paragraphs run to a few hundred characters and long-form ones rarely pass 2,000; a longer one is
 * a page or file that lost its paragraph breaks, or an attack: the offline answerer's work grows faster than a
 * paragraph's length (one 4.8 MB paragraph made one /ask take 252 s), and a citation quotes a whole sentence of
 * its paragraph either way.
 */
export const MAX_PARAGRAPH_CHARS = 4_000;

/** A piece shorter than this share of the limit is not worth a cut at a sentence end: look for a space instead. */
const MIN_PIECE_SHARE = 0.25;

/**
 * A sentence end: full stop, question or exclamation mark, ellipsis or a CJK full stop, optionally closed by a
 * quote or bracket, then white space (or, after a CJK stop, anything).
 */
const SENTENCE_END = /[.!?…]["'”’»)\]]*\s+|[。！？]["'”’」』)）]*\s*/g;

/** The position just after the last sentence end within text[0, limit), or -1. */
function lastSentenceEnd(text: string, limit: number): number {
  const window = text.slice(0, limit);
  let end = -1;
  SENTENCE_END.lastIndex = 0;
  for (let match = SENTENCE_END.exec(window); match; match = SENTENCE_END.exec(window)) {
    end = match.index + match[0].length;
  }
  return end;
}

/** Where to cut a text longer than maxChars: a sentence end, else a space, else at the limit itself. */
function cutPosition(text: string, maxChars: number): number {
  const minimum = Math.floor(maxChars * MIN_PIECE_SHARE);
  const sentence = lastSentenceEnd(text, maxChars);
  if (sentence >= minimum) return sentence;
  const space = text.lastIndexOf(' ', maxChars);
  if (space >= minimum) return space + 1;
  // Never between the two halves of a surrogate pair (an emoji, a CJK extension character).
  const code = text.charCodeAt(maxChars - 1);
  return code >= 0xd800 && code <= 0xdbff ? maxChars - 1 : maxChars;
}

function splitParagraph(paragraph: string, maxChars: number): string[] {
  const pieces: string[] = [];
  let rest = paragraph;
  while (rest.length > maxChars) {
    const cut = cutPosition(rest, maxChars);
    const piece = rest.slice(0, cut).trim();
    if (piece) pieces.push(piece);
    rest = rest.slice(cut);
  }
  const last = rest.trim();
  if (last) pieces.push(last);
  return pieces;
}

/**
 * Splits every paragraph over maxChars into pieces of at most maxChars, each ending at a sentence end where one
 * exists. Linear in the text's length; paragraphs within the limit are returned as they are (same array when
 * none is over, so a stored article's hash does not change).
 */
export function splitLongParagraphs(paragraphs: string[], maxChars = MAX_PARAGRAPH_CHARS): string[] {
  if (paragraphs.every((paragraph) => paragraph.length <= maxChars)) return paragraphs;
  return paragraphs.flatMap((paragraph) =>
    paragraph.length <= maxChars ? [paragraph] : splitParagraph(paragraph, maxChars),
  );
}
