import type { Postings } from './postings.ts';
import type { ResolvedWord } from './query.ts';

/**
 * Which words of a search find articles and which only re-rank them. Words are taken rarest first; a word is
 * *found by* (its articles become candidates) unless looking it up in the articles found so far is cheaper than
 * reading its list, and then it only adds to those (binary search in its list): a common word ("week", in most
 * articles) re-ranks what the rarer words found instead of bringing in every article that mentions it.
 *
 * "Found so far" is counted as the postings of the words found by before it (an upper bound of the articles they
 * found), so the roles follow from list lengths alone, known before any list is read: the term-at-a-time scan
 * (scoring.ts) and the document-at-a-time walk (doc-at-a-time.ts) give a search the same roles, and so the same
 * hits and scores.
 */
export interface WordRoles {
  /** `findsArticles[i]` for the i-th word in rarity order. */
  readonly findsArticles: readonly boolean[];
  /** Postings of the words that find articles: what a scan of them reads. */
  readonly foundPostings: number;
}

export function wordRoles(ordered: readonly ResolvedWord[], postings: Postings): WordRoles {
  let foundPostings = 0;
  const findsArticles = ordered.map((word) => {
    const finds = foundPostings === 0 || !lookupIsCheaper(word, foundPostings, postings);
    if (finds) foundPostings += word.frequency;
    return finds;
  });
  return { findsArticles, foundPostings };
}

/** Whether `candidates` binary searches in the word's lists cost less than reading them. */
export function lookupIsCheaper(word: ResolvedWord, candidates: number, postings: Postings): boolean {
  const lookups = word.termIds.reduce((sum, id) => sum + Math.log2(postings.frequency(id) + 1) + 1, 0);
  return candidates * lookups < word.frequency;
}
