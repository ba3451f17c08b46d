import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/sentences.ts';

function texts(paragraph: string, language?: string): string[] {
  return splitSentences(paragraph, language).map((sentence) => sentence.text);
}

describe('splitSentences', () => {
  it('GIVEN titles, months and dotted abbreviations THEN no sentence breaks after them', () => {
    const paragraph =
      'Lead researcher Dr. Hanna Koivu met Mr. Smith and Mrs. Jones at St. Paul at 2 p.m. on Jan. 5. ' +
      'The U.S. and the U.K. agreed, e.g. on trade, i.e. on tariffs, etc. and more. He lives at No. 10.';
    expect(texts(paragraph)).toEqual([
      'Lead researcher Dr. Hanna Koivu met Mr. Smith and Mrs. Jones at St. Paul at 2 p.m. on Jan. 5.',
      'The U.S. and the U.K. agreed, e.g. on trade, i.e. on tariffs, etc. and more.',
      'He lives at No. 10.',
    ]);
  });

  it('GIVEN an abbreviation that ends a sentence THEN the next capitalised sentence still starts anew', () => {
    expect(texts('They moved to the U.K. It was cold. Call at 10 a.m. Tomorrow is fine.')).toEqual([
      'They moved to the U.K.',
      'It was cold.',
      'Call at 10 a.m.',
      'Tomorrow is fine.',
    ]);
  });

  it('GIVEN decimal and grouped numbers THEN they stay inside their sentence', () => {
    expect(texts('Rates rose to 5.25 percent. It cost 1.9 billion euros. About 1,200 people came.')).toEqual([
      'Rates rose to 5.25 percent.',
      'It cost 1.9 billion euros.',
      'About 1,200 people came.',
    ]);
  });

  it('GIVEN initials THEN the name is not cut', () => {
    expect(texts('J. R. R. Tolkien wrote it. It sold well.')).toEqual([
      'J. R. R. Tolkien wrote it.',
      'It sold well.',
    ]);
  });

  it('GIVEN sentences ending inside quotes THEN the closing quote stays with its sentence', () => {
    expect(
      texts('He said "stop." Then he left. She asked, “Why?” He shrugged. “It is over.” They went.'),
    ).toEqual([
      'He said "stop."',
      'Then he left.',
      'She asked, “Why?”',
      'He shrugged.',
      '“It is over.”',
      'They went.',
    ]);
  });

  it('GIVEN an ellipsis inside a sentence THEN it does not split there', () => {
    expect(texts('He waited... and then he spoke. Done.')).toEqual([
      'He waited... and then he spoke.',
      'Done.',
    ]);
  });

  it('GIVEN German with an abbreviation, a date ordinal and a decimal comma THEN the sentences are whole', () => {
    const paragraph =
      'Der Preis stieg um 5,25 Prozent. Dr. Müller sagte, z.B. am 3. Oktober sei alles gut. Das ist gut.';
    expect(texts(paragraph, 'de')).toEqual([
      'Der Preis stieg um 5,25 Prozent.',
      'Dr. Müller sagte, z.B. am 3. Oktober sei alles gut.',
      'Das ist gut.',
    ]);
  });

  it('GIVEN Spanish, French and Russian THEN their titles and marks are handled', () => {
    expect(texts('El Sr. García dijo que sí. ¿Vienes? ¡Claro!', 'es')).toEqual([
      'El Sr. García dijo que sí.',
      '¿Vienes?',
      '¡Claro!',
    ]);
    expect(texts('Mme. Curie a dit « non. » Il est parti.', 'fr')).toEqual([
      'Mme. Curie a dit « non. »',
      'Il est parti.',
    ]);
    expect(texts('Президент сказал, что всё хорошо. Это ул. Тверская.', 'ru')).toEqual([
      'Президент сказал, что всё хорошо.',
      'Это ул. Тверская.',
    ]);
  });

  it('GIVEN Chinese and Japanese full stops THEN each ends a sentence', () => {
    expect(texts('今日は晴れです。明日は雨！本当？')).toEqual(['今日は晴れです。', '明日は雨！', '本当？']);
    expect(texts('他来了。她走了！')).toEqual(['他来了。', '她走了！']);
  });

  it('GIVEN any paragraph THEN every span is the exact text at its offsets, trimmed', () => {
    const paragraph = '  First one.   Second “quoted.”  Third, at 5.25 percent...  ';
    const spans = splitSentences(paragraph);
    expect(spans.length).toBe(3);
    for (const span of spans) {
      expect(paragraph.slice(span.start, span.end)).toBe(span.text);
      expect(span.text).toBe(span.text.trim());
    }
  });

  it('GIVEN an empty or blank paragraph THEN no sentences', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('   ')).toEqual([]);
  });
});
