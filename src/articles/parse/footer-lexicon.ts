import type { Concept } from './footer-concepts.ts';
import { NEWS_AND_STRUCTURE_WORDS } from './footer-words-news.ts';
import { NOTICE_WORDS } from './footer-words-notice.ts';

/** Every concept's words (footer-concepts.ts says how entries match). */
const WORDS: Readonly<Partial<Record<Concept, string>>> = { ...NOTICE_WORDS, ...NEWS_AND_STRUCTURE_WORDS };

const INFIX_MIN_TOKEN_CHARS = 8;
/** Prefixes are filed under their first letters: a token is compared only with the few that share them. */
const PREFIX_HEAD_CHARS = 3;

interface CompiledLexicon {
  readonly exact: ReadonlyMap<string, readonly Concept[]>;
  /** Prefixes by their first letters, with the concept of each at the same index. */
  readonly prefixes: ReadonlyMap<string, { readonly stems: string[]; readonly concepts: Concept[] }>;
  readonly infixes: readonly string[];
  readonly infixConcepts: readonly Concept[];
  /** Any infix at all: one test tells most long tokens they hold none. */
  readonly anyInfix: RegExp;
}

function compile(): CompiledLexicon {
  const exact = new Map<string, Concept[]>();
  const prefixes = new Map<string, { stems: string[]; concepts: Concept[] }>();
  const infixes: string[] = [];
  const infixConcepts: Concept[] = [];
  for (const [concept, words] of Object.entries(WORDS) as [Concept, string][]) {
    for (const entry of words.split(/\s+/).filter(Boolean)) {
      if (entry.startsWith('*') && entry.endsWith('*')) {
        infixes.push(entry.slice(1, -1));
        infixConcepts.push(concept);
      } else if (entry.endsWith('*')) {
        const stem = entry.slice(0, -1);
        const head = stem.slice(0, PREFIX_HEAD_CHARS);
        const bucket = prefixes.get(head) ?? { stems: [], concepts: [] };
        bucket.stems.push(stem);
        bucket.concepts.push(concept);
        prefixes.set(head, bucket);
      } else {
        const concepts = exact.get(entry) ?? [];
        if (!concepts.includes(concept)) exact.set(entry, [...concepts, concept]);
      }
    }
  }
  const anyInfix = new RegExp(
    infixes.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
    'u',
  );
  return { exact, prefixes, infixes, infixConcepts, anyInfix };
}

const LEXICON = compile();
const NONE: readonly Concept[] = Object.freeze([]);

function withConcept(found: readonly Concept[], concept: Concept): readonly Concept[] {
  return found.includes(concept) ? found : [...found, concept];
}

/** The concepts a lowercase token stands for; empty when it is no word of the lexicon. */
export function conceptsOf(token: string): readonly Concept[] {
  let found = LEXICON.exact.get(token) ?? NONE;
  const bucket =
    token.length < PREFIX_HEAD_CHARS ? undefined : LEXICON.prefixes.get(token.slice(0, PREFIX_HEAD_CHARS));
  if (bucket !== undefined) {
    for (let i = 0; i < bucket.stems.length; i++) {
      if (token.startsWith(bucket.stems[i] as string))
        found = withConcept(found, bucket.concepts[i] as Concept);
    }
  }
  if (token.length >= INFIX_MIN_TOKEN_CHARS && LEXICON.anyInfix.test(token)) {
    for (let i = 0; i < LEXICON.infixes.length; i++) {
      if (token.includes(LEXICON.infixes[i] as string))
        found = withConcept(found, LEXICON.infixConcepts[i] as Concept);
    }
  }
  return found;
}
