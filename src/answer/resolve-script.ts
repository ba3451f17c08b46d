/**
 * Names cross scripts: a member reading a Russian article may type "Novosibirsk" for "Новосибирск". Words are
 * compared after folding (lower case, no diacritics: "й" is already "и"), with the common romanisation of
 * Cyrillic; a Latin word is also guessed back into Cyrillic to ask the index for words starting like it.
 */
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'i',
  є: 'ye',
  ґ: 'g',
};
/** Longest Latin spellings first, so "shch" is read before "sh" and "s". */
const LATIN_TO_CYRILLIC: readonly (readonly [string, string])[] = [
  ['shch', 'щ'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ts', 'ц'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['yu', 'ю'],
  ['ya', 'я'],
  ['yo', 'е'],
  ['a', 'а'],
  ['b', 'б'],
  ['v', 'в'],
  ['w', 'в'],
  ['g', 'г'],
  ['d', 'д'],
  ['e', 'е'],
  ['z', 'з'],
  ['i', 'и'],
  ['y', 'и'],
  ['j', 'и'],
  ['k', 'к'],
  ['c', 'к'],
  ['q', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['u', 'у'],
  ['f', 'ф'],
  ['h', 'х'],
  ['x', 'кс'],
];
const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN_ONLY = /^[a-z]+$/;

export const isCyrillic = (word: string) => CYRILLIC.test(word);
export const isLatin = (word: string) => LATIN_ONLY.test(word);

/** The Latin spelling of a folded Cyrillic word ("новосибирске" → "novosibirske"); other words as they are. */
export function romanised(word: string): string {
  if (!isCyrillic(word)) return word;
  let out = '';
  for (const letter of word) out += CYRILLIC_TO_LATIN[letter] ?? letter;
  return out;
}

/** A guess of the Cyrillic spelling of a folded Latin word, good enough for its first letters. */
export function cyrillicGuess(word: string): string {
  let out = '';
  let at = 0;
  while (at < word.length) {
    const rule = LATIN_TO_CYRILLIC.find(([latin]) => word.startsWith(latin, at));
    out += rule ? rule[1] : word.charAt(at);
    at += rule ? rule[0].length : 1;
  }
  return out;
}
