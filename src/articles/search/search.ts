import { type LookupLanguages, lookupLanguages, TermAnalyzer } from '../../text/analyzer.ts';
import type { SearchHit } from '../article.ts';
import { type CatalogueEntry, forEachTermAt } from './catalogue.ts';
import { Postings, type PostingsSnapshot } from './postings.ts';
import { parseQuery, resolveWord } from './query.ts';
import { Bm25Scorer } from './scoring.ts';
import { ArticleSlots, type SlotsSnapshot } from './slots.ts';
import { TopK } from './top-k.ts';

export { MAX_QUERY_CHARS, parseQuery } from './query.ts';

/** Stands for the words-as-terms of entries written before the shared analyzer (not a language tag). */
const LEGACY_UNSTEMMED = 'legacy';

/** Everything a SearchIndex holds, in the shape an index snapshot file stores (src/articles/search/snapshot-file.ts). */
export interface IndexSnapshot {
  readonly slots: SlotsSnapshot;
  readonly postings: PostingsSnapshot;
  readonly languages: readonly string[];
}

/**
 * The in-memory search index over titles (every word) and bodies (the salient terms of the catalogue entry).
 * Ranking is BM25 with title words boosted; equal scores go to the newer article.
 */
export class SearchIndex {
  /** Shared with whoever builds catalogue entries for this index (same terms, one stem memo). */
  readonly analyzer = new TermAnalyzer();
  private readonly scorer: Bm25Scorer;
  /** Languages articles were ever indexed in (removals aside: a language too many costs only a lookup). */
  private readonly languages: Set<string>;
  private lookup: LookupLanguages;
  private changes = 0;

  constructor(
    private readonly slots = ArticleSlots.empty(),
    private readonly postings = new Postings(),
    languages: Iterable<string> = [],
  ) {
    this.scorer = new Bm25Scorer(slots, postings);
    this.languages = new Set(languages);
    this.lookup = lookupLanguages(this.languages);
  }

  /** The index a snapshot holds, searching exactly as the index it was taken from (the snapshot is not copied). */
  static fromSnapshot(snapshot: IndexSnapshot): SearchIndex {
    const index = new SearchIndex(
      ArticleSlots.fromSnapshot(snapshot.slots),
      Postings.fromSnapshot(snapshot.postings),
      snapshot.languages,
    );
    index.prepare();
    return index;
  }

  /** The live articles and their postings, renumbered without gaps (what an index snapshot file stores). */
  toSnapshot(): IndexSnapshot {
    const { columns, slotMap } = this.slots.snapshot();
    return { slots: columns, postings: this.postings.snapshot(slotMap), languages: [...this.languages] };
  }

  /** Grows with every put and removal: equal counts mean nothing changed in between. */
  get changeCount(): number {
    return this.changes;
  }

  count(): number {
    return this.slots.live;
  }

  hashOf(id: string): string | undefined {
    return this.slots.hashOf(id);
  }

  /** Adds the article, replacing any earlier version with the same id. */
  put(entry: CatalogueEntry): void {
    this.changes++;
    this.remove(entry.id);
    this.noteLanguage(entry.language);
    const slot = this.slots.add(entry, entry.length);
    const { terms } = entry;
    forEachTermAt(terms, (start, end, weight) => this.postings.addAt(terms, start, end, slot, weight));
  }

  remove(id: string): void {
    if (this.slots.hashOf(id) !== undefined) this.changes++;
    if (this.slots.remove(id)) this.postings.remap(this.slots.compact());
  }

  /** Sorts what was added since the last call, so the first search after a bulk load is as fast as the rest. */
  prepare(): void {
    this.postings.prepare();
    this.slots.newestFirst();
  }

  /** Ranked hits, best first; a query with no words to match lists the newest articles (score 0). */
  search(query: string, limit: number): SearchHit[] {
    const wanted = Math.max(0, Math.floor(limit));
    const parsed = parseQuery(query, this.analyzer, this.lookup);
    if (parsed.length === 0)
      return this.newestIds(wanted).map((slot) => ({ ...this.slots.entry(slot), score: 0 }));
    const words = parsed.map((word) => resolveWord(word, this.postings));
    const { candidates, touched } = this.scorer.run(words, wanted);
    const top = new TopK<number>(wanted, (a, b) => this.ranksAbove(a, b));
    for (const slot of candidates) top.offer(slot);
    const hits = top.sorted().map((slot) => ({ ...this.slots.entry(slot), score: this.scorer.score(slot) }));
    this.scorer.reset(touched);
    return hits;
  }

  /** Ids of the newest `limit` articles. */
  newest(limit: number): string[] {
    return this.newestIds(limit).map((slot) => this.slots.ids[slot] as string);
  }

  /** Ids with from <= publishedAt < to, newest first, at most `limit`. */
  between(fromMs: number, toMs: number, limit: number): string[] {
    const order = this.slots.newestFirst();
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.slots.published[order[middle] as number] ?? 0) >= toMs) low = middle + 1;
      else high = middle;
    }
    const ids: string[] = [];
    for (let i = low; i < order.length && ids.length < limit; i++) {
      const slot = order[i] as number;
      if ((this.slots.published[slot] ?? 0) < fromMs) break;
      ids.push(this.slots.ids[slot] as string);
    }
    return ids;
  }

  /**
   * Query words are looked up in the languages the index holds. An entry without a language predates the shared
   * analyzer: its terms are English stems or the words themselves.
   */
  private noteLanguage(language: string | undefined): void {
    const languages = language === undefined ? ['en', LEGACY_UNSTEMMED] : [language];
    if (languages.every((known) => this.languages.has(known))) return;
    for (const known of languages) this.languages.add(known);
    this.lookup = lookupLanguages(this.languages);
  }

  private newestIds(limit: number): number[] {
    return this.slots.newestFirst().slice(0, Math.max(0, limit));
  }

  private ranksAbove(a: number, b: number): boolean {
    const byScore = this.scorer.score(a) - this.scorer.score(b);
    return byScore !== 0 ? byScore > 0 : this.slots.newer(a, b) < 0;
  }
}
