import { describe, expect, it } from 'vitest';
import { isStopword, TermAnalyzer, words } from '../../src/text/analyzer.ts';
import { stemWord } from '../../src/text/stem.ts';
import { seededRandom } from '../support/random.ts';

/** termCounts spelled out: every word folded, checked and stemmed on its own, nothing remembered. */
function referenceCounts(text: string, language: string) {
  const counts = new Map<string, number>();
  let length = 0;
  for (const word of words(text, language)) {
    if (isStopword(word, language)) continue;
    const term = stemWord(word, language);
    counts.set(term, (counts.get(term) ?? 0) + 1);
    length++;
  }
  return { counts: [...counts], length };
}

const counted = (analyzer: TermAnalyzer, text: string, language: string) => {
  const { counts, length } = analyzer.termCounts(text, language);
  return { counts: [...counts], length };
};

/** Pieces that decide how a word splits, folds and stems, in several languages and scripts. */
const PIECES = [
  ...['The', 'the', 'ports', 'Ports', 'blockaded', 'BLOCKADING', 'said', 'a', 's', 'U.S.', "rock'n'roll"],
  ...["dockers'", "Pashinyan's", 'Pashinyan\u2019s', 'Nagorno-Karabakh', 'A&E', '1,200', '5.25', '1.200,5'],
  ...["l'aéroport", 'l\u2019été', "dell'anno", "all'aeroporto", "quest'anno", 'Zürich', 'ZURICH', 'Straße'],
  ...['Bürgermeisterin', 'Stichwahlen', 'cortará', 'sequía', 'блокада', 'Москва', '北京市政府', 'とうきょう'],
  ...['kara\u200Bbakh', '<@123456789012345678>', '<:wave:987654321098765432>', '🚀', 'ﬁnance', 'ＡＢＣ'],
  // Two words whose characters hash alike in the word table: neither may get the other's term.
  ...['etyryl', 'mjidmt', '2024', '7', 'x'.repeat(40), 'y'.repeat(41), 'z'.repeat(300), 'é'.repeat(45)],
];
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', '\n', '-', '—', "'", '.', ' (', ') ', '\t'];
const LANGUAGES = ['en', 'de', 'fr', 'it', 'es', 'ru', 'zh', 'x-made-up'];

function variedText(random: () => number, words: number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  let text = '';
  for (let i = 0; i < words; i++) {
    // Some words made up on the spot, so the analyzer keeps meeting new ones among those it knows.
    const word = random() < 0.2 ? `${pick(PIECES).slice(0, 6)}${Math.floor(random() * 50)}q` : pick(PIECES);
    text += word + pick(SEPARATORS);
  }
  return text;
}

describe('termCounts', () => {
  it('GIVEN 1,500 varied texts in several languages THEN one busy analyzer counts exactly what analysing each word afresh counts', () => {
    const random = seededRandom(17);
    const analyzer = new TermAnalyzer();
    for (let i = 0; i < 1_500; i++) {
      // Every other text plain ASCII: that path scans character codes instead of the Unicode regex.
      const ascii = i % 2 === 0;
      const raw = variedText(random, 1 + Math.floor(random() * 60));
      const text = ascii ? raw.replace(/[^\x20-\x7e\n\t]/g, ' ') : raw;
      const language = LANGUAGES[i % LANGUAGES.length] as string;
      expect(counted(analyzer, text, language)).toEqual(referenceCounts(text, language));
    }
  });

  it('GIVEN one text of 80,000 distinct words, repeated THEN the counts stay exact while the analyzer forgets and relearns', () => {
    const analyzer = new TermAnalyzer();
    const distinct = Array.from({ length: 80_000 }, (_, i) => `w${i.toString(36)}ed`);
    const text = `${distinct.join(' ')} ${distinct.slice(0, 500).join(' ')} blockaded Ports`;
    expect(counted(analyzer, text, 'en')).toEqual(referenceCounts(text, 'en'));
    expect(counted(analyzer, text, 'en')).toEqual(referenceCounts(text, 'en'));
  });

  it('GIVEN a title THEN terms lists the same terms termCounts counts, in order, repeats kept', () => {
    const analyzer = new TermAnalyzer();
    const title = 'Blockaded ports: the ports blockaded again, Zürich and l\u2019aéroport 1,200 workers';
    for (const language of ['en', 'fr']) {
      const terms = analyzer.terms(title, language);
      const expected = words(title, language)
        .filter((word) => !isStopword(word, language))
        .map((word) => stemWord(word, language));
      expect(terms).toEqual(expected);
    }
  });
});
