import { createHash } from 'node:crypto';
import type { Article } from '../../src/articles/article.ts';
import { seededRandom } from './random.ts';

/**
 * A deterministic corpus of articles in several languages, with the text ingest finds hard: accents and case
 * (NFKC forms, ß, Cyrillic ё), numbers with decimal and grouping marks, hyphens, apostrophes and elisions,
 * invisible characters, Discord markup, Chinese and Japanese runs, emoji and very long words. Used to pin what
 * ingest stores and what search returns, so a faster ingest can be shown to change nothing.
 */
const WORDS: Readonly<Record<string, readonly string[]>> = {
  en: `the of and to in said government minister election police border talks water prices market council court
    workers strike blockade blockaded blockading region energy school schools children Pashinyan's dockers' U.S
    isn't won't they're Nagorno-Karabakh rock-and-roll 1,200 5.25 3.1415 2026 report reports reporting`.split(
    /\s+/,
  ),
  de: `der die das und zu den nicht Regierung Minister Wahl Polizei Grenze Gespräche Wasser Preise Markt Straße
    Größe Müller Zürich ZÜRICH Gemeinderat Arbeiter Streik Blockade Region Energie Schule Kinder 1.200,50 3,5
    Donaudampfschifffahrtsgesellschaftskapitänswitwe Bundesverfassungsgericht Öl-Preise`.split(/\s+/),
  es: `el la de que y en los las gobierno ministro elección policía frontera conversaciones agua precios mercado
    consejo tribunal trabajadores huelga bloqueo región energía escuela niños cortes año años señor 1.200,50
    pingüino camión`.split(/\s+/),
  fr: `le la les de des et en un une gouvernement ministre élection police frontière négociations eau prix marché
    conseil tribunal travailleurs grève blocus région énergie école enfants l'aéroport d'Arménie qu'il aujourd'hui
    c'est l’État 1 200,50 œuvre cœur`.split(/\s+/),
  ru: `и в не на что он с по правительство министр выборы полиция граница переговоры вода цены рынок совет суд
    рабочие забастовка блокада регион энергия школа дети ёлка Ёлка елка 1.200,50 Карабах`.split(/\s+/),
  odd: `ｆｕｌｌｗｉｄｔｈ ﬁnance zu\u200Brich soft\u00ADhyphen <@123456> <#987> <a:wave:42> 北京的天气很好 東京の天気
    😀 naïve café Ångström İstanbul ΣΟΦΙΑ σοφία 𝐁𝐨𝐥𝐝 x1y2z3 ab-cd-ef-gh 000123 1e10 ´quoted´ ‘single’ "double"
    aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
    ÄÖÜäöüßẞ-Mix`.split(/\s+/),
};
const LANGUAGES = ['en', 'de', 'es', 'fr', 'ru'] as const;

function sentence(random: () => number, language: string): string {
  const own = WORDS[language] ?? [];
  const odd = WORDS.odd ?? [];
  const length = 6 + Math.floor(random() * 14);
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    const list = random() < 0.1 ? odd : own;
    words.push(list[Math.floor(list.length ** random()) - 1] ?? 'news');
  }
  return `${words.join(random() < 0.1 ? ',  ' : ' ')}${random() < 0.2 ? '?' : '.'}`;
}

export function mixedCorpus(count: number, seed = 7): Article[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const language = LANGUAGES[index % LANGUAGES.length] as string;
    const paragraphs = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
      Array.from({ length: 1 + Math.floor(random() * 4) }, () => sentence(random, language)).join(' '),
    );
    // Every fifth article declares no language (guessed from its text); some declare a region tag.
    const declared = index % 5 === 4 ? null : index % 7 === 0 ? `${language}-XX` : language;
    const title = sentence(random, language).slice(0, -1);
    const hash = createHash('sha256').update(title).update(paragraphs.join('\n')).digest('hex').slice(0, 16);
    return {
      ...{ id: `mixed-${index}`, title, paragraphs, category: index % 2 === 0 ? 'World' : null },
      ...{
        disclaimer: null,
        url: `https://news.example/${language}/${index}`,
        source: 'corpus',
        language: declared,
      },
      ...{ publishedAt: new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString(), hash },
    };
  });
}

/** Queries across the corpus's languages and its odd text, plus a few that match nothing or everything. */
export const SNAPSHOT_QUERIES: readonly string[] = [
  'election',
  'blockade',
  'blockaded border',
  'water prices',
  'Pashinyan',
  'Nagorno Karabakh',
  'U.S. workers',
  '1,200',
  '5.25',
  'reports on schools',
  'Straße',
  'strasse',
  'Zurich',
  'Müller',
  'Bundesverfassungsgericht',
  'Öl-Preise',
  'elección policía',
  'cortes de agua',
  'niños escuela',
  'pingüino',
  'aéroport',
  "l'aéroport",
  'grève',
  'coeur',
  'État',
  'выборы',
  'елка',
  'ёлка',
  'Карабах',
  'блокада регион',
  '北京',
  '東京',
  'naive cafe',
  'finance',
  'fullwidth',
  'σοφία',
  'Istanbul',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  '',
  'the of and',
  'what did the minister say about the strike?',
  'x1y2z3',
  'Ångström',
];
