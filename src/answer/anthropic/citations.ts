import type { TextCitation } from '@anthropic-ai/sdk/resources/messages';
import type { Citation } from '../types.ts';
import type { SentBlock } from './request.ts';

/** The quote for one cited block: the cited text when it lies inside the block, the whole block when it spans it. */
function quoteFor(citedText: string, block: SentBlock): string | null {
  const cited = citedText.trim();
  if (cited !== '' && block.text.includes(cited)) return cited;
  const whole = block.text.trim();
  if (whole !== '' && cited.includes(whole)) return whole;
  return null;
}

/**
 * Maps one API citation to article citations: a `content_block_location` on our one document becomes one citation
 * per cited block, each an exact substring of its paragraph. Anything else (another location type, another
 * document, indices out of range, text that matches nothing we sent) maps to nothing rather than to a wrong quote.
 */
export function mapCitation(citation: TextCitation, blocks: readonly SentBlock[]): Citation[] {
  if (citation.type !== 'content_block_location' || citation.document_index !== 0) return [];
  const start = Math.max(0, citation.start_block_index);
  const end = Math.min(blocks.length, Math.max(citation.end_block_index, start + 1));
  const mapped: Citation[] = [];
  for (let index = start; index < end; index++) {
    const block = blocks[index];
    const quote = block ? quoteFor(citation.cited_text ?? '', block) : null;
    if (block && quote) mapped.push({ quote, paragraph: block.paragraph });
  }
  return mapped;
}

/** Remembers the citations already emitted so one quote cited twice is reported once. */
export function createCitationSet(): { add(citation: Citation): boolean; readonly all: Citation[] } {
  const seen = new Set<string>();
  const all: Citation[] = [];
  return {
    all,
    add(citation) {
      const key = `${citation.paragraph}\u0000${citation.quote}`;
      if (seen.has(key)) return false;
      seen.add(key);
      all.push(citation);
      return true;
    },
  };
}
