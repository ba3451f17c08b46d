/**
 * A copy of a word that does not hold on to the text it was cut from. V8 makes a cut of 13 characters or more a
 * view into the whole string, so a remembered word would keep its article (up to 100,000 characters) alive: a feed
 * of long articles, each with a new long word, would fill the worker's heap with texts nobody uses. Prepending a
 * character forces a fresh flat copy; cutting it off again keeps only that copy alive.
 */
export function detached(word: string): string {
  return word.length < 13 ? word : ` ${word}`.slice(1);
}
