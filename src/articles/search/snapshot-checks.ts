import { MAX_SLOTS, POSTING_SLOT_SHIFT, POSTING_WEIGHT_MASK } from './posting-list.ts';
import type { IndexSnapshot } from './search.ts';

/** A snapshot file that cannot be used, and why (logged; the index is then rebuilt from the store). */
export class SnapshotRejected extends Error {}

/** The sections stored as JSON arrays of strings. */
export type StringColumn =
  | 'vocabulary'
  | 'ids'
  | 'titles'
  | 'publishedIso'
  | 'categories'
  | 'urls'
  | 'hashes'
  | 'languages';

export interface TypedSections {
  readonly offsets: Int32Array;
  readonly postings: Int32Array;
  readonly maxWeights: Uint8Array;
  readonly lengths: Float64Array;
  readonly published: Float64Array;
}

export function checkedSnapshot(
  header: { readonly articles: number; readonly terms: number },
  typed: TypedSections,
  strings: Readonly<Record<StringColumn, unknown>>,
): IndexSnapshot {
  if (header.articles > MAX_SLOTS) throw new SnapshotRejected('it holds more articles than an index can');
  const vocabulary = stringColumn(strings.vocabulary, header.terms, false);
  checkAscending(vocabulary);
  checkPostings(typed, header.articles);
  for (let slot = 0; slot < header.articles; slot++) {
    const length = typed.lengths[slot] as number;
    if (!(length >= 0 && Number.isFinite(length)) || !Number.isFinite(typed.published[slot]))
      throw new SnapshotRejected('an article has an impossible length or date');
  }
  const ids = stringColumn(strings.ids, header.articles, false);
  if (new Set(ids).size !== ids.length) throw new SnapshotRejected('an article id appears twice');
  return {
    slots: {
      ids,
      titles: stringColumn(strings.titles, header.articles, false),
      publishedIso: stringColumn(strings.publishedIso, header.articles, false),
      categories: stringColumn(strings.categories, header.articles, true),
      urls: stringColumn(strings.urls, header.articles, true),
      hashes: stringColumn(strings.hashes, header.articles, false),
      lengths: typed.lengths,
      published: typed.published,
    },
    postings: { vocabulary, offsets: typed.offsets, postings: typed.postings, maxWeights: typed.maxWeights },
    languages: stringColumn(strings.languages, undefined, false),
  };
}

function stringColumn(value: unknown, length: number | undefined, nullable: false): string[];
function stringColumn(value: unknown, length: number | undefined, nullable: true): (string | null)[];
function stringColumn(value: unknown, length: number | undefined, nullable: boolean): (string | null)[] {
  const valid =
    Array.isArray(value) &&
    (length === undefined || value.length === length) &&
    value.every((item) => typeof item === 'string' || (nullable && item === null));
  if (!valid) throw new SnapshotRejected('a text column has the wrong shape');
  return value as (string | null)[];
}

function checkAscending(vocabulary: readonly string[]): void {
  for (let i = 1; i < vocabulary.length; i++)
    if (!((vocabulary[i - 1] as string) < (vocabulary[i] as string)))
      throw new SnapshotRejected('the vocabulary is not in order');
}

/**
 * Search relies on each list being in slot order (binary search), on slots naming articles, and on each term's
 * highest weight bounding its postings (pruning): a file that breaks any of these would rank wrong, not fail.
 */
function checkPostings({ offsets, postings, maxWeights }: TypedSections, articles: number): void {
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== postings.length)
    throw new SnapshotRejected('the posting offsets do not span the postings');
  for (let term = 0; term < maxWeights.length; term++) {
    const start = offsets[term] as number;
    const end = offsets[term + 1] as number;
    if (end <= start) throw new SnapshotRejected('a term has no postings');
    let previous = -1;
    for (let i = start; i < end; i++) {
      const posting = postings[i] as number;
      const slot = posting >>> POSTING_SLOT_SHIFT;
      const weight = posting & POSTING_WEIGHT_MASK;
      if (slot <= previous || slot >= articles || weight === 0 || weight > (maxWeights[term] as number))
        throw new SnapshotRejected('a posting list is out of order or out of bounds');
      previous = slot;
    }
  }
}
