import { describe, expect, it } from 'vitest';
import type { ConversationTurn } from '../../../src/answer/conversations.ts';
import { createExtractiveAnswerer } from '../../../src/answer/extractive/index.ts';
import type { AnswerResult } from '../../../src/answer/types.ts';
import { sampleArticle } from '../../support/articles.ts';

/**
 * Offline follow-ups: does the earlier question's subject help the extractive answerer read "it"/"they"/"she"?
 * Each case is a follow-up a member would type after an earlier question, with what a right reply contains (a
 * phrase of the answering sentence, or null when the article does not say). The earlier question is used only when
 * the follow-up finds nothing on its own and points back, so it can turn a "does not say" into an answer, never
 * change an answer.
 */
interface Case {
  readonly file: string;
  readonly earlier: string;
  readonly question: string;
  /** A phrase the right answer quotes; null: the article does not say. */
  readonly expected: string | null;
}

const CASES: readonly Case[] = [
  {
    file: '001_tram_line_vote',
    earlier: 'When does construction begin?',
    question: 'How long will it take?',
    expected: 'last four years',
  },
  {
    file: '001_tram_line_vote',
    earlier: 'Who is Mira Talvik?',
    question: 'What did she say?',
    expected: 'a line for tourists',
  },
  {
    file: '005_vaccine_trial',
    earlier: 'Who is Hanna Koivu?',
    question: 'What did she say?',
    expected: 'no serious side effects',
  },
  {
    file: '005_vaccine_trial',
    earlier: 'What is the trial?',
    question: 'How is it funded?',
    expected: '7.5 million euros',
  },
  {
    file: '003_heatwave_power',
    earlier: 'What did the energy ministry say?',
    question: 'When will they return to service?',
    expected: 'on Thursday',
  },
  {
    file: '001_tram_line_vote',
    earlier: 'How much will the tram line cost?',
    question: 'What colour will it be painted?',
    expected: null,
  },
  {
    file: '004_football_final',
    earlier: 'Who won the final?',
    question: 'Which TV channel showed it?',
    expected: null,
  },
];

const answerer = createExtractiveAnswerer();

async function answer(
  file: string,
  question: string,
  history: readonly ConversationTurn[],
): Promise<AnswerResult> {
  const article = await sampleArticle(`${file}.txt`);
  let result: AnswerResult | undefined;
  for await (const event of answerer.answer(article, question, { language: 'en', history }))
    if (event.type === 'done') result = event.result;
  if (!result) throw new Error('no result');
  return result;
}

const isRight = (result: AnswerResult, expected: string | null) =>
  expected === null ? !result.answered : result.answered && result.text.includes(expected);

describe('offline follow-ups (the extractive answerer with the conversation)', () => {
  it('GIVEN follow-ups that say "it", "she" or "they" THEN the earlier question makes more of them right, and none that was right wrong', async () => {
    let rightAlone = 0;
    let rightInContext = 0;
    for (const { file, earlier, question, expected } of CASES) {
      const alone = isRight(await answer(file, question, []), expected);
      const history = [{ question: earlier, answer: '(the earlier answer)' }];
      const inContext = isRight(await answer(file, question, history), expected);
      if (alone) expect({ question, inContext }).toEqual({ question, inContext: true });
      rightAlone += alone ? 1 : 0;
      rightInContext += inContext ? 1 : 0;
    }
    expect(rightInContext).toBeGreaterThanOrEqual(rightAlone + 3);
    expect(rightInContext).toBe(CASES.length);
  });

  it('GIVEN a thread opened under a summary (no earlier question) THEN the follow-up is answered as typed', async () => {
    const history = [{ question: null, answer: 'Harbor City approved a tram line.' }];
    const result = await answer('001_tram_line_vote', 'How many stops will it have?', history);
    expect(result.text).toContain('11 stops');
  });
});
