import { END_OF_LIST, ListCursor } from './list-cursor.ts';
import type { Postings } from './postings.ts';
import type { ResolvedWord } from './query.ts';
import type { ArticleSlots, ScoredSlots } from './slots.ts';
import { KthBest } from './top-k.ts';
import { Walk, type WalkScorer } from './walk.ts';
import type { WordRoles } from './word-roles.ts';

/** Below this many postings to read, the term-at-a-time scan is as fast and simpler. */
export const DOC_AT_A_TIME_MIN_POSTINGS = 8_192;
/**
 * The newest 1/2^FIRST_PASS_SHIFT of the slots are walked first: the k-th best there is already close to the final
 * bar, so the pass over the rest dismisses most articles on their walked lists' scores alone. (Scoring the
 * articles of the lists' heads first, to start from a higher bar, cost more than it saved: ~2,000 seeks across
 * whole lists, about 2 ms of a 9 ms search at 1,000,000 articles.)
 */
const FIRST_PASS_SHIFT = 4;
/** Searches for more hits than this prune too little for the walk to pay (a scroll, not a pick). */
export const DOC_AT_A_TIME_MAX_LIMIT = 100;

/** What the walk needs of the scorer besides its scores: each term's idf and bound. */
export interface Bm25Bounds extends WalkScorer {
  idf(termId: number): number;
  /** The most the term adds to one article's score. */
  bound(termId: number): number;
}

/**
 * A search of several common words, article by article in slot order instead of word by word (MaxScore, document
 * at a time). The words that find articles (word-roles.ts) are sorted by bound; those whose bounds, with every
 * re-ranking word's, add up to less than the k-th best score so far cannot bring an article into the best k on
 * their own, so only the others' lists are walked, and the rest are sought in (a gallop forward) for the articles
 * that can still make it.
 * A re-ranking word adds to an article only when a rarer word found it, as in the scan. An article's score is its
 * words' scores added in rarity order, as the scan adds them: the same hits, the same numbers (pruning.test.ts).
 */
export class DocAtATime {
  constructor(
    private readonly slots: ArticleSlots,
    private readonly postings: Postings,
  ) {}

  /** Whether the walk is the cheaper way to run this search. */
  suits(words: readonly ResolvedWord[], roles: WordRoles, limit: number): boolean {
    return (
      words.length > 1 &&
      limit > 0 &&
      limit <= DOC_AT_A_TIME_MAX_LIMIT &&
      roles.foundPostings >= DOC_AT_A_TIME_MIN_POSTINGS
    );
  }

  run(scorer: Bm25Bounds, ordered: readonly ResolvedWord[], roles: WordRoles, limit: number): ScoredSlots {
    // Each term's bound and idf once; each pass has cursors of its own, since a walk moves them forward only.
    const terms = ordered.flatMap((word, rank) => this.terms(scorer, word, rank, roles));
    // Built as literals of one shape: the walk's hot loops read these fields.
    const units = () =>
      terms.map(({ rank, finds, bound, idf, list }) => ({
        rank,
        finds,
        bound,
        idf,
        cursor: new ListCursor(list),
      }));
    const best = new KthBest(limit);
    const pass = () => new Walk(scorer, this.slots, units(), ordered.length, best);
    const newest = this.slots.capacity - (this.slots.capacity >> FIRST_PASS_SHIFT);
    const candidates = pass().run(newest, END_OF_LIST);
    candidates.push(...pass().run(0, newest));
    return { candidates, touched: candidates };
  }

  private terms(scorer: Bm25Bounds, word: ResolvedWord, rank: number, roles: WordRoles) {
    const finds = roles.findsArticles[rank] === true;
    return word.termIds.map((termId) => ({
      rank,
      finds,
      bound: scorer.bound(termId),
      idf: scorer.idf(termId),
      list: this.postings.list(termId),
    }));
  }
}
