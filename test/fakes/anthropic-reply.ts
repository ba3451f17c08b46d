import type { CacheAccount } from './anthropic-cache.ts';
import { estimateTokens } from './anthropic-cache.ts';

type Json = Record<string, unknown>;

/** A citation a scripted reply makes: block indices into the document's content (end exclusive, default start+1). */
export interface ScriptedCitation {
  readonly block: number;
  readonly endBlock?: number;
  readonly document?: number;
  /** Overrides the cited_text the fake would compute (the blocks' text joined). */
  readonly citedText?: string;
}

/** A citation object sent exactly as given, e.g. a char_location or a malformed one. */
export interface RawCitation {
  readonly raw: Json;
}

export type ScriptedBlock =
  | {
      readonly type: 'text';
      readonly text: string;
      readonly citations?: readonly (ScriptedCitation | RawCitation)[];
    }
  | { readonly type: 'thinking'; readonly thinking: string };

/** What the model "says": content blocks in order, optionally a stop reason (default end_turn). */
export interface ScriptedReply {
  readonly blocks: readonly ScriptedBlock[];
  readonly stopReason?: string;
}

/** A document of the request as the fake sees it: title and content blocks (a plain-text source is one block). */
export interface FakeDocument {
  readonly title: string | null;
  readonly blocks: readonly string[];
}

/** Shorthand for a text block citing whole blocks: text('Trams run later.', 2). */
export function text(value: string, ...citedBlocks: number[]): ScriptedBlock {
  return citedBlocks.length === 0
    ? { type: 'text', text: value }
    : { type: 'text', text: value, citations: citedBlocks.map((block) => ({ block })) };
}

function resolveCitation(citation: ScriptedCitation | RawCitation, documents: readonly FakeDocument[]): Json {
  if ('raw' in citation) return citation.raw;
  const documentIndex = citation.document ?? 0;
  const document = documents[documentIndex];
  const end = citation.endBlock ?? citation.block + 1;
  const cited = citation.citedText ?? (document?.blocks.slice(citation.block, end).join('') || '');
  return {
    type: 'content_block_location',
    cited_text: cited,
    document_index: documentIndex,
    document_title: document?.title ?? null,
    start_block_index: citation.block,
    end_block_index: end,
    file_id: null,
  };
}

export function contentOf(reply: ScriptedReply, documents: readonly FakeDocument[]): Json[] {
  return reply.blocks.map((block) => {
    if (block.type === 'thinking')
      return { type: 'thinking', thinking: block.thinking, signature: 'sig_fake' };
    const citations = (block.citations ?? []).map((citation) => resolveCitation(citation, documents));
    return { type: 'text', text: block.text, citations: citations.length > 0 ? citations : null };
  });
}

export function outputTokensOf(reply: ScriptedReply): number {
  const written = reply.blocks.map((block) => (block.type === 'text' ? block.text : block.thinking)).join('');
  return Math.max(1, estimateTokens(written));
}

export function usageOf(account: CacheAccount, outputTokens: number): Json {
  return {
    input_tokens: account.inputTokens,
    output_tokens: outputTokens,
    cache_creation_input_tokens: account.cacheWriteTokens,
    cache_read_input_tokens: account.cacheReadTokens,
    cache_creation: {
      ephemeral_5m_input_tokens: account.cacheWrite5mTokens,
      ephemeral_1h_input_tokens: account.cacheWrite1hTokens,
    },
    server_tool_use: null,
    service_tier: 'standard',
    inference_geo: null,
  };
}

export function buildMessage(
  id: string,
  model: string,
  reply: ScriptedReply,
  content: Json[],
  usage: Json,
): Json {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: reply.stopReason ?? 'end_turn',
    stop_sequence: null,
    stop_details: null,
    container: null,
    usage,
  };
}

/** A text split the way a model streams it: roughly a word (a token or two) per delta. */
export function deltasOf(value: string): string[] {
  return value.match(/\s*\S+\s*/g) ?? (value === '' ? [] : [value]);
}
