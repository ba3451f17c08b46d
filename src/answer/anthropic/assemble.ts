import type { Message, MessageStreamEvent, TextCitation } from '@anthropic-ai/sdk/resources/messages';
import type { AnswerEvent, AnswerResult, TokenUsage } from '../types.ts';
import { createCitationSet, mapCitation } from './citations.ts';
import { createMarkerFilter } from './marker.ts';
import type { SentBlock } from './request.ts';

export interface AssemblerOptions {
  readonly blocks: readonly SentBlock[];
  /** Marker that means "the article does not say" (ask only); undefined → every reply counts as answered. */
  readonly notAnsweredMarker?: string | undefined;
  /** Called for each API citation that maps to nothing (logged, never fatal). */
  readonly onUnmappedCitation?: (citation: TextCitation) => void;
}

export interface Assembler {
  /** Turns one raw stream event into the answer events it produces (text deltas, new citations). */
  push(event: MessageStreamEvent): AnswerEvent[];
  /** After the stream ended: the held-back text, then `done`. */
  finish(message: Message): AnswerEvent[];
}

export function usageOf(message: Message): TokenUsage {
  const usage = message.usage;
  return {
    inputTokens: usage.input_tokens ?? 0,
    outputTokens: usage.output_tokens ?? 0,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
    cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
  };
}

/**
 * Builds the answer from the stream's own events, so what was streamed and the final text agree exactly: text
 * blocks joined with '' (thinking and any other block types ignored, chosen by `type`, never by position), the
 * marker removed, citations mapped to paragraphs and de-duplicated.
 */
export function createAssembler(options: AssemblerOptions): Assembler {
  const textBlocks = new Set<number>();
  const filter = createMarkerFilter(options.notAnsweredMarker ?? '\u0000no-marker\u0000');
  const citations = createCitationSet();
  let text = '';

  const emitText = (delta: string): AnswerEvent[] => {
    const shown = filter.push(delta);
    text += shown;
    return shown === '' ? [] : [{ type: 'text', text: shown }];
  };
  const emitCitation = (citation: TextCitation): AnswerEvent[] => {
    const mapped = mapCitation(citation, options.blocks);
    if (mapped.length === 0) options.onUnmappedCitation?.(citation);
    return mapped
      .filter((entry) => citations.add(entry))
      .map((entry): AnswerEvent => ({ type: 'citation', citation: entry }));
  };

  return {
    push(event) {
      if (event.type === 'content_block_start' && event.content_block.type === 'text') {
        textBlocks.add(event.index);
        const block = event.content_block;
        return [...(block.citations ?? []).flatMap(emitCitation), ...emitText(block.text ?? '')];
      }
      if (event.type !== 'content_block_delta' || !textBlocks.has(event.index)) return [];
      if (event.delta.type === 'text_delta') return emitText(event.delta.text);
      if (event.delta.type === 'citations_delta') return emitCitation(event.delta.citation);
      return [];
    },
    finish(message) {
      const tail = filter.flush();
      text += tail;
      const result: AnswerResult = {
        text: text.trimEnd(),
        answered: !filter.seen,
        citations: [...citations.all],
        provider: 'anthropic',
        model: message.model,
        usage: usageOf(message),
      };
      const done: AnswerEvent = { type: 'done', result };
      return tail === '' ? [done] : [{ type: 'text', text: tail }, done];
    },
  };
}
