/**
 * The footer of a scraped article: a short category line ("Russia news") and the source's disclaimer, in any
 * order, at the very end. Only a trailing run of such paragraphs is footer; a body paragraph that merely talks
 * about views, opinions or translation is matched by none of these patterns, because each one names the
 * publication itself ("this article", "the site", "the editors") or starts with a disclaimer label.
 */

/** A disclaimer is a short notice; a longer paragraph is body text whatever it says. */
const DISCLAIMER_MAX_CHARS = 1_000;
const CATEGORY_MAX_CHARS = 60;
const CATEGORY_MAX_WORDS = 5;

/** Labels that open a disclaimer: "Disclaimer: …", "Haftungsausschluss: …", "Отказ от ответственности: …". */
const LABELS =
  'disclaimer|haftungsausschluss|aviso legal|descargo de responsabilidad|avertissement|clause de non-responsabilité|' +
  'avis de non-responsabilité|отказ от ответственности|дисклеймер|esclusione di responsabilità|' +
  'isenção de responsabilidade';
const LABELLED = new RegExp(`^(${LABELS})\\s*[:：—–-]`, 'iu');
const BARE_LABEL = new RegExp(`^(${LABELS})\\s*[:：]?$`, 'iu');

/** Wording of disclaimers seen on news sites, per language. Each names the publication, not a news subject. */
const DISCLAIMER_PHRASES: readonly RegExp[] = [
  // English
  /\bnot all news on (the|this) (site|website)\b/iu,
  /\b(views|opinions)\b[^.]{0,60}\bexpressed (in|on|by) (this|the|these|our) (article|site|website|page|post|publication|column|blog|piece|content|story|authors?|writers?|contributors?)\b/iu,
  /\b(do|does) not necessarily (reflect|represent|express)\b[^.]{0,80}\bof (the|this|our) (site|website|publisher|publication|editors?|editorial|newspaper|agency|outlet|portal|channel|management)\b/iu,
  /\b(this|the) (article|text|news|content|story|report|page|post)\b[^.]{0,50}\b(was|is|has been|were|have been) (automatically|machine|auto)[- ]?translated\b/iu,
  /\b(machine|automatic|automated) translation\b[^.]{0,80}\b(may|might|can|could) (contain|include|have)\b/iu,
  /\bfor (general )?information(al)? purposes only\b/iu,
  /\b(are|is) (solely )?those of the (authors?|writers?|contributors?)\b/iu,
  // German
  /nicht alle nachrichten auf (der|dieser) (seite|website|webseite)/iu,
  /nicht (unbedingt|notwendigerweise|zwingend)[^.]{0,60}(meinung|ansicht|standpunkt|position)[^.]{0,30}(redaktion|seite|website|webseite|herausgebers)/iu,
  /(dieser|der) (artikel|text|beitrag|inhalt|meldung)[^.]{0,50}(automatisch|maschinell)[^.]{0,20}übersetzt/iu,
  // Spanish
  /no todas las noticias (del|en el|de este) (sitio|portal)/iu,
  /no (necesariamente )?(refleja|reflejan|representa|representan)[^.]{0,60}(del|de este|de la|de nuestro|de nuestra) (sitio|portal|medio|editor|editorial|redacción|periódico)/iu,
  /(opiniones|puntos de vista) expresad[oa]s en (este|el|esta) (artículo|sitio|texto|nota)/iu,
  /(este|el) (artículo|texto|contenido)[^.]{0,50}(traducid[oa]) automáticamente/iu,
  // French
  /toutes les (nouvelles|actualités|informations) (du|sur le|de ce) site/iu,
  /ne (reflète|reflètent|représente|représentent) pas (nécessairement )?[^.]{0,60}(du site|de la rédaction|de l'éditeur|de ce site|du journal)/iu,
  /opinions exprimées dans (cet|cette|ce) (article|site|texte|tribune)/iu,
  /(cet|cette|ce) (article|texte|dépêche|contenu)[^.]{0,50}tradu(it|ite) automatiquement/iu,
  // Russian
  /не все новости на (сайте|этом сайте)/iu,
  /не (обязательно|всегда|необходимо) (отражает|отражают|совпадает|совпадают)[^.]{0,80}(редакци|сайта|издани)/iu,
  /мнение (автора|авторов)[^.]{0,40}(не совпадать|не совпадает)/iu,
  /(статья|новость|материал|текст)[^.]{0,40}(автоматически переведен|переведен[аоы]? автоматически|переведён[аоы]? автоматически)/iu,
  // Italian, Portuguese
  /non riflett(e|ono) necessariamente[^.]{0,80}(redazione|sito|testata|editore)/iu,
  /(articolo|testo)[^.]{0,50}tradott[oa] automaticamente/iu,
  /não reflete(m)? necessariamente[^.]{0,80}(site|redação|editor|jornal|portal)/iu,
  /(artigo|texto|notícia)[^.]{0,50}traduzid[oa] automaticamente/iu,
];

/** A word for "news" in a category line: "Russia news", "Nachrichten aus Russland", "Новости России". */
const NEWS_WORD =
  /(^|[\s-])(news|nachrichten|noticias|actualités?|nouvelles|infos|новости|новини|notizie|notícias|nieuws|wiadomości|haberleri|haberler|nyheter|uutiset|zprávy|أخبار)($|[\s-])/iu;
/** "Category: Politics", "Rubrik: Politik", "Рубрика: Политика". */
const LABELLED_CATEGORY =
  /^(category|categories|section|filed under|posted in|kategorie|rubrik|ressort|categoría|sección|catégorie|rubrique|категория|рубрика|categoria)\s*:\s*(\S.{0,49})$/iu;
const SENTENCE_PUNCTUATION = /[.!?;:…。！？]["”’»)]*$/u;
/** A bare section name right above a disclaimer ("Business", "Welt"): capitalised, a few words, no punctuation. */
const SECTION_NAME = /^\p{Lu}[\p{L}&' -]{0,29}$/u;
const SECTION_NAME_MAX_WORDS = 3;

export function isDisclaimer(paragraph: string): boolean {
  if (paragraph.length > DISCLAIMER_MAX_CHARS) return false;
  return LABELLED.test(paragraph) || DISCLAIMER_PHRASES.some((pattern) => pattern.test(paragraph));
}

export function isBareDisclaimerLabel(paragraph: string): boolean {
  return BARE_LABEL.test(paragraph);
}

/** The category named by a line, or null when the line is not a category line. */
export function categoryOf(line: string): string | null {
  if (line.length > CATEGORY_MAX_CHARS) return null;
  const labelled = LABELLED_CATEGORY.exec(line);
  if (labelled?.[2]) return labelled[2].trim();
  if (SENTENCE_PUNCTUATION.test(line) || line.split(' ').length > CATEGORY_MAX_WORDS) return null;
  return NEWS_WORD.test(line) ? line : null;
}

/** A category line, or — only when it sits right above a disclaimer — a bare section name. */
function footerCategory(paragraph: string, aboveDisclaimer: boolean): string | null {
  const category = categoryOf(paragraph);
  if (category !== null || !aboveDisclaimer) return category;
  const isSectionName = SECTION_NAME.test(paragraph) && paragraph.split(' ').length <= SECTION_NAME_MAX_WORDS;
  return isSectionName ? paragraph : null;
}

/** Lines that never join a neighbouring line into one paragraph. */
export function standsAlone(line: string): boolean {
  return categoryOf(line) !== null || isBareDisclaimerLabel(line);
}

export interface SplitFooter {
  readonly body: string[];
  readonly category: string | null;
  readonly disclaimer: string | null;
}

/**
 * Splits the trailing footer off the paragraphs: any run of disclaimer paragraphs (a bare "Disclaimer:" heading
 * is joined to the paragraph it introduces) and at most one category line, in any order.
 */
export function splitFooter(paragraphs: readonly string[]): SplitFooter {
  let end = paragraphs.length;
  let category: string | null = null;
  let aboveDisclaimer = false;
  const disclaimers: string[] = [];
  while (end > 0) {
    const last = paragraphs[end - 1] ?? '';
    const before = paragraphs[end - 2];
    const footerCategoryHere: string | null =
      category === null ? footerCategory(last, aboveDisclaimer) : null;
    if (before !== undefined && isBareDisclaimerLabel(before) && last.length <= DISCLAIMER_MAX_CHARS) {
      disclaimers.unshift(`${before.replace(/\s*[:：]?$/u, ':')} ${last}`);
      end -= 2;
    } else if (isDisclaimer(last)) {
      disclaimers.unshift(last);
      end -= 1;
    } else if (isBareDisclaimerLabel(last)) {
      end -= 1;
    } else if (footerCategoryHere !== null) {
      category = footerCategoryHere;
      end -= 1;
    } else {
      break;
    }
    aboveDisclaimer = disclaimers.length > 0 && category === null;
  }
  const disclaimer = disclaimers.length > 0 ? disclaimers.join('\n\n') : null;
  return { body: paragraphs.slice(0, end), category, disclaimer };
}
