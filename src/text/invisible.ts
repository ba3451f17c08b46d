/**
 * Characters with no width that only confuse matching and search: the soft hyphen, zero-width space, word joiner
 * and the invisible operators, and the byte-order mark. They are removed wherever text is cleaned or compared.
 * Joiners (U+200C/U+200D) and direction marks are not among them: they change how the letters and emoji around
 * them are drawn, so text that is shown keeps them (for comparing words they separate, like any non-letter).
 */
export const INVISIBLE_CHARACTERS = /[\u00ad\u200b\u2060-\u2064\ufeff]/gu;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE_CHARACTERS, '');
}
