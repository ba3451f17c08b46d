import type { MutableNode } from './dom.ts';

/**
 * Caps on what Readability is given. Its cost grows much faster than the page: 2,000 nested <div>s (22 KB) took
 * 82 s, 10,000 plain paragraphs 11 s. Measured on this machine, a page within both caps stays under 2 s of CPU;
 * real news pages nest 15–40 deep and carry 1,000–4,000 elements once scripts, styles and SVG are gone.
 */
export const MAX_NESTING_DEPTH = 48;
/** linkedom's parser slows down with depth (40,000 deep: 0.6 s, 100,000: several s); real pages are far below. */
export const MAX_MARKUP_DEPTH = 256;
export const MAX_PAGE_ELEMENTS = 6_000;
/**
 * Characters linkedom handles one by one: "<" and "&" when parsing (checkMarkupCost), "<", ">" and "&" in text
 * whenever Readability serialises the page (400,000 of them: 0.4 s per serialisation, and it serialises several
 * times). Prose has a few dozen; a page of code listings a few thousand.
 */
export const MAX_ESCAPED_CHARS = 50_000;

export interface PageLimits {
  readonly maxElements: number;
  readonly maxEscapedChars: number;
}

const PAGE_LIMITS: PageLimits = { maxElements: MAX_PAGE_ELEMENTS, maxEscapedChars: MAX_ESCAPED_CHARS };

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const COMMENT_NODE = 8;

/** Never prose, often most of a page's elements (an inline SVG icon set alone can be thousands). */
const STRIPPED_TAGS = new Set('SCRIPT STYLE NOSCRIPT TEMPLATE SVG IFRAME OBJECT EMBED CANVAS'.split(' '));

/** A page that is still too big for Readability once its non-prose elements are gone. */
export class PageTooComplexError extends Error {
  constructor(what: string) {
    super(`the HTML has ${what}; it was not read as an article (if it is one, save its text as a file)`);
    this.name = 'PageTooComplexError';
  }
}

const VOID_TAGS = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '));
/**
 * A start or end tag. Its attributes may not contain "<", so a failed match stops at the next "<": "<a<a<a…" with
 * no ">" costs one pass, not one pass per "<" (a tag with "<" in an attribute is just not counted).
 */
const TAG = /<(\/?)([a-zA-Z][\w:-]*)[^<>]*>/g;

/**
 * Removes the tags nested deeper than MAX_MARKUP_DEPTH from the markup, keeping their text, before the page is
 * parsed: one linear pass over the string. Depth is counted from the tags as written; a stray closing tag only
 * makes the count lower, never the work bigger.
 */
export function capMarkupNesting(html: string, maxDepth = MAX_MARKUP_DEPTH): string {
  let depth = 0;
  let deepest = 0;
  const capped = html.replace(TAG, (tag, closing: string, name: string) => {
    if (VOID_TAGS.has(name.toLowerCase()) || tag.endsWith('/>')) return tag;
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

/** "<" followed by a letter, "/", "!" or "?" may start markup; any other "<" is text (HTML spec). */
function startsMarkup(code: number): boolean {
  const letter = (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
  return letter || code === 0x2f || code === 0x21 || code === 0x3f;
}

/**
 * Refuses, before parsing, markup whose text is mostly characters the parser handles one at a time: linkedom makes
 * every "<" that starts no tag a text node of its own (4 MB of them: over a minute) and decodes every entity
 * separately (400,000 "&lt;": 1.8 s). Counts stray "<" and every "&"; links' "&amp;" in real pages stay far below.
 */
export function checkMarkupCost(html: string, maxChars = MAX_ESCAPED_CHARS): void {
  let count = 0;
  for (let index = 0; index < html.length; index++) {
    const code = html.charCodeAt(index);
    if (code === 0x26 || (code === 0x3c && !startsMarkup(html.charCodeAt(index + 1)))) count++;
  }
  if (count > maxChars)
    throw new PageTooComplexError(
      `${count} "&" and stray "<" characters, over the ${maxChars} newsdesk reads`,
    );
}

function escapedChars(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x3c || code === 0x3e || code === 0x26) count++;
  }
  return count;
}

/**
 * Removes an element's comments and merges the runs of text around them into one text node (4 MB of "<" parses
 * into millions of one-character text nodes, which Readability would walk one by one). Returns the element
 * children, the ones left to visit.
 */
function tidyChildren(node: MutableNode, counts: { escaped: number }): MutableNode[] {
  const elements: MutableNode[] = [];
  let text: { node: MutableNode; parts: string[] } | null = null;
  const endRun = () => {
    if (text && text.parts.length > 1) text.node.textContent = text.parts.join('');
    text = null;
  };
  for (const child of Array.from(node.childNodes as ArrayLike<MutableNode>)) {
    if (child.nodeType === COMMENT_NODE) {
      child.remove();
    } else if (child.nodeType !== TEXT_NODE) {
      endRun();
      if (child.nodeType === ELEMENT_NODE) elements.push(child);
    } else {
      const value = child.textContent ?? '';
      counts.escaped += escapedChars(value);
      if (text) {
        text.parts.push(value);
        child.remove();
      } else {
        text = { node: child, parts: [value] };
      }
    }
  }
  endRun();
  return elements;
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
 * nested deeper than MAX_NESTING_DEPTH into its plain text. Throws PageTooComplexError when more elements or
 * escaped characters remain than `limits` allow.
 */
export function preparePage(root: MutableNode, limits: PageLimits = PAGE_LIMITS): void {
  const stack: Array<{ node: MutableNode; depth: number }> = [{ node: root, depth: 0 }];
  const counts = { elements: 0, escaped: 0 };
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const { node, depth } = entry;
    if (isStripped(node)) {
      node.remove();
      continue;
    }
    counts.elements++;
    if (depth >= MAX_NESTING_DEPTH) {
      // Its text stays; the structure Readability would walk again and again does not.
      const text = node.textContent ?? '';
      counts.escaped += escapedChars(text);
      node.textContent = text;
      continue;
    }
    const children = tidyChildren(node, counts);
    for (let index = children.length - 1; index >= 0; index--) {
      const child = children[index];
      if (child) stack.push({ node: child, depth: depth + 1 });
    }
  }
  if (counts.elements > limits.maxElements) {
    throw new PageTooComplexError(
      `${counts.elements} elements besides scripts and styles, over the ${limits.maxElements} newsdesk reads`,
    );
  }
  if (counts.escaped > limits.maxEscapedChars) {
    throw new PageTooComplexError(
      `${counts.escaped} "<", ">" and "&" characters in its text, over the ${limits.maxEscapedChars} newsdesk reads`,
    );
  }
}
