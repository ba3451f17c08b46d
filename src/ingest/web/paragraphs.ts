import { parseHTML } from 'linkedom';

/**
 * The slice of the DOM this module reads. linkedom implements it; the project compiles without the DOM lib, so
 * the shape is spelled out here rather than borrowed from lib.dom.d.ts.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Elements whose text is never article prose. */
const DROPPED_TAGS = new Set(
  (
    'SCRIPT STYLE NOSCRIPT TEMPLATE IFRAME OBJECT EMBED SVG CANVAS FORM BUTTON INPUT SELECT TEXTAREA ' +
    'NAV ASIDE FIGURE VIDEO AUDIO HEAD'
  ).split(' '),
);

/** Elements that start and end a paragraph; everything else is inline and joins the text around it. */
const BLOCK_TAGS = new Set(
  (
    'P DIV SECTION ARTICLE MAIN HEADER FOOTER H1 H2 H3 H4 H5 H6 UL OL LI DL DT DD BLOCKQUOTE PRE ' +
    'TABLE THEAD TBODY TR TD TH CAPTION ADDRESS DETAILS SUMMARY FIGCAPTION HR BR BODY CENTER'
  ).split(' '),
);

/** class/id words that mark page furniture: share bars, ads, comment threads, related links, sign-up boxes. */
const FURNITURE =
  /(^|[\s_-])(share|sharing|sharedaddy|social|related|comments?|advert|advertisement|ads?|promo|newsletter|subscribe|sponsored|breadcrumbs?|cookies?|popup|paywall|outbrain|taboola)([\s_-]|$)/i;

function isFurniture(element: DomNode): boolean {
  const marker = `${element.getAttribute?.('class') ?? ''} ${element.getAttribute?.('id') ?? ''}`;
  return FURNITURE.test(marker) || element.getAttribute?.('aria-hidden') === 'true';
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

class ParagraphCollector {
  readonly paragraphs: string[] = [];
  private buffer = '';

  text(value: string): void {
    this.buffer += value;
  }

  flush(): void {
    const paragraph = collapse(this.buffer);
    if (paragraph) this.paragraphs.push(paragraph);
    this.buffer = '';
  }

  walk(node: DomNode): void {
    if (node.nodeType === TEXT_NODE) {
      this.text(node.textContent ?? '');
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const tag = node.nodeName.toUpperCase();
    if (DROPPED_TAGS.has(tag) || isFurniture(node)) return;
    const block = BLOCK_TAGS.has(tag);
    if (block) this.flush();
    for (let index = 0; index < node.childNodes.length; index++) {
      const child = node.childNodes[index];
      if (child) this.walk(child);
    }
    if (block) this.flush();
  }
}

/** Paragraphs of an element's text, one per block element, without scripts, navigation or page furniture. */
export function paragraphsOf(root: DomNode): string[] {
  const collector = new ParagraphCollector();
  collector.walk(root);
  collector.flush();
  return collector.paragraphs;
}

/** Paragraphs of plain text: blank lines separate them, other whitespace collapses. */
export function textParagraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\n/)
    .map(collapse)
    .filter(Boolean);
}

/** Paragraphs of an HTML fragment (a feed's content:encoded, an Atom content, a JSON Feed content_html). */
export function htmlParagraphs(html: string): string[] {
  if (!/<[a-z!/]/i.test(html)) return textParagraphs(html);
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return paragraphsOf(document.body as unknown as DomNode);
}
