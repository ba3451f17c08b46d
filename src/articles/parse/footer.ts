import { sampleBody } from './footer-contrast.ts';
import { conceptsOf } from './footer-lexicon.ts';
import { type CategoryAbove, isNotice, NOTICE_MAX_CHARS } from './footer-notice.ts';
import { isBareDisclaimerLabel } from './footer-phrases.ts';

export { isBareDisclaimerLabel };

/**
 * The footer of an article in the site's form: after the last body paragraph, a short category line ("Russia
 * news", "Wirtschaft"), the source's disclaimer and theme leftovers ("Back to top", "Zum Seitenanfang"). It is
 * recognised by POSITION and SHAPE, walking up from the end: short lines below everything else are leftovers (or
 * the category line), a paragraph is the disclaimer when it reads as a notice about the publication
 * (footer-notice.ts), and a short line right above the disclaimer names the section. The first paragraph that fits
 * none of these ends the footer: everything above it is body, whatever it says.
 */

const CATEGORY_MAX_CHARS = 60;
const CATEGORY_MAX_WORDS = 5;
/** A trailing line this short, not ending like a sentence, is page furniture or a section name, not body. */
const SHORT_LINE_MAX_CHARS = 60;
const SHORT_LINE_MAX_WORDS = 6;
const SECTION_NAME_MAX_WORDS = 4;
/** More trailing short lines than this is a list in the body, not a footer. */
const MAX_TRAILING_LINES = 3;
/** Sources print one notice, sometimes two (views; translation); more notice-like paragraphs are body. */
const MAX_DISCLAIMER_PARAGRAPHS = 3;

/** A word for "news" in a category line: "Russia news", "Nachrichten aus Russland", "Новости России". */
const NEWS_WORD = new RegExp(
  `(^|[\\s-])(${[
    'news|nachrichten|noticias|actualités?|nouvelles|infos|новости|новини|notizie|notícias|nieuws|wiadomości',
    'aktualności|haberleri|haberler|nyheter|nyheder|uutiset|uudised|zprávy|správy|hírek|știri|noutăți|vijesti',
    'vesti|вести|novice|naujienos|ziņas|fréttir|berita|ειδήσεις|חדשות|أخبار|خبرها|समाचार|ニュース|新闻|新聞|뉴스',
  ].join('|')})($|[\\s-])`,
  'iu',
);
/** "Category: Politics", "Rubrik: Politik", "Рубрика: Политика". */
const LABELLED_CATEGORY =
  /^(category|categories|section|filed under|posted in|kategorie|rubrik|ressort|categoría|sección|catégorie|rubrique|категория|рубрика|categoria)\s*:\s*(\S.{0,49})$/iu;
const SENTENCE_PUNCTUATION = /[.!?;:…。！？]["”’»)]*$/u;
const SHORT_LINE_END = /[.!?;…。！？]["”’»)]*$/u;
/** A section name: starts with a letter in upper case (or of a script without case), letters and joiners only. */
const SECTION_NAME = /^[\p{Lu}\p{Lo}][\p{L}\p{M}&'’ ,/|>›»·-]{0,39}$/u;
/** Arrows: "Top ↑", "← Back", "▲". (A breadcrumb's "›" separates section names.) */
const UI_SYMBOL = /[↑↓←→▲▼△▽⬆⇧^]/u;
const WORD = /[\p{L}\p{M}]+/gu;
/** "© 2025 Valley Times", "(c) Harbour Gazette", "Copyright 2024 …": the theme's copyright line. */
const COPYRIGHT_LINE = /^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))/iu;
const COPYRIGHT_LINE_MAX_CHARS = 200;

const wordCount = (line: string) => line.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** The category named by a line ("Economy news", "Category: Politics"), or null when it names none. */
export function categoryOf(line: string): string | null {
  if (line.length > CATEGORY_MAX_CHARS) return null;
  const labelled = LABELLED_CATEGORY.exec(line);
  if (labelled?.[2]) return labelled[2].trim();
  if (SENTENCE_PUNCTUATION.test(line) || line.split(' ').length > CATEGORY_MAX_WORDS) return null;
  return NEWS_WORD.test(line) ? line : null;
}

/** Page furniture: a line with a button's words ("Print this article", "Nach oben scrollen") or an arrow. */
function isUiLine(line: string): boolean {
  if (UI_SYMBOL.test(line)) return true;
  return (line.toLowerCase().match(WORD) ?? []).some((word) => conceptsOf(word).includes('ui'));
}

function isCopyrightLine(line: string): boolean {
  return line.length <= COPYRIGHT_LINE_MAX_CHARS && COPYRIGHT_LINE.test(line);
}

function isShortLine(line: string): boolean {
  return (
    line.length <= SHORT_LINE_MAX_CHARS &&
    !SHORT_LINE_END.test(line) &&
    wordCount(line) <= SHORT_LINE_MAX_WORDS
  );
}

/** A bare section name ("Business", "Culture et loisirs", "Экономика"): no sentence, no digits, no button. */
function isSectionName(line: string): boolean {
  return SECTION_NAME.test(line) && wordCount(line) <= SECTION_NAME_MAX_WORDS && !isUiLine(line);
}

/** Lines that never join a neighbouring line into one paragraph. */
export function standsAlone(line: string): boolean {
  return categoryOf(line) !== null || isBareDisclaimerLabel(line) || isSectionName(line);
}

function categoryAbove(line: string | undefined): CategoryAbove {
  if (line === undefined) return null;
  if (categoryOf(line) !== null) return 'strong';
  return isSectionName(line) ? 'section' : null;
}

export interface SplitFooter {
  readonly body: string[];
  readonly category: string | null;
  readonly disclaimer: string | null;
}

interface Walk {
  /** paragraphs[0, end) are not footer (yet). */
  end: number;
  category: string | null;
  readonly disclaimers: string[];
  /** Short lines below every other footer part, top first: leftovers, or the category line. */
  readonly trailing: string[];
  /** More short lines than a footer has: a list at the end of the body. */
  listAtEnd: boolean;
}

/** Takes the paragraph right above the footer found so far into the footer; false when it is body. */
function takeOne(paragraphs: readonly string[], walk: Walk): boolean {
  const last = paragraphs[walk.end - 1] ?? '';
  const before = paragraphs[walk.end - 2];
  const footerSeen = walk.disclaimers.length > 0 || walk.category !== null;
  const roomForNotice = walk.disclaimers.length < MAX_DISCLAIMER_PARAGRAPHS;
  // A bare "Disclaimer:" heading is joined to the paragraph it introduces, within the same cap as other notices.
  if (
    roomForNotice &&
    before !== undefined &&
    isBareDisclaimerLabel(before) &&
    last.length <= NOTICE_MAX_CHARS
  ) {
    walk.disclaimers.unshift(`${before.replace(/\s*[:：]?$/u, ':')} ${last}`);
    walk.end -= 2;
    return true;
  }
  const category = walk.category === null && !isCopyrightLine(last) ? categoryOf(last) : null;
  if (isBareDisclaimerLabel(last) || isCopyrightLine(last) || category !== null) {
    walk.category ??= category;
    walk.end -= 1;
    return true;
  }
  if (isShortLine(last)) {
    if (footerSeen) return takeSectionName(last, walk);
    if (walk.trailing.length >= MAX_TRAILING_LINES) {
      walk.listAtEnd = true;
      return false;
    }
    walk.trailing.unshift(last);
    walk.end -= 1;
    return true;
  }
  if (!roomForNotice) return false;
  const above = categoryAbove(before);
  // The category line above a candidate is footer, not body: the candidate is compared with what is above it.
  const context = {
    above: sampleBody(paragraphs, walk.end - (above === null ? 1 : 2)),
    categoryAbove: above,
  };
  if (!isNotice(last, context)) return false;
  walk.disclaimers.unshift(last);
  walk.end -= 1;
  return true;
}

/** A short line above the disclaimer is its section name; above a category line, it is body. */
function takeSectionName(line: string, walk: Walk): boolean {
  if (walk.category !== null || walk.disclaimers.length === 0 || !isSectionName(line)) return false;
  walk.category = line;
  walk.end -= 1;
  return true;
}

/**
 * The trailing short lines: buttons are dropped; the first section name is the category when none was found above;
 * the rest is dropped as leftovers when there is a footer, and given back to the body when there is none. A list
 * of short lines ending the body is given back whole.
 */
function settleTrailing(walk: Walk): string[] {
  if (walk.listAtEnd) return walk.trailing;
  const kept: string[] = [];
  for (const line of walk.trailing) {
    if (isUiLine(line)) continue;
    if (walk.category === null && isSectionName(line)) walk.category = line;
    else kept.push(line);
  }
  return walk.category !== null || walk.disclaimers.length > 0 ? [] : kept;
}

/**
 * Splits the trailing footer off the paragraphs: the disclaimer paragraphs (joined by a blank line when there are
 * two), at most one category line, and the leftovers below them.
 */
export function splitFooter(paragraphs: readonly string[]): SplitFooter {
  const walk: Walk = {
    end: paragraphs.length,
    category: null,
    disclaimers: [],
    trailing: [],
    listAtEnd: false,
  };
  while (walk.end > 0 && takeOne(paragraphs, walk)) {}
  const givenBack = settleTrailing(walk);
  const disclaimer = walk.disclaimers.length > 0 ? walk.disclaimers.join('\n\n') : null;
  return { body: [...paragraphs.slice(0, walk.end), ...givenBack], category: walk.category, disclaimer };
}
