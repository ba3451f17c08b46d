import { describe, expect, it } from 'vitest';
import { createExtractiveAnswerer } from '../../../src/answer/extractive/index.ts';
import type { Article } from '../../../src/articles/article.ts';
import { collectResult } from '../../../src/cli/eval/evaluate.ts';
import { articleOf } from './samples.ts';

/*
 * Questions as members write them: counts named loosely, "how much more", what someone said, a person by the
 * last name only, and questions in Italian. Wordings here appear nowhere in the code or the evaluation set.
 */
const answerer = createExtractiveAnswerer();
const ask = (article: Article, question: string, language = 'en') =>
  collectResult(answerer.answer(article, question, { language }));
const cited = (result: { citations: readonly { quote: string }[] }) =>
  result.citations.map((citation) => citation.quote).join(' ');

const tolls = articleOf('Tunnel tolls go up as traffic returns to pre-pandemic levels', [
  'Drivers using the Harmsby tunnel will pay 12 percent more from June, the operator Northway said on Friday.',
  'About 41,000 commuters and holidaymakers used the tunnel each day last summer, close to the record set in 2019.',
  'The operator said repairs to the ventilation shafts had taken longer than planned.',
  '"We held prices for three years while our costs climbed every month," said Northway director Priya Lalwani.',
  'Lalwani told the regional assembly the company would also add two night closures a month for maintenance.',
  'The tunnel opened in 1994 and is 3.1 kilometres long.',
]);

const mercato = articleOf(
  'Il mercato coperto riapre dopo due anni di restauri',
  [
    'Il mercato coperto di Porta Nuova riaprirà sabato, dopo due anni di lavori costati 7,2 milioni di euro.',
    'Nei nuovi spazi troveranno posto 64 banchi, quasi il doppio di prima.',
    '"Volevamo un luogo dove fare la spesa e anche incontrarsi", ha detto la vicesindaca Giulia Serra.',
  ],
  'it',
);

describe('extractive answers to questions worded as members word them', () => {
  it('GIVEN a percentage rise WHEN asked how much more drivers will pay THEN the percentage answers it', async () => {
    const result = await ask(tolls, 'How much more will drivers have to pay?');
    expect(result.answered).toBe(true);
    expect(cited(result)).toContain('12 percent more');
  });

  it('GIVEN a count of commuters and holidaymakers WHEN asked how many people use it THEN that count answers', async () => {
    const result = await ask(tolls, 'How many people go through the tunnel every day?');
    expect(result.answered).toBe(true);
    expect(cited(result)).toContain('41,000');
  });

  it('GIVEN a quote by the director WHEN asked how the director reacted THEN the quote answers', async () => {
    const result = await ask(tolls, 'How did Priya Lalwani respond?');
    expect(result.answered).toBe(true);
    expect(cited(result)).toContain('We held prices');
  });

  it('GIVEN a person named in full once WHEN asked by full name about a later sentence THEN that sentence answers', async () => {
    const result = await ask(tolls, 'What did Priya Lalwani tell the regional assembly?');
    expect(result.answered).toBe(true);
    expect(cited(result)).toContain('night closures');
  });

  it('GIVEN an Italian article WHEN asked in Italian how much the works cost THEN the sum answers', async () => {
    const result = await ask(mercato, 'Quanto sono costati i lavori?', 'it');
    expect(result.answered).toBe(true);
    expect(cited(result)).toContain('7,2 milioni di euro');
  });

  it('GIVEN an Italian article WHEN asked in Italian how many stalls there will be THEN the count answers', async () => {
    const result = await ask(mercato, 'Quanti banchi ci saranno?', 'it');
    expect(result.answered).toBe(true);
    expect(cited(result)).toContain('64 banchi');
  });

  it('GIVEN an Italian article WHEN asked something it never says THEN it refuses', async () => {
    const result = await ask(mercato, 'Quanto costa l’affitto di un banco?', 'it');
    expect(result.answered).toBe(false);
  });

  it('GIVEN a quote on prices WHEN asked what the director said about safety THEN the quote does not answer', async () => {
    const result = await ask(tolls, 'What did Priya Lalwani say about safety checks?');
    expect(result.answered).toBe(false);
  });
});

describe('extractive answers on a short article', () => {
  const bakery = articleOf('Fire closes the Mill Street bakery', [
    'The bakery on Mill Street shut its doors on Monday after a fire damaged two of its ovens.',
    'The owner said repairs would take about two months.',
    'Regulars can still buy bread at the family’s second shop near the station.',
  ]);

  it('GIVEN three sentences WHEN the rare word asked about is a noun that is also a verb THEN it still answers', async () => {
    const result = await ask(bakery, 'How long will repairs take?');
    expect(result.answered).toBe(true);
    expect(cited(result)).toContain('about two months');
  });
});
