import { parse } from 'discord-markdown-parser';

/**
 * What a Discord user sees in a message, read with an independent parser of Discord's Markdown (simple-markdown
 * rules, as Discord's client uses): the visible text, and every piece of markup it would render. The parser does
 * not know list items, so unescaped list markers at a line start are reported separately.
 */
export interface SeenText {
  /** The characters a reader sees, escapes resolved. */
  readonly text: string;
  /** Rendered markup: `link`, `url`, `heading`, `spoiler`, `codeBlock`, `blockQuote`, `strong`, `em`, `everyone`… */
  readonly markup: readonly string[];
}

type Node = { type: string; content?: unknown; target?: string };

const PLAIN = new Set(['text', 'br']);
/** A list item as Discord renders it: `- `, `* `, `+ ` or `1. ` at the start of a line. */
const LIST_MARKER = /^[ \t]*(?:[-*+]|\d+\.) /m;

function walk(nodes: readonly Node[], text: string[], markup: string[]): void {
  for (const node of nodes) {
    if (!PLAIN.has(node.type)) markup.push(node.type);
    if (node.type === 'br') text.push('\n');
    else if (typeof node.content === 'string') text.push(node.content);
    else if (Array.isArray(node.content)) walk(node.content as Node[], text, markup);
  }
}

export function seenAsUser(markdown: string): SeenText {
  const text: string[] = [];
  const markup: string[] = [];
  walk(parse(markdown, 'extended') as Node[], text, markup);
  if (LIST_MARKER.test(markdown)) markup.push('list');
  return { text: text.join(''), markup };
}
