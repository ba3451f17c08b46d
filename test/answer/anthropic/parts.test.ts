import { describe, expect, it } from 'vitest';
import { mapCitation } from '../../../src/answer/anthropic/citations.ts';
import { createMarkerFilter } from '../../../src/answer/anthropic/marker.ts';
import { estimateCostUsd, pricesFor } from '../../../src/answer/anthropic/pricing.ts';
import { describeLanguage, documentBlocks, questionText } from '../../../src/answer/anthropic/request.ts';
import { article } from './fixtures.ts';

const MARKER = '[NOT_IN_ARTICLE]';

function run(deltas: readonly string[]): { shown: string[]; seen: boolean } {
  const filter = createMarkerFilter(MARKER);
  const shown = deltas.map((delta) => filter.push(delta));
  shown.push(filter.flush());
  return { shown: shown.filter(Boolean), seen: filter.seen };
}

describe('the not-in-article marker filter', () => {
  it('GIVEN the marker split over many deltas THEN none of it is shown and it is seen', () => {
    const { shown, seen } = run(['[', 'NOT_', 'IN_ARTI', 'CLE]', ' The article', ' does not say.']);
    expect(shown.join('')).toBe('The article does not say.');
    expect(seen).toBe(true);
  });

  it('GIVEN a reply starting with an ordinary bracket THEN it is shown unchanged once it cannot be the marker', () => {
    const { shown, seen } = run(['[NO', ' comment] said the mayor.']);
    expect(shown.join('')).toBe('[NO comment] said the mayor.');
    expect(seen).toBe(false);
  });

  it('GIVEN a plain answer THEN each delta is shown as it arrives', () => {
    const { shown } = run(['It opens ', 'in 2027.']);
    expect(shown).toEqual(['It opens ', 'in 2027.']);
  });

  it('GIVEN a text ending in what looks like the start of the marker THEN the tail is released at the end', () => {
    expect(run(['See [NOT']).shown.join('')).toBe('See [NOT');
  });
});

describe('mapping API citations to paragraphs', () => {
  const blocks = documentBlocks(article('a', 'A', ['Alpha one. Alpha two.', '', 'Gamma.']));
  const location = (start: number, end: number, cited: string) =>
    ({
      type: 'content_block_location',
      cited_text: cited,
      document_index: 0,
      document_title: 'A',
      start_block_index: start,
      end_block_index: end,
      file_id: null,
    }) as const;

  it('GIVEN a cited sentence with stray whitespace THEN the quote is trimmed to an exact substring', () => {
    expect(mapCitation(location(0, 1, ' Alpha two.\n'), blocks)).toEqual([
      { quote: 'Alpha two.', paragraph: 0 },
    ]);
  });

  it('GIVEN block indices THEN they map to paragraph indices around a skipped blank paragraph', () => {
    expect(mapCitation(location(1, 2, 'Gamma.'), blocks)).toEqual([{ quote: 'Gamma.', paragraph: 2 }]);
  });

  it('GIVEN another document, an out-of-range block or unknown text THEN nothing', () => {
    expect(mapCitation({ ...location(0, 1, 'Alpha one.'), document_index: 1 }, blocks)).toEqual([]);
    expect(mapCitation(location(7, 8, 'Alpha one.'), blocks)).toEqual([]);
    expect(mapCitation(location(0, 1, 'Beta.'), blocks)).toEqual([]);
  });
});

describe('the per-request wording', () => {
  it('GIVEN a BCP-47 tag THEN the language is named; GIVEN a name THEN it passes through', () => {
    expect(describeLanguage('de')).toBe('German (de)');
    expect(describeLanguage('pt-BR')).toBe('Brazilian Portuguese (pt-BR)');
    expect(describeLanguage('Ukrainian')).toBe('Ukrainian');
  });

  it('GIVEN a huge question THEN it is cut to a bound', () => {
    expect(questionText('why? '.repeat(1_000)).length).toBeLessThanOrEqual(1_001);
  });
});

describe('cost estimates', () => {
  it('GIVEN Haiku 5.5 usage THEN the published per-MTok prices apply', () => {
    const usage = {
      inputTokens: 10_000,
      outputTokens: 1_000,
      cacheWriteTokens: 20_000,
      cacheReadTokens: 30_000,
    };
    expect(estimateCostUsd('claude-haiku-5-5', usage)).toBeCloseTo(
      (10_000 * 0.1 + 1_000 * 0.5 + 20_000 * 0.125 + 30_000 * 0.01) / 1e6,
      12,
    );
  });

  it('GIVEN a Haiku 5.5 prompt over 100K tokens THEN every rate is 5x', () => {
    const usage = { inputTokens: 90_000, outputTokens: 1_000, cacheWriteTokens: 0, cacheReadTokens: 20_000 };
    expect(estimateCostUsd('claude-haiku-5-5', usage)).toBeCloseTo(
      (5 * (90_000 * 0.1 + 1_000 * 0.5 + 20_000 * 0.01)) / 1e6,
      12,
    );
  });

  it('GIVEN Sonnet 5.5, a dated id, or an unknown model THEN its prices, the family prices, or 0', () => {
    const usage = { inputTokens: 1_000, outputTokens: 100, cacheWriteTokens: 0, cacheReadTokens: 0 };
    expect(estimateCostUsd('claude-sonnet-5-5', usage)).toBeCloseTo((1_000 * 2 + 100 * 10) / 1e6, 12);
    expect(pricesFor('claude-haiku-5-5-20261007')).toBe(pricesFor('claude-haiku-5-5'));
    expect(estimateCostUsd('gpt-imaginary', usage)).toBe(0);
  });
});
