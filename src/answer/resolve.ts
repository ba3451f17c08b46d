import type { ArticleStore, ArticleSummaryEntry, SearchHit, StoredArticle } from '../articles/article.ts';
import { isSameTitle, judgeReference } from '../articles/search/confidence.ts';
import { articleIdFromKey, canonicalUrl } from '../articles/url.ts';
import { UserFacingError } from '../core/errors.ts';
import { type Translate, translator } from '../core/i18n/index.ts';
import { TermAnalyzer } from '../text/analyzer.ts';
import { analysisLanguage } from '../text/language.ts';
import type { ArticlePick } from './newsroom-types.ts';
import { judgeByEvidence } from './resolve-evidence.ts';

/** Search hits judged for a typed reference: the confidence check costs O(this), never O(articles). */
export const REFERENCE_CANDIDATES = 5;
/** Search hits read in full to pick the article a question is about (three reads by id per question). */
export const QUESTION_CANDIDATES = 3;
/** Close titles offered when nothing matches confidently (autocomplete-style). */
export const MAX_SUGGESTIONS = 3;
/** An article's text beyond this is not read when counting a question's words in it (bounded CPU). */
const QUESTION_MATCH_MAX_CHARS = 200_000;
/** With equal word counts, the best search score must beat the runner-up's by this factor. */
const QUESTION_SCORE_RATIO = 1.3;
/** A question must share at least this many of its content words with the article it is answered from. */
const QUESTION_MIN_WORDS = 2;
/** Search hits whose URLs are compared with a pasted URL. */
const URL_CANDIDATES = 10;
/** Longer references are cut before anything reads them (a URL is the longest thing worth typing). */
const MAX_REFERENCE_CHARS = 2_048;
/**
 * One analyzer for every reference and question: its word tables (bounded per language, src/text/analyzer.ts)
 * stay warm, so the thousands of words of each candidate article are not stemmed afresh on every /ask — a new
 * analyzer each time cost ~2.4 ms a question, a kept one ~1.1 ms. Stemming is pure, so the terms are the same.
 */
const analyzer = new TermAnalyzer();

export interface ResolvedArticle {
  readonly article: StoredArticle;
  readonly pickedBy: ArticlePick;
}

/**
 * Nothing matched confidently: the reply says so and offers close titles (for a typed reference) or names the
 * articles considered (for a question without one). Its message is the English text; transports re-render it in
 * the asker's language with `describeUnresolved`.
 */
export class ArticleNotResolvedError extends UserFacingError {
  constructor(
    readonly typed: string,
    readonly suggestions: readonly ArticleSummaryEntry[],
    readonly reason: 'reference' | 'question',
  ) {
    super('', reason === 'reference' ? 'unknown-article' : 'no-matching-article');
    this.name = 'ArticleNotResolvedError';
    this.message = describeUnresolved(this, translator('en'), (title) => title);
  }
}

/** The "no article matches" reply as plain lines; `formatTitle` escapes a title for the transport. */
export function describeUnresolved(
  error: ArticleNotResolvedError,
  t: Translate,
  formatTitle: (title: string) => string,
): string {
  const typed = error.typed.replace(/\s+/g, ' ').slice(0, 80);
  const list = error.suggestions.map(
    (entry) => `- ${formatTitle(entry.title)} (${entry.publishedAt.slice(0, 10)})`,
  );
  if (error.reason === 'reference') {
    if (list.length === 0) return t('error.unknown-article');
    const head = t('resolve.no-match', { typed: formatTitle(typed) });
    return [head, t('resolve.close-titles'), ...list, t('resolve.pick')].join('\n');
  }
  if (list.length === 0) return t('error.no-matching-article');
  return [t('resolve.unsure-question'), t('resolve.considered'), ...list, t('resolve.name-one')].join('\n');
}

const EMPTY_STORE = new UserFacingError(
  'No articles are stored yet. An operator can import some with `npm run ingest -- <folder>`.',
  'empty-store',
);

async function latestArticle(store: ArticleStore): Promise<ResolvedArticle> {
  const [article] = await store.latest(1);
  if (!article) throw EMPTY_STORE;
  return { article, pickedBy: 'latest' };
}

async function picked(store: ArticleStore, id: string, pickedBy: ArticlePick): Promise<ResolvedArticle> {
  const article = await store.get(id);
  // Removed between the search and the read (another process): as if it had never matched.
  if (!article) throw new ArticleNotResolvedError(id, [], 'reference');
  return { article, pickedBy };
}

/** URLs are compared on the part a reader would paste: host, path and query; no fragment, no trailing slash. */
function comparableUrl(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The article filed under a pasted URL's own id: only the URL's own site (its feeds, its pages) files there, so it
 * wins over another source's article that merely links to the URL (src/ingest/feeds/items.ts itemKeys).
 */
async function filedUnder(store: ArticleStore, typed: string): Promise<StoredArticle | undefined> {
  const url = canonicalUrl(typed);
  return url === null ? undefined : store.get(articleIdFromKey(url));
}

/** A pasted article URL: found through the words of its path, accepted only when a hit's URL is that URL. */
function urlMatch(store: ArticleStore, typed: string): SearchHit | undefined {
  const wanted = comparableUrl(typed);
  if (wanted === null) return undefined;
  const words = new URL(typed.trim()).pathname.replace(/[-_/.]+/g, ' ');
  return store
    .search(`${words} `, URL_CANDIDATES)
    .find((hit) => hit.url !== null && comparableUrl(hit.url) === wanted);
}

async function resolveReference(store: ArticleStore, typed: string): Promise<ResolvedArticle> {
  // Ids are lower case by construction; a hand-typed "001_Tram_Line" means the same article.
  const exact = (await store.get(typed)) ?? (await store.get(typed.toLowerCase()));
  if (exact) return { article: exact, pickedBy: 'id' };
  const filed = await filedUnder(store, typed);
  if (filed) return { article: filed, pickedBy: 'id' };
  const byUrl = urlMatch(store, typed);
  if (byUrl) return picked(store, byUrl.id, 'id');
  if (comparableUrl(typed) !== null) throw new ArticleNotResolvedError(typed, [], 'reference');
  const hits = store.search(typed, REFERENCE_CANDIDATES);
  const sameTitle = hits.find((hit) => isSameTitle(typed, hit.title));
  if (sameTitle) return picked(store, sameTitle.id, 'id');
  const verdict = judgeReference(typed, hits, analyzer);
  if (verdict.kind === 'confident') return picked(store, verdict.pick.hit.id, 'best-match');
  const byEvidence = await judgeByEvidence(store, typed, hits, analyzer);
  if (byEvidence) return { article: byEvidence, pickedBy: 'best-match' };
  const suggestions = verdict.ranked.slice(0, MAX_SUGGESTIONS).map(({ hit }) => hit);
  throw new ArticleNotResolvedError(typed, suggestions, 'reference');
}

/**
 * How many of the question's content words the article contains (`distinct`), and the same count with the words
 * in its title counted twice (`weight`: title words name the topic, body words may be in passing).
 */
function sharedWords(question: readonly QuestionWord[], article: StoredArticle, analyzer: TermAnalyzer) {
  const text = [article.title, ...article.paragraphs].join('\n').slice(0, QUESTION_MATCH_MAX_CHARS);
  const language = analysisLanguage(article.language, text);
  // Each distinct word stemmed once: up to QUESTION_MATCH_MAX_CHARS of text for each candidate, on every /ask.
  const terms = new Set(analyzer.termCounts(text, language).counts.keys());
  const title = new Set(analyzer.terms(article.title, language));
  const found = question.filter((word) => word.some((term) => terms.has(term)));
  const inTitle = found.filter((word) => word.some((term) => title.has(term)));
  return { distinct: found.length, weight: found.length + inTitle.length };
}

/** A question's content word as its terms in every language (TermAnalyzer.queryTerms). */
type QuestionWord = readonly string[];

interface QuestionCandidate {
  readonly hit: SearchHit;
  readonly article: StoredArticle;
  readonly shared: { readonly distinct: number; readonly weight: number };
}

async function questionCandidates(
  store: ArticleStore,
  hits: readonly SearchHit[],
  wanted: readonly QuestionWord[],
  analyzer: TermAnalyzer,
) {
  const read = await Promise.all(hits.map((hit) => store.get(hit.id)));
  const ranked: QuestionCandidate[] = [];
  hits.forEach((hit, index) => {
    const article = read[index];
    if (article) ranked.push({ hit, article, shared: sharedWords(wanted, article, analyzer) });
  });
  return ranked.sort((a, b) => b.shared.weight - a.shared.weight);
}

/**
 * The article a question is about: of the best few search hits, the one containing most of the question's
 * content words. Confident only when it shares at least QUESTION_MIN_WORDS of them and beats the runner-up (more
 * shared words, or as many and a search score QUESTION_SCORE_RATIO higher). A one-word question is judged like a
 * typed reference (the word in one title, and in no other article).
 */
async function resolveQuestion(store: ArticleStore, question: string): Promise<ResolvedArticle> {
  const hits = store.search(question, QUESTION_CANDIDATES).filter((hit) => hit.score > 0);
  const wanted = analyzer.queryTerms(question);
  const ranked = await questionCandidates(store, hits, wanted, analyzer);
  const [best, runnerUp] = ranked;
  const enough = wanted.length > 1 && (best?.shared.distinct ?? 0) >= QUESTION_MIN_WORDS;
  const ahead =
    !runnerUp ||
    (best !== undefined &&
      (best.shared.weight > runnerUp.shared.weight ||
        best.hit.score >= QUESTION_SCORE_RATIO * runnerUp.hit.score));
  if (best && enough && ahead) return { article: best.article, pickedBy: 'best-match' };
  const considered = ranked.slice(0, MAX_SUGGESTIONS).map(({ hit }) => hit);
  throw new ArticleNotResolvedError(question, considered, 'question');
}

/**
 * Turns what the user typed into an article: an id (what autocomplete sends), the article's URL, its title, or a
 * confident match of its title words (see src/articles/search/confidence.ts); anything less is "no article
 * matches" with close titles. With no reference: the latest article (summary), or the article the question is
 * confidently about (ask), else the articles considered.
 */
export async function resolveArticle(
  store: ArticleStore,
  reference: string | undefined,
  question?: string,
): Promise<ResolvedArticle> {
  const typed = reference?.trim().slice(0, MAX_REFERENCE_CHARS) ?? '';
  if (store.count() === 0) throw EMPTY_STORE;
  if (typed !== '') return resolveReference(store, typed);
  if (question === undefined) return latestArticle(store);
  return resolveQuestion(store, question);
}

/**
 * The question as the model sees it: trimmed, never empty. Its length is the commands' to check
 * (commands/ask.ts parseQuestion, QUESTION_MAX_CHARS), before a question reaches the newsroom.
 */
export function validateQuestion(question: string): string {
  const trimmed = question.trim();
  if (trimmed === '')
    throw new UserFacingError('Please type a question about the article.', 'empty-question');
  return trimmed;
}
