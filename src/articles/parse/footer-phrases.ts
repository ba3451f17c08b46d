/**
 * Known wordings of disclaimers and their labels. These are EXTRA evidence only (footer-notice.ts): a notice is
 * recognised by its position and the concepts it combines, and a source worded like none of these is still found.
 */

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

/** "Disclaimer: …" — a paragraph opened by a known disclaimer label. */
export function hasKnownLabel(paragraph: string): boolean {
  return LABELLED.test(paragraph);
}

/** A known disclaimer label on a line of its own ("Disclaimer:"), introducing the paragraph below it. */
export function isBareDisclaimerLabel(paragraph: string): boolean {
  return BARE_LABEL.test(paragraph);
}

export function matchesKnownPhrase(paragraph: string): boolean {
  return DISCLAIMER_PHRASES.some((pattern) => pattern.test(paragraph));
}
