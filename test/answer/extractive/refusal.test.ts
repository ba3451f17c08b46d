import { describe, expect, it } from 'vitest';
import { createExtractiveAnswerer } from '../../../src/answer/extractive/index.ts';
import type { Article } from '../../../src/articles/article.ts';
import { collectResult } from '../../../src/cli/eval/evaluate.ts';
import { articleOf } from './samples.ts';

/*
 * Refusals from the question's structure: questions that reuse the article's names but ask for something it
 * does not say. Wordings here appear nowhere in the code or the evaluation set.
 */
const answerer = createExtractiveAnswerer();
const ask = (article: Article, question: string) =>
  collectResult(answerer.answer(article, question, { language: 'en' }));

const library = articleOf('City library director steps down after budget row', [
  'The director of the Fenwick City Library, Grace Adeyemi, stepped down on Wednesday after the council cut the library budget by 18 percent.',
  'Deputy director Tomas Varga was named acting director while the council looks for a permanent appointment.',
  'Adeyemi said the cuts would force three branches to close on Saturdays. The Green Party, which holds 9 of the 40 seats, called for the cuts to be reversed.',
  'The council approved 2.4 million pounds for new cycle lanes at the same meeting.',
  'A new central library will be built at Quarry Gate, next to the bus station.',
]);

describe('extractive refusals that share the names but not the question', () => {
  it('GIVEN an official who resigned WHEN asked who will succeed her THEN it says the article does not say', async () => {
    const result = await ask(library, 'Who will succeed Adeyemi as director of the library?');
    expect(result.answered).toBe(false);
    expect(result.citations).toEqual([]);
  });

  it('GIVEN a party named in the article WHEN asked for its candidate for a post THEN it refuses', async () => {
    const result = await ask(library, 'Who is the Green Party candidate for mayor?');
    expect(result.answered).toBe(false);
  });

  it('GIVEN other sums of money in the article WHEN asked what something never priced costs THEN it refuses', async () => {
    const result = await ask(library, 'How much will the new central library cost?');
    expect(result.answered).toBe(false);
  });

  it('GIVEN a count of the things asked about WHEN asked how many of them underwent something else THEN it refuses', async () => {
    const result = await ask(library, 'How many branches will reopen on Saturdays?');
    expect(result.answered).toBe(false);
  });

  it('GIVEN a person quoted on one subject WHEN asked what they said about another THEN names alone do not answer', async () => {
    const result = await ask(library, 'What did Grace Adeyemi say about the cycle lanes?');
    expect(result.answered).toBe(false);
  });

  it('GIVEN the person the question asks for is named THEN a "who" question is answered with that sentence', async () => {
    const result = await ask(library, 'Who was named acting director?');
    expect(result.answered).toBe(true);
    expect(result.citations.map((citation) => citation.quote)).toContain(
      'Deputy director Tomas Varga was named acting director while the council looks for a permanent appointment.',
    );
  });

  it('GIVEN the place is named THEN a "where" question is answered, and the quote is exact', async () => {
    const result = await ask(library, 'Where will the new central library be built?');
    expect(result.answered).toBe(true);
    expect(result.text).toContain('Quarry Gate');
    for (const citation of result.citations)
      expect(library.paragraphs[citation.paragraph]).toContain(citation.quote);
  });

  it('GIVEN a Spanish article that dates an event THEN a Spanish "when" question finds the date', async () => {
    const bridge = articleOf(
      'El nuevo puente del puerto abrirá en primavera',
      [
        'El ayuntamiento confirmó que el nuevo puente del puerto abrirá al tráfico el 14 de marzo.',
        'La obra ha costado 38 millones de euros y tiene 420 metros de longitud.',
        'Los vecinos del barrio pidieron más pasos de peatones en los accesos.',
      ],
      'es',
    );
    const answered = await collectResult(
      answerer.answer(bridge, '¿Cuándo abrirá el puente?', { language: 'es' }),
    );
    expect(answered.text).toContain('14 de marzo');
    const refused = await collectResult(
      answerer.answer(bridge, '¿Quién diseñó el puente del puerto?', { language: 'es' }),
    );
    expect(refused.answered).toBe(false);
  });
});
