import { describe, expect, it } from 'vitest';
import { guessLanguage } from '../../src/text/language.ts';
import { baseLanguage } from '../../src/text/language-tag.ts';
import { normalizeText } from '../../src/text/normalize.ts';
import { stemWord } from '../../src/text/stem.ts';
import { extractTerms, splitWords } from '../../src/text/terms.ts';

const termsOf = (text: string, language = 'en') => extractTerms(text, { language }).map((term) => term.term);

describe('normalizeText', () => {
  it('GIVEN full-width, accented and upper-case text THEN one folded lower-case form', () => {
    expect(normalizeText('ＭÜLLER Straße Café')).toBe('muller strasse cafe');
    expect(normalizeText('Ёлка')).toBe('елка');
  });

  it('GIVEN kana with voicing marks THEN the marks stay (they change the word)', () => {
    expect(normalizeText('が')).toBe('が');
  });

  it('GIVEN tags and names of languages THEN the base subtag', () => {
    expect(baseLanguage('de-AT')).toBe('de');
    expect(baseLanguage('German')).toBe('de');
    expect(baseLanguage('')).toBeNull();
  });
});

describe('extractTerms', () => {
  it('GIVEN English THEN stop words go and the rest is Porter-stemmed', () => {
    expect(termsOf('The councillors were voting on the new routes')).toEqual([
      'councillor',
      'vote',
      'new',
      'rout',
    ]);
  });

  it('GIVEN numbers THEN they are kept as terms, grouping marks removed', () => {
    expect(termsOf('About 1,200 volunteers, 5.25 percent and 1.9 billion euros')).toEqual([
      '1200',
      'volunt',
      '5.25',
      'percent',
      '1.9',
      'billion',
      'euro',
    ]);
    expect(termsOf('5,25 Prozent und 1.200 Arbeiter', 'de')).toEqual(['5.25', 'prozent', '1200', 'arbeit']);
  });

  it('GIVEN a word or a number of thousands of characters THEN its term is cut to the same length as any word', () => {
    const digits = '7'.repeat(5_000);
    const grouped = Array.from({ length: 1_000 }, () => '123').join(',');
    for (const text of [digits, grouped, `${digits}.5`, 'x'.repeat(5_000)]) {
      const [term] = termsOf(`Harbour ${text} strike`).filter((found) => found.length > 10);
      expect(term?.length, text.slice(0, 12)).toBe(32);
    }
    // A question quoting the number folds it the same way, so it still finds the article.
    expect(termsOf(`what is ${digits}?`)).toContain('7'.repeat(32));
  });

  it('GIVEN possessives, hyphens and irregular verbs THEN the forms a question would use', () => {
    expect(termsOf('Pashinyan’s office in Nagorno-Karabakh')).toEqual([
      'pashinyan',
      'offic',
      'nagorno',
      'karabakh',
    ]);
    expect(termsOf('Exports fell')).toEqual(termsOf('exports fall'));
  });

  it('GIVEN German, Spanish and French THEN their stop words go and endings are lightly stripped', () => {
    expect(termsOf('Die Hafenarbeiter streiken seit Wochen', 'de')).toEqual([
      'hafenarbeit',
      'streik',
      'woch',
    ]);
    expect(termsOf('Los trabajadores del puerto están en huelga', 'es')).toEqual([
      'trabajador',
      'puert',
      'huelg',
    ]);
    expect(termsOf('Les dockers sont en grève à l’automne', 'fr')).toEqual(['dock', 'greve', 'automn']);
  });

  it('GIVEN Japanese without spaces THEN it is cut into words by the dictionary', () => {
    expect(splitWords('東京都に住んでいます')).toContain('東京');
  });

  it('GIVEN a stemmer per language THEN English uses Porter and unknown languages are left alone', () => {
    expect(stemWord('running', 'en')).toBe('run');
    expect(stemWord('running', 'xx')).toBe('running');
    expect(stemWord('2020', 'en')).toBe('2020');
  });
});

describe('guessLanguage', () => {
  it('GIVEN text in a language with a stop-word list THEN that language', () => {
    expect(guessLanguage('The council said that it would not be able to pay for the line.')).toBe('en');
    expect(
      guessLanguage('Der Rat sagte, dass die Linie nicht bezahlt werden kann und dass es teuer ist.'),
    ).toBe('de');
    expect(
      guessLanguage('El consejo dijo que la línea no se puede pagar y que es muy cara para la ciudad.'),
    ).toBe('es');
    expect(
      guessLanguage('Le conseil a dit que la ligne ne peut pas être payée et que les travaux sont chers.'),
    ).toBe('fr');
    expect(guessLanguage('Совет заявил, что линия слишком дорогая.')).toBe('ru');
    expect(guessLanguage('東京都に住んでいます')).toBe('ja');
  });
});
