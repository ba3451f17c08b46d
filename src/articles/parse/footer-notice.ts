import type { Concept } from './footer-concepts.ts';
import {
  type BodyProfile,
  bodyProfile,
  contrastScore,
  FOREIGN_VOCABULARY_BONUS,
  isDetached,
  type Ties,
  type Token,
  tiesOf,
  tokenize,
  worstContrast,
} from './footer-contrast.ts';
import { hasKnownLabel, matchesKnownPhrase } from './footer-phrases.ts';

/**
 * Whether a paragraph at the end of an article is a NOTICE about the publication (the source's disclaimer) rather
 * than the last paragraph of the news. A notice talks about the text, the site, its editors or authors (at least
 * one of those is required), combines several notice concepts (opinions, translation, review, responsibility…),
 * and has nothing of news about events: no reported speech, no dates, no actors, none of the body's names, numbers
 * or vocabulary. Each feature adds to or takes from a score; the threshold was set on the tuning set
 * (test/fixtures/footers/tuning.json) and checked against files whose last paragraph must stay body.
 */
export const NOTICE_THRESHOLD = 3.5;
/** A disclaimer is a short notice; a longer paragraph is body text whatever it says. */
export const NOTICE_MAX_CHARS = 1_000;
const LONG_NOTICE_CHARS = 500;
/** A detached paragraph is a notice only when short: a long paragraph sharing nothing is a new topic in the body. */
const DETACHED_MAX_CHARS = 300;
/** Words before a noun that make it "this site", "our editors", "diesem Portal". */
const DEIXIS_REACH_TOKENS = 2;

const WEIGHTS = {
  concept: 1,
  deixis: 1.5,
  label: 2,
  knownLabel: 3.5,
  knownPhrase: 3,
  strongCategoryAbove: 2.5,
  sectionNameAbove: 1,
  speech: -3,
  time: -1.5,
  actor: -1.5,
  quotation: -1.5,
  unsupported: -1,
  long: -1,
  detached: 1.5,
  address: 0.5,
} as const;

/** What a notice talks about… */
const SUBJECTS: readonly Concept[] = ['publication', 'editorial', 'text', 'author'];
/** …and what it says about it. */
const NOTIONS: readonly Concept[] = [
  'opinion',
  'endorse',
  'automation',
  'translation',
  'review',
  'liability',
  'rights',
  'advice',
  'origin',
  'commercial',
];

export type CategoryAbove = 'strong' | 'section' | null;

export interface NoticeContext {
  /** The body above the candidate: its first paragraph and the ones nearest above (sampleBody). */
  readonly above: readonly string[];
  /** The line right above the candidate: a category line naming a section ('strong'), a bare section name, or none. */
  readonly categoryAbove: CategoryAbove;
}

/** Evidence from the paragraph alone: which notice concepts it names, and whether it speaks of "this site". */
function ownEvidence(tokens: readonly Token[]) {
  const concepts = new Set<Concept>();
  let deixisAt = Number.NEGATIVE_INFINITY;
  let deixis = false;
  tokens.forEach((token, index) => {
    for (const concept of token.concepts) concepts.add(concept);
    if (token.concepts.includes('deixis') || token.concepts.includes('self')) deixisAt = index;
    else if (index - deixisAt <= DEIXIS_REACH_TOKENS && token.concepts.some((c) => SUBJECTS.includes(c))) {
      deixis = true;
    }
  });
  return { concepts, deixis };
}

/** Direct speech or a quoted name: news quotes people, a notice quotes nobody. */
const QUOTATION = /[“”„«»"]/u;

/** "Hinweis der Redaktion: …", "Please note: …": a short opening label naming a notice. */
function labelScore(paragraph: string): number {
  if (hasKnownLabel(paragraph)) return WEIGHTS.knownLabel;
  const label = /^([^:：.!?]{1,40}?)\s*[:：]\s+\S/u.exec(paragraph)?.[1];
  if (label === undefined) return 0;
  const words = tokenize(label, true);
  // "Hinweis:", or a notion standing as the label itself ("Sponsored:", "Traducción:").
  const named = words.some((w) => w.concepts.some((c) => c === 'label' || NOTIONS.includes(c)));
  return words.length <= (named ? 4 : 0) ? WEIGHTS.label : 0;
}

function newsScore(concepts: ReadonlySet<Concept>): number {
  return (
    (concepts.has('speech') ? WEIGHTS.speech : 0) +
    (concepts.has('time') ? WEIGHTS.time : 0) +
    (concepts.has('actor') ? WEIGHTS.actor : 0)
  );
}

function categoryScore(categoryAbove: CategoryAbove): number {
  if (categoryAbove === 'strong') return WEIGHTS.strongCategoryAbove;
  return categoryAbove === 'section' ? WEIGHTS.sectionNameAbove : 0;
}

export interface NoticeEvidence {
  readonly score: number;
  /** Why: each feature's contribution, for tuning and for tests. */
  readonly features: Readonly<Record<string, number>>;
}

const REJECTED: NoticeEvidence = { score: Number.NEGATIVE_INFINITY, features: {} };

/** What the paragraph says on its own: the notice concepts it combines and how it presents itself. */
function ownFeatures(paragraph: string, tokens: readonly Token[], context: NoticeContext) {
  const { concepts, deixis } = ownEvidence(tokens);
  if (paragraph.includes('©')) concepts.add('rights');
  const label = labelScore(paragraph);
  const selfReference = deixis || concepts.has('self');
  // Speaking to the reader ("you", "vous", "вы") is how a notice advises; news speaks about third parties.
  const address = concepts.has('address');
  // A notice speaks of itself ("this site", "we", "here"), carries a label, or sits under the category line.
  const supported = selfReference || address || label > 0 || context.categoryAbove !== null;
  const subjects = SUBJECTS.filter((c) => concepts.has(c)).length;
  const notions = NOTIONS.filter((c) => concepts.has(c)).length;
  const features: Record<string, number> = {
    subjects: WEIGHTS.concept * subjects,
    notions: WEIGHTS.concept * notions,
    deixis: deixis ? WEIGHTS.deixis : 0,
    address: address ? WEIGHTS.address : 0,
    label,
    category: categoryScore(context.categoryAbove),
    news: newsScore(concepts),
    quotation: QUOTATION.test(paragraph) ? WEIGHTS.quotation : 0,
    long: paragraph.length > LONG_NOTICE_CHARS ? WEIGHTS.long : 0,
    unsupported: supported ? 0 : WEIGHTS.unsupported,
  };
  // It must talk about the text, the site or its people, and either say something notice-like about them
  // (opinions, translation, review…), speak of them as itself ("this portal", "our team"), or sit under a
  // section name. Right below a category line naming a section, the position alone says footer.
  const anchored =
    (subjects > 0 && (notions > 0 || selfReference || context.categoryAbove === 'section')) ||
    label === WEIGHTS.knownLabel ||
    context.categoryAbove === 'strong';
  // Free of news (no speech, dates, actors, quotes) and saying something notice-like: with no subject word it may
  // still be a notice, when the body comparison finds it detached (comparedWithBody).
  const newsFree = features.news === 0 && features.quotation === 0 && paragraph.length <= DETACHED_MAX_CHARS;
  const mayBeDetached =
    newsFree && ((notions > 0 && (supported || notions + subjects > 1)) || (subjects > 0 && supported));
  return { features, anchored, mayBeDetached };
}

const sum = (features: Readonly<Record<string, number>>) =>
  Object.values(features).reduce((total, value) => total + value, 0);

/** The notice score of a paragraph in the footer zone, with its reasons; -Infinity when it cannot be one. */
export function noticeEvidence(paragraph: string, context: NoticeContext): NoticeEvidence {
  if (paragraph.length > NOTICE_MAX_CHARS) return REJECTED;
  const tokens = tokenize(paragraph, true);
  const own = ownFeatures(paragraph, tokens, context);
  const ownScore = sum(own.features);
  // The body comparison adds at most the foreign-vocabulary and detachment bonuses: skipped when even they could
  // not help.
  const bodyAtBest = FOREIGN_VOCABULARY_BONUS + (own.mayBeDetached ? WEIGHTS.detached : 0);
  if (ownScore + bodyAtBest + WEIGHTS.knownPhrase < NOTICE_THRESHOLD) {
    return own.anchored ? { score: ownScore, features: own.features } : REJECTED;
  }
  const ties = tiesOf(tokens);
  const worst = worstContrast(ties);
  if (own.anchored && ownScore + worst >= NOTICE_THRESHOLD) {
    return { score: ownScore + worst, features: { ...own.features, contrastAtWorst: worst } };
  }
  return comparedWithBody(paragraph, ties, own, bodyProfile(context.above));
}

/**
 * The score once the body is read: the contrast, and the detachment bonus for a short, news-free notice-like
 * paragraph sharing no name, number or content word with the body (footer-contrast.ts isDetached). Detachment also
 * anchors a notice that names no subject ("Machine-translated; errors possible"): position, shape and contrast then
 * say more than a missing word.
 */
function comparedWithBody(
  paragraph: string,
  ties: Ties,
  own: ReturnType<typeof ownFeatures>,
  body: BodyProfile,
): NoticeEvidence {
  const detached = own.mayBeDetached && isDetached(ties, body) ? WEIGHTS.detached : 0;
  const compared = {
    ...own.features,
    contrast: contrastScore(ties, body),
    ...(detached > 0 ? { detached } : {}),
  };
  const anchored = own.anchored || detached > 0;
  const score = sum(compared);
  if (anchored && score >= NOTICE_THRESHOLD) return { score, features: compared };
  // The phrase list is costly (two dozen regexes): consulted only when it can change the outcome.
  if (score + WEIGHTS.knownPhrase >= NOTICE_THRESHOLD && matchesKnownPhrase(paragraph)) {
    return { score: score + WEIGHTS.knownPhrase, features: { ...compared, phrase: WEIGHTS.knownPhrase } };
  }
  return anchored ? { score, features: compared } : REJECTED;
}

export function isNotice(paragraph: string, context: NoticeContext): boolean {
  return noticeEvidence(paragraph, context).score >= NOTICE_THRESHOLD;
}
