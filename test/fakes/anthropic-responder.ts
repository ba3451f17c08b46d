import type { FakeDocument, ScriptedBlock, ScriptedReply } from './anthropic-reply.ts';

type Json = Record<string, unknown>;

/** Must equal NOT_IN_ARTICLE_MARKER in src/answer/prompts.ts (a test checks it); the fake does not import the app. */
export const FAKE_NOT_IN_ARTICLE_MARKER = '[NOT_IN_ARTICLE]';

/** The parts of a Messages request a responder looks at. */
export interface FakeRequestView {
  readonly body: Json;
  readonly model: string;
  readonly stream: boolean;
  /** The system prompt's text (blocks joined with "\n"). */
  readonly system: string;
  /**
   * Every document block of the request's messages, in order: `document_index` numbers them so (a follow-up sends
   * the article once, in its first message).
   */
  readonly documents: readonly FakeDocument[];
  /** The text blocks of the last user message, joined with "\n". */
  readonly instruction: string;
  /** The text inside <question>…</question> in the instruction; null for other requests (e.g. a summary). */
  readonly question: string | null;
}

export type Responder = (request: FakeRequestView) => ScriptedReply | Promise<ScriptedReply>;

function documentOf(block: Json): FakeDocument {
  const source = (block.source ?? {}) as Json;
  const title = typeof block.title === 'string' ? block.title : null;
  if (Array.isArray(source.content)) {
    return { title, blocks: (source.content as Json[]).map((entry) => String(entry.text ?? '')) };
  }
  return { title, blocks: [String(source.data ?? source.content ?? '')] };
}

export function viewOf(body: Json): FakeRequestView {
  const system = body.system;
  const systemText = Array.isArray(system)
    ? (system as Json[]).map((block) => String(block.text ?? '')).join('\n')
    : String(system ?? '');
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  const blocksOf = (message: Json | undefined): Json[] => {
    const content =
      typeof message?.content === 'string' ? [{ type: 'text', text: message.content }] : message?.content;
    return Array.isArray(content) ? (content as Json[]) : [];
  };
  const blocks = blocksOf(messages.filter((message) => message.role === 'user').at(-1));
  const instruction = blocks
    .filter((block) => block.type === 'text')
    .map((block) => String(block.text))
    .join('\n');
  return {
    body,
    model: String(body.model ?? ''),
    stream: body.stream === true,
    system: systemText,
    documents: messages
      .flatMap(blocksOf)
      .filter((block) => block.type === 'document')
      .map(documentOf),
    instruction,
    question: /<question>([\s\S]*?)<\/question>/.exec(instruction)?.[1]?.trim() ?? null,
  };
}

const STOPWORDS = new Set(
  'the and for are was were what when where which who whom why how did does do has have had with from that this these those will would could should about into than then there their they them its his her our your you can not but all any per out off over under been being also only just said says'.split(
    ' ',
  ),
);

/** Lower-case content words, crudely stemmed (plural "s" dropped): enough to find the paragraph a question is about. */
export function contentWords(value: string): Set<string> {
  const words = value.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(
    words
      .filter((word) => word.length >= 3 && !STOPWORDS.has(word))
      .map((word) => word.replace(/(?<=\w{3})s$/, '')),
  );
}

function firstSentence(paragraph: string): string {
  return /^[\s\S]*?[.!?](?=\s|$)/.exec(paragraph)?.[0] ?? paragraph;
}

function answerBlocks(document: FakeDocument, question: string): ScriptedBlock[] {
  const asked = contentWords(question);
  const needed = Math.max(1, Math.ceil(asked.size / 3));
  const scores = document.blocks.map((block, index) => ({
    index,
    score: [...contentWords(block)].filter((word) => asked.has(word)).length,
  }));
  const best = Math.max(0, ...scores.map((entry) => entry.score));
  const scored = scores
    .filter((entry) => entry.score >= needed && entry.score >= best * 0.6)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, 2)
    .sort((a, b) => a.index - b.index);
  if (scored.length === 0) {
    const covers = document.title ?? firstSentence(document.blocks[0] ?? 'nothing');
    return [
      { type: 'text', text: `${FAKE_NOT_IN_ARTICLE_MARKER} The article does not say. It covers: ${covers}` },
    ];
  }
  return [
    { type: 'text', text: 'According to the article, ' },
    ...scored.map(
      (entry): ScriptedBlock => ({
        type: 'text',
        text: `${firstSentence(document.blocks[entry.index] ?? '')} `,
        citations: [{ block: entry.index }],
      }),
    ),
  ];
}

const SUMMARY_BLOCKS = { brief: 1, standard: 2, detailed: 3 } as const;

function summaryBlocks(document: FakeDocument, instruction: string): ScriptedBlock[] {
  const length = /\b(brief|standard|detailed)\b/.exec(instruction)?.[1] as
    | keyof typeof SUMMARY_BLOCKS
    | undefined;
  const count = Math.min(document.blocks.length, SUMMARY_BLOCKS[length ?? 'standard']);
  return Array.from(
    { length: count },
    (_, index): ScriptedBlock => ({
      type: 'text',
      text: `${firstSentence(document.blocks[index] ?? '')}${index < count - 1 ? ' ' : ''}`,
      citations: [{ block: index }],
    }),
  );
}

/**
 * A plausibly grounded model: a question is answered with the first sentence of the one or two blocks sharing the
 * most words with it (cited), or the not-in-article marker when none shares enough; anything else is summarised with
 * the first sentence of the first blocks (1/2/3 for brief/standard/detailed), each cited. It obeys nothing inside
 * the document.
 */
export function createDefaultResponder(thinking: 'omitted' | 'summarized' | 'none'): Responder {
  return (request) => {
    const document = request.documents[0];
    const prelude: ScriptedBlock[] =
      thinking === 'none'
        ? []
        : [{ type: 'thinking', thinking: thinking === 'omitted' ? '' : 'Reading the article.' }];
    if (!document)
      return { blocks: [...prelude, { type: 'text', text: 'There is no article to work from.' }] };
    const blocks =
      request.question === null
        ? summaryBlocks(document, request.instruction)
        : answerBlocks(document, request.question);
    return { blocks: [...prelude, ...blocks] };
  };
}
