import {
  EVERY_LANGUAGE,
  isStopword,
  type LookupLanguages,
  queryLanguage,
  TermAnalyzer,
  words,
} from '../../text/analyzer.ts';
import type { Postings } from './postings.ts';

/** Only the start of a pasted essay is read as a query. */
export const MAX_QUERY_CHARS = 500;
const MAX_QUERY_WORDS = 32;
/** Autocomplete of a short prefix ("k") expands to at most this many terms and this many postings. */
const MAX_PREFIX_TERMS = 32;
const MAX_PREFIX_SCAN = 1_000;
const MAX_PREFIX_POSTINGS = 60_000;

export interface QueryWord {
  /** The terms the word may be indexed under, its stem in the query's language first (see analyzer.ts). */
  readonly terms: readonly string[];
  /** Set for the word being typed: terms starting with it match too. */
  readonly prefix: string | undefined;
}

/** A query word resolved against the index: the terms it matches and how many postings they hold. */
export interface ResolvedWord {
  readonly termIds: readonly number[];
  readonly frequency: number;
}

/** Reads a query: folded words, stopwords out, and the last word a prefix when it is still being typed. */
export function parseQuery(
  query: string,
  analyzer = new TermAnalyzer(),
  languages: LookupLanguages = EVERY_LANGUAGE,
): QueryWord[] {
  const text = query.slice(0, MAX_QUERY_CHARS);
  const language = queryLanguage(text);
  const all = words(text, language);
  const typing = /[\p{L}\p{N}]$/u.test(text.trimEnd() === text ? text : '');
  const parsed = new Map<string, QueryWord>();
  all.forEach((word, index) => {
    const prefix = typing && index === all.length - 1 ? word : undefined;
    if (prefix === undefined && isStopword(word, language)) return;
    const terms = analyzer.toTerms(word, language, languages);
    parsed.set(`${terms[0]}|${prefix ?? ''}`, { terms, prefix });
  });
  return [...parsed.values()].slice(-MAX_QUERY_WORDS);
}

/** The word's terms, plus (for the word being typed) the commonest terms it is a prefix of, within a budget. */
export function resolveWord(word: QueryWord, postings: Postings): ResolvedWord {
  const termIds: number[] = [];
  let frequency = 0;
  for (const term of word.terms) {
    const exact = postings.termId(term);
    if (exact === undefined || termIds.includes(exact)) continue;
    termIds.push(exact);
    frequency += postings.frequency(exact);
  }
  if (word.prefix === undefined) return { termIds, frequency };
  const exactIds = [...termIds];
  const expansions = postings
    .withPrefix(word.prefix, MAX_PREFIX_SCAN)
    .filter((id) => !exactIds.includes(id))
    .map((id) => ({ id, frequency: postings.frequency(id) }))
    .sort((a, b) => b.frequency - a.frequency);
  let budget = MAX_PREFIX_POSTINGS;
  for (const expansion of expansions) {
    if (termIds.length >= MAX_PREFIX_TERMS) break;
    if (expansion.frequency > budget) continue;
    termIds.push(expansion.id);
    budget -= expansion.frequency;
    frequency += expansion.frequency;
  }
  return { termIds, frequency };
}
