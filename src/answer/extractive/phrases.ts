import { primaryLanguage, translate } from '../../core/i18n/index.ts';
import { collapseSpace } from '../../text/collapse-space.ts';

/*
 * Every fixed phrase the extractive engine writes comes from the message catalogue (src/core/i18n), in the reply
 * language; quoted sentences always stay as the article wrote them.
 */
const MAX_RESTATED_CHARS = 120;
const WH_QUESTION = /^(?:what|who|whom|whose|when|where|why|how|which)\b/iu;

/** "The article has no text to summarise.", in the reply language. */
export function emptyArticleText(language = 'en'): string {
  return translate(language, 'offline.empty-article');
}

/** "The article does not say <question restated>. It covers: <title> — <topics>." */
export function refusalText(
  question: string,
  title: string,
  topics: readonly string[],
  language = 'en',
): string {
  const cleaned = shorten(collapseSpace(question));
  const bare = cleaned.replace(/[?？!.。\s]+$/u, '');
  // Restating the question inside the sentence only works in English word order; other languages quote it.
  const restate = primaryLanguage(language) === 'en' && WH_QUESTION.test(bare) && bare.length > 0;
  const opening = restate
    ? translate(language, 'offline.does-not-say', {
        restated: `${bare.charAt(0).toLowerCase()}${bare.slice(1)}`,
      })
    : translate(language, 'offline.does-not-answer', { question: cleaned });
  const covers =
    topics.length > 0
      ? translate(language, 'offline.covers', { title: title.trim(), topics: joinList(topics, language) })
      : translate(language, 'offline.covers-title', { title: title.trim() });
  return `${opening} ${covers}`;
}

function shorten(text: string): string {
  if (text.length <= MAX_RESTATED_CHARS) return text;
  const cut = text.slice(0, MAX_RESTATED_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1))}…`;
}

/** "a, b and c" in English (no serial comma); the language's own list form elsewhere. */
function joinList(items: readonly string[], language: string): string {
  if (items.length < 2) return items.join('');
  if (primaryLanguage(language) === 'en') return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
  try {
    return new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}
