import { describe, expect, it } from 'vitest';
import { foldText, isStopword, TermAnalyzer, words } from '../../src/text/analyzer.ts';
import { extractTerms, MAX_TERM_CHARS } from '../../src/text/terms.ts';
import { heapGrowthMb } from '../support/heap.ts';

describe('folding and words', () => {
  it('GIVEN accents, case, ß, zero-width and bidi characters THEN they fold to plain lower-case words', () => {
    expect(foldText('Zürich ÉTÉ Straße')).toBe('zurich ete strasse');
    expect(words('Kara\u200Bbakh \u202Eregion\u202C\uFEFF', 'en')).toEqual(['karabakh', 'region']);
    expect(words('İstanbul', 'en')).toEqual(['istanbul']);
  });

  it('GIVEN Discord markup and emoji THEN only the words remain', () => {
    expect(words('<@123456789012345678> **bold** <:wave:987654321098765432> 🚀 [link](x)', 'en')).toEqual([
      'bold',
      'link',
      'x',
    ]);
  });

  it('GIVEN a 300-character word THEN it is cut, not dropped', () => {
    const [word] = words(`${'a'.repeat(300)} end`, 'en');
    expect(word).toHaveLength(MAX_TERM_CHARS);
  });

  it('GIVEN stopwords and English inflections THEN terms keep content words, stemmed', () => {
    expect(new TermAnalyzer().terms('How many people live in the blockaded region?', 'en')).toEqual([
      'peopl',
      'live',
      'blockad',
      'region',
    ]);
  });
});

describe('one analyzer for search and the answerer', () => {
  it("GIVEN an article sentence in German or Spanish THEN the index terms are the answerer's terms", () => {
    const samples = [
      ['de', 'Die Bürgermeisterin gewann die Stichwahlen in Bergheim knapp vor ihrem Herausforderer.'],
      ['es', 'El agua se cortará por las noches en los embalses de Almar durante la sequía.'],
      ['en', 'The ferry crews blockaded the harbours for three days.'],
    ] as const;
    for (const [language, text] of samples) {
      const answerer = extractTerms(text, { language }).map((term) => term.term);
      expect(new TermAnalyzer().terms(text, language)).toEqual(answerer);
    }
  });

  it('GIVEN a query word THEN it is looked up under its stem in every stemmed language, its own first', () => {
    const terms = new TermAnalyzer().toTerms('cortara', 'en');
    expect(terms[0]).toBe('cortara');
    expect(terms).toContain('cort');
  });

  it('GIVEN a single digit or a stray letter THEN the digit is a term and the letter is not', () => {
    expect(extractTerms("3 dockers' wages", { language: 'en' }).map((term) => term.word)).toEqual([
      '3',
      'dockers',
      'wages',
    ]);
    expect(new TermAnalyzer().terms("3 dockers' wages", 'en')).toEqual(['3', 'docker', 'wage']);
  });

  it('GIVEN stop words of one language THEN they are stop words there only', () => {
    expect(isStopword('die', 'de')).toBe(true);
    expect(isStopword('die', 'en')).toBe(false);
    expect(isStopword('said', 'en')).toBe(true);
  });
});

describe('what a feed declaring many languages costs in memory', () => {
  it('GIVEN 24 language tags without a stemmer, each with 40,000 new words THEN the analyzer keeps no memo of them', () => {
    const analyzer = new TermAnalyzer();
    const grown = heapGrowthMb(() => {
      for (let tag = 0; tag < 24; tag++) {
        for (let text = 0; text < 40; text++) {
          const words = Array.from({ length: 1_000 }, (_, i) => `wort${tag}q${text}z${i}`);
          analyzer.termCounts(words.join(' '), `x${tag}`);
        }
      }
    });
    // Remembering each word's unstemmed self took ~110 MB here; the word tables' shared budget is what remains.
    expect(grown).toBeLessThan(40);
    expect(analyzer.terms('wort3q1z7 harbour', 'x3')).toEqual(['wort3q1z7', 'harbour']);
  });
});
