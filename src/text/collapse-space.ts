/**
 * White space that is not already one plain space: a run of two or more characters, or one tab, line break or
 * other space. Replacing only these leaves single plain spaces (most of a text's white space) alone; `/\s+/g`
 * matched and replaced each of them by itself, four times the cost on a page's paragraphs.
 */
const SPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g;

/** The text with every run of white space as one plain space, trimmed: what `text.replace(/\s+/g, ' ').trim()` gives. */
export function collapseSpace(text: string): string {
  return text.replace(SPACE_TO_COLLAPSE, ' ').trim();
}
