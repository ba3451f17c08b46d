import type { ArticleStore, SearchHit, StoredArticle } from '../articles/article.ts';
import { editDistanceWithin, typedWords } from '../articles/search/confidence.ts';
import { type TermAnalyzer, words } from '../text/analyzer.ts';
import { analysisLanguage } from '../text/language.ts';
import { looksLikeName } from './resolve-name.ts';
import { cyrillicGuess, isCyrillic, isLatin, romanised } from './resolve-script.ts';

/**
 * The second chance of a typed reference whose words do not cover a title: the few best search hits are read in
 * full, and each typed word is credited to the candidate whose title or text holds it. A word only one article in
 * the whole index holds (a "distinctive" word: a person's name, a place, a company) counts as much as a title
 * word; a word the text shares with other articles counts half; a word found nowhere counts nothing.
 *
 * Confident: at least EVIDENCE_MIN_WORDS typed words, the best candidate's credit at least MIN_EVIDENCE_SHARE of
 * them, MIN_EVIDENCE_MARGIN ahead of the runner-up in the same scale, and at least one distinctive word among its
 * matches. A single typed word is confident only when it is distinctive and reads as a name in the article.
 * Cost: the given hits plus at most PREFIX_PROBES × 2 × PREFIX_PROBE_HITS more, read by id (each text cut at
 * EVIDENCE_MAX_CHARS); one 2-hit search per typed word exactly one candidate holds (at most EVIDENCE_MAX_PROBES)
 * and at most 2 × PREFIX_PROBES prefix searches: O(top-k), whatever the number of articles.
 */
export const MIN_EVIDENCE_SHARE = 0.6;
export const MIN_EVIDENCE_MARGIN = 0.2;
export const EVIDENCE_MIN_WORDS = 2;
/** A word in the text that other articles share too says less about which article is meant than a title word. */
const SHARED_BODY_CREDIT = 0.5;
/** Only the start of a very long article is read for evidence (bounded CPU and memory per candidate). */
const EVIDENCE_MAX_CHARS = 50_000;
/** Typed words checked against the index for being distinctive (each check is one 2-hit search). */
const EVIDENCE_MAX_PROBES = 8;
/**
 * Words shorter than this are never matched by spelling distance ("war" is no typo of "car"); a letter more or
 * less may still turn one into a word of MIN_FUZZY_SHORTER_CHARS ("Oseii" ~ "Osei"). 2 edits from LONG_WORD_CHARS.
 */
const MIN_FUZZY_WORD_CHARS = 5;
const MIN_FUZZY_SHORTER_CHARS = 4;
const LONG_WORD_CHARS = 8;
const MIN_PREFIX_CHARS = 3;
/**
 * A typed word no candidate holds may be a misspelling of the one word that would find the article ("Oseii"):
 * the index is asked for words starting like it (its first PREFIX_PROBE_CHARS letters, within the index's own
 * prefix budget), for at most PREFIX_PROBES words, PREFIX_PROBE_HITS candidates each.
 */
const PREFIX_PROBE_CHARS = 4;
const PREFIX_PROBES = 3;
const PREFIX_PROBE_HITS = 2;

type TypedWord = ReturnType<typeof typedWords>[number];

/**
 * The distinct folded words of a title or text, read in its article's language; stems are computed only for words
 * that could share one.
 */
interface WordSet {
  readonly words: readonly string[];
  readonly language: string;
}

interface Candidate {
  readonly hit: SearchHit;
  readonly article: StoredArticle;
  readonly title: WordSet;
  readonly body: WordSet;
}

type Place = 'title' | 'body';
interface Match {
  readonly place: Place;
  /** The article's own word, checked against the index (the typed one may be misspelled). */
  readonly word: string;
}

function wordSet(text: string, language: string): WordSet {
  return { words: [...new Set(words(text, language))], language };
}

/** Stemming only cuts or changes endings, so words of one stem share their first STEM_SHARED_CHARS letters. */
const STEM_SHARED_CHARS = 3;

/**
 * Whether the text has a word of the typed word's stem. Only words starting like it are stemmed: stemming every
 * distinct word of five articles would cost ~10 µs a word, most of a reference's time.
 */
function hasStem(typed: TypedWord, set: WordSet, analyzer: TermAnalyzer): boolean {
  const start = typed.folded.slice(0, STEM_SHARED_CHARS);
  return set.words.some(
    (word) => word.startsWith(start) && typed.terms.includes(analyzer.toTerm(word, set.language)),
  );
}

function readCandidate(hit: SearchHit, article: StoredArticle): Candidate {
  let text = '';
  for (const paragraph of article.paragraphs) {
    if (text.length >= EVIDENCE_MAX_CHARS) break;
    text += `${paragraph}\n`;
  }
  const body = text.slice(0, EVIDENCE_MAX_CHARS);
  const language = analysisLanguage(article.language, `${article.title}\n${body}`);
  return { hit, article, title: wordSet(article.title, language), body: wordSet(body, language) };
}

function spelledAlike(typed: string, word: string): boolean {
  if (word[0] !== typed[0] || Math.max(word.length, typed.length) < MIN_FUZZY_WORD_CHARS) return false;
  if (Math.min(word.length, typed.length) < MIN_FUZZY_SHORTER_CHARS) return false;
  const limit = typed.length >= LONG_WORD_CHARS ? 2 : 1;
  return editDistanceWithin(typed, word, limit) <= limit;
}

/**
 * The same stem, the start of a word still being typed, or a typo away (1 edit, 2 for long words); a Latin word
 * also matches the romanised spelling of a Cyrillic one.
 */
function findIn(typed: TypedWord, set: WordSet, analyzer: TermAnalyzer): string | undefined {
  if (hasStem(typed, set, analyzer)) return typed.folded;
  if (typed.typing && typed.folded.length >= MIN_PREFIX_CHARS) {
    const started = set.words.find((word) => word.startsWith(typed.folded));
    if (started !== undefined) return started;
  }
  if (typed.folded.length < MIN_FUZZY_WORD_CHARS) return undefined;
  const alike = set.words.find((word) => spelledAlike(typed.folded, word));
  if (alike !== undefined || !isLatin(typed.folded)) return alike;
  return set.words.find((word) => isCyrillic(word) && spelledAlike(typed.folded, romanised(word)));
}

function matchIn(typed: TypedWord, candidate: Candidate, analyzer: TermAnalyzer): Match | undefined {
  const inTitle = findIn(typed, candidate.title, analyzer);
  if (inTitle !== undefined) return { place: 'title', word: inTitle };
  const inBody = findIn(typed, candidate.body, analyzer);
  return inBody === undefined ? undefined : { place: 'body', word: inBody };
}

/** Whether no other article in the index holds the word (the search finds it in this article or, unsalient, none). */
function heldOnlyBy(store: ArticleStore, word: string, id: string): boolean {
  const found = store.search(`${word} `, 2).filter((hit) => hit.score > 0);
  return found.length === 0 || (found.length === 1 && found[0]?.id === id);
}

interface WordEvidence {
  readonly typed: TypedWord;
  /** Per candidate (same order), where the word was found. */
  readonly matches: readonly (Match | undefined)[];
  /** The candidate index that alone holds the word, when the index agrees no other article does. */
  readonly distinctiveIn: number | undefined;
}

function weighWords(
  store: ArticleStore,
  typed: readonly TypedWord[],
  candidates: readonly Candidate[],
  analyzer: TermAnalyzer,
) {
  let probes = 0;
  return typed.map((word): WordEvidence => {
    const matches = candidates.map((candidate) => matchIn(word, candidate, analyzer));
    const holders = matches.flatMap((match, index) => (match ? [index] : []));
    const [only] = holders;
    const match = only === undefined ? undefined : matches[only];
    const candidate = only === undefined ? undefined : candidates[only];
    if (holders.length !== 1 || !match || !candidate || probes >= EVIDENCE_MAX_PROBES)
      return { typed: word, matches, distinctiveIn: undefined };
    probes++;
    const distinctive = heldOnlyBy(store, match.word, candidate.hit.id);
    return { typed: word, matches, distinctiveIn: distinctive ? only : undefined };
  });
}

export interface EvidenceScore {
  readonly candidate: Candidate;
  /** 0–1 share of the typed words, title and distinctive words counting 1, shared body words SHARED_BODY_CREDIT. */
  readonly share: number;
  readonly distinctive: number;
}

function scoreCandidates(
  evidence: readonly WordEvidence[],
  candidates: readonly Candidate[],
): EvidenceScore[] {
  return candidates
    .map((candidate, index) => {
      let credit = 0;
      let distinctive = 0;
      for (const word of evidence) {
        const match = word.matches[index];
        if (!match) continue;
        const isDistinctive = word.distinctiveIn === index;
        if (isDistinctive) distinctive++;
        credit += match.place === 'title' || isDistinctive ? 1 : SHARED_BODY_CREDIT;
      }
      return { candidate, share: evidence.length ? credit / evidence.length : 0, distinctive };
    })
    .sort((a, b) => b.share - a.share);
}

async function readCandidates(store: ArticleStore, hits: readonly SearchHit[]) {
  const live = hits.filter((hit) => hit.score > 0);
  const read = await Promise.all(live.map((hit) => store.get(hit.id)));
  return live.flatMap((hit, index) => {
    const article = read[index];
    return article ? [readCandidate(hit, article)] : [];
  });
}

/** Search hits for the start of each typed word that none of the candidates holds (see PREFIX_PROBE_CHARS). */
function hitsForUnfound(
  store: ArticleStore,
  typed: readonly TypedWord[],
  candidates: readonly Candidate[],
  analyzer: TermAnalyzer,
) {
  const known = new Set(candidates.map((candidate) => candidate.hit.id));
  const unfound = typed.filter(
    (word) =>
      word.folded.length >= MIN_FUZZY_WORD_CHARS &&
      !candidates.some((candidate) => matchIn(word, candidate, analyzer) !== undefined),
  );
  const extra: SearchHit[] = [];
  for (const word of unfound.slice(0, PREFIX_PROBES)) {
    const spellings = isLatin(word.folded) ? [word.folded, cyrillicGuess(word.folded)] : [word.folded];
    for (const spelling of spellings) {
      for (const hit of store.search(spelling.slice(0, PREFIX_PROBE_CHARS), PREFIX_PROBE_HITS)) {
        if (!known.has(hit.id)) extra.push(hit);
        known.add(hit.id);
      }
    }
  }
  return extra;
}

/** The article the typed words point to by the evidence above, or undefined when it is not sure. */
export async function judgeByEvidence(
  store: ArticleStore,
  text: string,
  hits: readonly SearchHit[],
  analyzer: TermAnalyzer,
): Promise<StoredArticle | undefined> {
  const typed = typedWords(text, analyzer);
  if (typed.length === 0) return undefined;
  const found = await readCandidates(store, hits);
  const candidates = [
    ...found,
    ...(await readCandidates(store, hitsForUnfound(store, typed, found, analyzer))),
  ];
  const evidence = weighWords(store, typed, candidates, analyzer);
  const [best, runnerUp] = scoreCandidates(evidence, candidates);
  if (!best || best.distinctive === 0) return undefined;
  if (typed.length < EVIDENCE_MIN_WORDS) {
    const [only] = typed;
    return only && looksLikeName(only.folded, best.candidate.article) ? best.candidate.article : undefined;
  }
  if (best.share < MIN_EVIDENCE_SHARE) return undefined;
  if (runnerUp && best.share - runnerUp.share < MIN_EVIDENCE_MARGIN) return undefined;
  return best.candidate.article;
}
