/**
 * The slice of the DOM the page readers (paragraphs, limits, extract) use. linkedom implements it; the project
 * compiles without the DOM lib, so the shape is spelled out here rather than borrowed from lib.dom.d.ts.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

/** A node the page preparation (limits.ts) edits in place. */
export interface MutableNode extends DomNode {
  readonly parentNode: MutableNode | null;
  textContent: string | null;
  remove(): void;
}
