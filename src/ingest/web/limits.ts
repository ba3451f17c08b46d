import type { DomNode } from './paragraphs.ts';

/**
 * Caps on what Readability is given. Its cost grows much faster than the page: 2,000 nested <div>s (22 KB) took
 * 82 s, 10,000 plain paragraphs 11 s. Measured on this machine, a page within both caps stays under 2 s of CPU;
 * real news pages nest 15–40 deep and carry 1,000–4,000 elements once scripts, styles and SVG are gone.
 */
export const MAX_NESTING_DEPTH = 48;
/** linkedom's parser slows down with depth (40,000 deep: 0.6 s, 100,000: several s); real pages are far below. */
export const MAX_MARKUP_DEPTH = 256;
export const MAX_PAGE_ELEMENTS = 6_000;

const ELEMENT_NODE = 1;
const COMMENT_NODE = 8;

/** Never prose, often most of a page's elements (an inline SVG icon set alone can be thousands). */
const STRIPPED_TAGS = new Set('SCRIPT STYLE NOSCRIPT TEMPLATE SVG IFRAME OBJECT EMBED CANVAS'.split(' '));

/** A page that is still too big for Readability once its non-prose elements are gone. */
export class PageTooComplexError extends Error {
  constructor(elements: number, limit: number) {
    super(
      `the page has ${elements} elements besides scripts and styles, over the ${limit} newsdesk ` +
        'reads; it was not read as an article (if it is one, ingest its feed text or save it as a file)',
    );
    this.name = 'PageTooComplexError';
  }
}

const VOID_TAGS = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '));
const TAG = /<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g;

/**
 * Removes the tags nested deeper than MAX_MARKUP_DEPTH from the markup, keeping their text, before the page is
 * parsed: one linear pass over the string. Depth is counted from the tags as written; a stray closing tag only
 * makes the count lower, never the work bigger.
 */
export function capMarkupNesting(html: string, maxDepth = MAX_MARKUP_DEPTH): string {
  let depth = 0;
  let deepest = 0;
  const capped = html.replace(TAG, (tag, closing: string, name: string, selfClosing: string) => {
    if (VOID_TAGS.has(name.toLowerCase()) || selfClosing) return tag;
    if (closing) {
      depth = Math.max(0, depth - 1);
      return depth >= maxDepth ? '' : tag;
    }
    depth++;
    deepest = Math.max(deepest, depth);
    return depth > maxDepth ? '' : tag;
  });
  return deepest > maxDepth ? capped : html;
}

export interface MutableNode extends DomNode {
  readonly parentNode: MutableNode | null;
  textContent: string | null;
  remove(): void;
}

/** JSON-LD is kept: Readability reads the title, author and date from it. */
function isStripped(node: MutableNode): boolean {
  if (!STRIPPED_TAGS.has(node.nodeName.toUpperCase())) return false;
  return !(node.nodeName.toUpperCase() === 'SCRIPT' && node.getAttribute?.('type') === 'application/ld+json');
}

/**
 * Makes the parsed page safe and cheap for Readability, in one pass without recursion (a hostile page may nest a
 * million deep): drops scripts, styles and SVG; drops comments, which would otherwise split a sentence into
 * one-word paragraphs (Readability wraps runs of inline content and a comment ends a run); and turns anything
 * nested deeper than MAX_NESTING_DEPTH into its plain text. Throws PageTooComplexError when more than
 * `maxElements` remain.
 */
export function preparePage(root: MutableNode, maxElements = MAX_PAGE_ELEMENTS): void {
  const stack: Array<{ node: MutableNode; depth: number }> = [{ node: root, depth: 0 }];
  let elements = 0;
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const { node, depth } = entry;
    if (node.nodeType === COMMENT_NODE) {
      node.remove();
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    if (isStripped(node)) {
      node.remove();
      continue;
    }
    elements++;
    if (depth >= MAX_NESTING_DEPTH) {
      // Its text stays; the structure Readability would walk again and again does not.
      node.textContent = node.textContent ?? '';
      continue;
    }
    const children = Array.from(node.childNodes as ArrayLike<MutableNode>);
    for (let index = children.length - 1; index >= 0; index--) {
      const child = children[index];
      if (child) stack.push({ node: child, depth: depth + 1 });
    }
  }
  if (elements > maxElements) throw new PageTooComplexError(elements, maxElements);
}
