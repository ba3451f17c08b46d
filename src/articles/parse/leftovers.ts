/**
 * Theme leftovers: page furniture a scraper copies along with the article (buttons, share bars, "related"
 * headings). They are matched as whole lines only, case-insensitively and ignoring decoration such as a trailing
 * colon, ellipsis or arrow, so a sentence that merely contains "read more" is never touched.
 */
const LEFTOVER_LINES: readonly string[] = [
  // English
  'back to top button',
  'back to top',
  'scroll to top',
  'go to top',
  'read more',
  'read next',
  'continue reading',
  'share this',
  'share this article',
  'share this story',
  'share',
  'share on facebook',
  'share on twitter',
  'share on x',
  'share via email',
  'tweet',
  'print',
  'print this page',
  'email',
  'like this',
  'like',
  'like loading',
  'loading',
  'click to share on facebook (opens in new window)',
  'click to share on twitter (opens in new window)',
  'click to print (opens in new window)',
  'facebook',
  'twitter',
  'whatsapp',
  'telegram',
  'linkedin',
  'pinterest',
  'reddit',
  'skip to content',
  'advertisement',
  'sponsored',
  'leave a reply',
  'leave a comment',
  'comments',
  'previous article',
  'next article',
  'previous post',
  'next post',
  'subscribe',
  'follow us',
  // German
  'nach oben',
  'zurück nach oben',
  'zurück zum anfang',
  'weiterlesen',
  'mehr lesen',
  'teilen',
  'diesen artikel teilen',
  'drucken',
  'wird geladen',
  // Spanish
  'volver arriba',
  'ir arriba',
  'leer más',
  'seguir leyendo',
  'compartir',
  'imprimir',
  'cargando',
  // French
  'retour en haut',
  'haut de page',
  'lire la suite',
  'en savoir plus',
  'partager',
  'imprimer',
  'chargement',
  // Russian
  'наверх',
  'вернуться наверх',
  'читать далее',
  'подробнее',
  'поделиться',
  'печать',
  'загрузка',
  // Italian, Portuguese
  'torna su',
  'leggi di più',
  'condividi',
  'stampa',
  'voltar ao topo',
  'leia mais',
  'compartilhar',
];

/**
 * Headings of a "related articles" box. Besides being dropped themselves, they take with them the lines right
 * below them in the same block that look like linked titles (no sentence punctuation at the end).
 */
const RELATED_HEADINGS: readonly string[] = [
  'related articles',
  'related posts',
  'related stories',
  'related news',
  'related',
  'read also',
  'see also',
  'more news',
  'you may also like',
  'you might also like',
  'recommended',
  'ähnliche artikel',
  'verwandte artikel',
  'lesen sie auch',
  'auch interessant',
  'artículos relacionados',
  'noticias relacionadas',
  'lee también',
  'te puede interesar',
  'articles similaires',
  'articles connexes',
  'à lire aussi',
  'lire aussi',
  'похожие статьи',
  'похожие новости',
  'читайте также',
  'articoli correlati',
  'leggi anche',
  'artigos relacionados',
  'leia também',
];

const LEFTOVER_SET = new Set(LEFTOVER_LINES);
const RELATED_SET = new Set(RELATED_HEADINGS);
/** Longest line worth looking up; anything longer is prose. */
const LEFTOVER_MAX_CHARS = 60;
/** Decoration around a leftover: "Share this:", "Read more »", "Loading...", "← Previous post". */
const DECORATION = /^[\s:.…»«›‹→←>|•·*–—-]+|[\s:.…»«›‹→←>|•·*–—-]+$/gu;

function leftoverKey(line: string): string {
  return line.replace(DECORATION, '').toLowerCase();
}

export type LeftoverKind = 'leftover' | 'related-heading';

/** Whether a trimmed line is theme furniture, and of which kind; null for content. */
export function leftoverKind(line: string): LeftoverKind | null {
  if (line.length === 0 || line.length > LEFTOVER_MAX_CHARS) return null;
  const key = leftoverKey(line);
  if (RELATED_SET.has(key)) return 'related-heading';
  return LEFTOVER_SET.has(key) ? 'leftover' : null;
}

/** A linked title under a "related" heading: short and not ending like a sentence. */
export function looksLikeLinkedTitle(line: string): boolean {
  return line.length > 0 && line.length <= 160 && !/[.!?…:;。！？]["”’»)]*$/u.test(line);
}

/**
 * Drops theme leftovers from cleaned lines. Every removed leftover becomes a paragraph break, so text on either
 * side of it is never glued together.
 */
export function dropLeftovers(lines: readonly string[]): string[] {
  const kept: string[] = [];
  let inRelatedList = false;
  for (const line of lines) {
    const kind = leftoverKind(line);
    if (kind !== null) {
      kept.push('');
      inRelatedList = kind === 'related-heading';
      continue;
    }
    if (line === '') inRelatedList = false;
    if (inRelatedList && looksLikeLinkedTitle(line)) {
      kept.push('');
      continue;
    }
    inRelatedList = false;
    kept.push(line);
  }
  return kept;
}
