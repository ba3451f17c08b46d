import { parseHTML } from 'linkedom';
import { collapseSpace } from '../../text/collapse-space.ts';
import type { DomNode, MutableNode } from './dom.ts';
import { capMarkupNesting, checkMarkupCost, preparePage } from './limits.ts';

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/**
 * Elements whose text is never article prose. Figures and their captions stay out of the body: a caption
 * describes a picture the reader of a Discord reply never sees and usually carries a photo credit; quoted as an
 * answer it reads as a statement of the story ("Crowds on the square on Sunday. Photo: agency").
 */
const DROPPED_TAGS = new Set(
  (
    'SCRIPT STYLE NOSCRIPT TEMPLATE IFRAME OBJECT EMBED SVG CANVAS FORM BUTTON INPUT SELECT TEXTAREA ' +
    'NAV ASIDE FIGURE FIGCAPTION PICTURE VIDEO AUDIO HEAD'
  ).split(' '),
);

/** Elements that start and end a paragraph; everything else is inline and joins the text around it. */
const BLOCK_TAGS = new Set(
  (
    'P DIV SECTION ARTICLE MAIN HEADER FOOTER H1 H2 H3 H4 H5 H6 UL OL LI DL DT DD BLOCKQUOTE PRE ' +
    'TABLE THEAD TBODY TR TD TH CAPTION ADDRESS DETAILS SUMMARY HR BR BODY CENTER'
  ).split(' '),
);

/** class/id words that mark page furniture: share bars, ads, comment threads, related links, sign-up boxes. */
const FURNITURE =
  /(^|[\s_-])(share|sharing|sharedaddy|social|related|comments?|advert|advertisement|ads?|promo|newsletter|subscribe|sponsored|breadcrumbs?|cookies?|popup|paywall|outbrain|taboola)([\s_-]|$)/i;

/** Captions outside a <figure> (a div or paragraph under the photo), marked by their class or id. */
const CAPTION = /(^|[\s_-])(caption|captions|credit|credits|photo-?credit|image-?credit)([\s_-]|$)/i;

function marker(element: DomNode): string {
  return `${element.getAttribute?.('class') ?? ''} ${element.getAttribute?.('id') ?? ''}`;
}

/**
 * Furniture is a small part of the article: an element holding more than this share of the article's text is
 * read whatever its class or id says (a story body whose id happens to contain "share" or "comments").
 */
const FURNITURE_MAX_TEXT_SHARE = 0.5;
/** A caption-marked element longer than this is prose that happens to sit in a captioned box. */
const MAX_CAPTION_CHARS = 300;

class ParagraphCollector {
  readonly paragraphs: string[] = [];
  private buffer = '';

  constructor(private readonly articleChars: number) {}

  text(value: string): void {
    this.buffer += value;
  }

  flush(): void {
    const paragraph = collapseSpace(this.buffer);
    if (paragraph) this.paragraphs.push(paragraph);
    this.buffer = '';
  }

  /** Measured only for elements whose class or id looks like furniture, so the walk stays linear on real pages. */
  private isFurniture(element: DomNode): boolean {
    if (element.getAttribute?.('aria-hidden') === 'true') return true;
    const words = marker(element);
    const furniture = FURNITURE.test(words);
    if (!furniture && !CAPTION.test(words)) return false;
    const chars = collapseSpace(element.textContent ?? '').length;
    if (furniture) return chars <= this.articleChars * FURNITURE_MAX_TEXT_SHARE;
    return chars <= MAX_CAPTION_CHARS;
  }

  walk(node: DomNode): void {
    if (node.nodeType === TEXT_NODE) {
      this.text(node.textContent ?? '');
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const tag = node.nodeName.toUpperCase();
    if (DROPPED_TAGS.has(tag) || this.isFurniture(node)) return;
    const block = BLOCK_TAGS.has(tag);
    if (block) this.flush();
    // Read once: linkedom builds childNodes anew on every access, so indexing it in the loop is quadratic.
    const children = node.childNodes;
    for (let index = 0; index < children.length; index++) {
      const child = children[index];
      if (child) this.walk(child);
    }
    if (block) this.flush();
  }
}

/** Paragraphs of an element's text, one per block element, without scripts, navigation or page furniture. */
export function paragraphsOf(root: DomNode): string[] {
  const collector = new ParagraphCollector(collapseSpace(root.textContent ?? '').length);
  collector.walk(root);
  collector.flush();
  return collector.paragraphs;
}

/** Feed HTML is not read by Readability: only its nesting needs a cap. */
const NO_SIZE_LIMITS = { maxElements: Number.POSITIVE_INFINITY, maxEscapedChars: Number.POSITIVE_INFINITY };

/** A byline ends without a sentence's full stop; "Ana Ruiz said the vote was close." is prose, not a byline. */
const SENTENCE_END = /[.!?…]["'”’)\]]*$/;
/** Room for "By", "Von", a role or an agency around the name Readability reports. */
const BYLINE_EXTRA_CHARS = 40;

const bylineKey = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Drops the paragraphs that are the byline Readability reports (from the page's author markup, meta tags or
 * JSON-LD): short, unpunctuated, and containing the name (or contained in it).
 */
export function withoutByline(paragraphs: string[], byline: string | null): string[] {
  const name = byline ? bylineKey(byline) : '';
  if (name.length < 3) return paragraphs;
  return paragraphs.filter((paragraph) => {
    if (paragraph.length > name.length + BYLINE_EXTRA_CHARS || SENTENCE_END.test(paragraph)) return true;
    const key = bylineKey(paragraph);
    const contained = name.includes(key) && key.length * 2 >= name.length;
    return !(key.length >= 3 && (key.includes(name) || contained));
  });
}

/** Paragraphs of plain text: blank lines separate them, other whitespace collapses. */
export function textParagraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\n/)
    .map(collapseSpace)
    .filter(Boolean);
}

/** Paragraphs of an HTML fragment (a feed's content:encoded, an Atom content, a JSON Feed content_html). */
export function htmlParagraphs(html: string): string[] {
  if (!/<[a-z!/]/i.test(html)) return textParagraphs(html);
  checkMarkupCost(html); // the parser's cost, as for pages
  const { document } = parseHTML(`<!doctype html><html><body>${capMarkupNesting(html)}</body></html>`);
  // Not read by Readability, so only the nesting is capped (the walk below recurses once per level).
  preparePage(document.documentElement as unknown as MutableNode, NO_SIZE_LIMITS);
  return paragraphsOf(document.body as unknown as DomNode);
}
