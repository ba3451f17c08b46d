/*
 * Every fixed phrase the extractive engine writes, in one place, so a message catalogue can replace them (the
 * reply language is English for now; quoted sentences always stay as the article wrote them).
 */
const MAX_RESTATED_CHARS = 120;
const WH_QUESTION = /^(?:what|who|whom|whose|when|where|why|how|which)\b/iu;

export const PHRASES = {
  doesNotSay: (restated: string) => `The article does not say ${restated}.`,
  doesNotAnswer: (question: string) => `The article does not answer “${question}”.`,
  covers: (title: string, topics: readonly string[]) =>
    topics.length > 0 ? `It covers: ${title} — ${joinList(topics)}.` : `It covers: ${title}.`,
  emptyArticle: 'The article has no text to summarise.',
} as const;

/** "The article does not say <question restated>. It covers: <title> — <topics>." */
export function refusalText(question: string, title: string, topics: readonly string[]): string {
  const cleaned = shorten(question.replace(/\s+/gu, ' ').trim());
  const bare = cleaned.replace(/[?？!.。\s]+$/u, '');
  const opening =
    WH_QUESTION.test(bare) && bare.length > 0
      ? PHRASES.doesNotSay(`${bare.charAt(0).toLowerCase()}${bare.slice(1)}`)
      : PHRASES.doesNotAnswer(cleaned);
  return `${opening} ${PHRASES.covers(title.trim(), topics)}`;
}

function shorten(text: string): string {
  if (text.length <= MAX_RESTATED_CHARS) return text;
  const cut = text.slice(0, MAX_RESTATED_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1))}…`;
}

function joinList(items: readonly string[]): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
