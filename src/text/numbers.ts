import { normalizeText } from './normalize.ts';

/** Words that state a quantity, in the languages with stop-word lists (normalised: lower case, no accents). */
const QUANTITY_WORDS: ReadonlySet<string> = new Set(
  [
    ...['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'],
    ...['twenty', 'thirty', 'forty', 'fifty', 'hundred', 'hundreds', 'thousand', 'thousands', 'million'],
    ...[
      'millions',
      'billion',
      'billions',
      'trillion',
      'dozen',
      'dozens',
      'half',
      'third',
      'quarter',
      'fifth',
    ],
    ...['percent', 'twice', 'double', 'triple'],
    ...['zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'hundert', 'tausend'],
    ...['millionen', 'milliarde', 'milliarden', 'hälfte', 'drittel', 'viertel', 'prozent'],
    ...['dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'cien', 'mil', 'millón'],
    ...['millones', 'mitad', 'tercio', 'deux', 'trois', 'quatre', 'cinq', 'sept', 'huit', 'neuf', 'dix'],
    ...['cent', 'mille', 'milliard', 'milliards', 'moitié', 'tiers', 'quart'],
    ...['due', 'tre', 'quattro', 'cinque', 'sette', 'otto', 'nove', 'dieci', 'venti', 'trenta', 'cento'],
    ...[
      'mila',
      'milione',
      'milioni',
      'miliardo',
      'miliardi',
      'metà',
      'terzo',
      'quarto',
      'duemila',
      'tremila',
    ],
    ...['percento', 'doppio', 'triplo'],
  ].map(normalizeText),
);

/** Whether a normalised word is a number or names a quantity ("1,200", "nine", "third", "Prozent"). */
export function isQuantityWord(word: string): boolean {
  return /^\p{N}/u.test(word) || QUANTITY_WORDS.has(word);
}
