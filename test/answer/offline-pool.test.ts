import { afterAll, describe, expect, it } from 'vitest';
import { createExtractiveAnswerer } from '../../src/answer/extractive/index.ts';
import { createOfflinePool, createPooledOfflineAnswerer } from '../../src/answer/offline-pool.ts';
import type { Article } from '../../src/articles/article.ts';
import { parseArticleText } from '../../src/articles/parse/parse.ts';
import { collectResult } from '../../src/cli/eval/evaluate.ts';
import { UserFacingError } from '../../src/core/errors.ts';
import { sampleArticle } from '../support/articles.ts';
import { hugeParagraph, hugeParagraphArticle } from '../support/hostile-sources.ts';

/**
 * Issue 13's target is 2 s of CPU per input (measured: ≈ 0.2–1.7 s, see the README's Security section). The test
 * allows twice that, because CPU time itself grows on a loaded 2-core CI machine (shared caches, Node 22/24);
 * the blow-ups it guards against cost 10–100× more (82 s, 252 s before the caps).
 */
const MAX_CPU_MS_PER_ANSWER = 4_000;
const QUESTION = 'What did the harbour authority approve?';

const pool = createOfflinePool({ size: 1 });
const offline = createPooledOfflineAnswerer(pool);
afterAll(() => pool.close());

function parsed(text: string): Article {
  const result = parseArticleText(text, { fileName: 'harbour-notes.txt' });
  if (!result.ok) throw new Error(result.reason);
  return result.article;
}

async function askTimed(article: Article, question = QUESTION) {
  const before = process.cpuUsage(); // the whole process, the worker thread included
  const result = await collectResult(offline.answer(article, question, { language: 'en' }));
  const used = process.cpuUsage(before);
  return { result, cpuMs: (used.user + used.system) / 1000 };
}

describe('offline answers in the worker pool', () => {
  it('GIVEN a sample article THEN the pooled answer is the same as the in-process one', async () => {
    const article = await sampleArticle('001_tram_line_vote.txt');
    const question = 'When does construction start?';
    const local = await collectResult(
      createExtractiveAnswerer().answer(article, question, { language: 'en' }),
    );
    expect(await collectResult(offline.answer(article, question, { language: 'en' }))).toEqual(local);
    const summary = await collectResult(offline.summarize(article, { length: 'brief', language: 'en' }));
    expect(summary).toMatchObject({ answered: true, provider: 'extractive' });
  });

  it('GIVEN a 4.8 MB one-paragraph article as ingested (252 s per question before) THEN a question costs under 2 s of CPU and quotes it exactly', async () => {
    const article = parsed(hugeParagraphArticle(4_800_000));
    const { result, cpuMs } = await askTimed(article);
    expect(result.answered).toBe(true);
    for (const citation of result.citations)
      expect(article.paragraphs[citation.paragraph]).toContain(citation.quote);
    expect(cpuMs).toBeLessThan(MAX_CPU_MS_PER_ANSWER);
  });

  it('GIVEN an article stored before paragraphs were split (one 4.8 MB paragraph) THEN a question still costs under 2 s of CPU, with whole sentences quoted', async () => {
    const article: Article = {
      ...parsed('Harbour district notes\n\nPlaceholder.\n'),
      paragraphs: [hugeParagraph(4_800_000)],
    };
    const { result, cpuMs } = await askTimed(article);
    for (const citation of result.citations) {
      expect(article.paragraphs[0]).toContain(citation.quote);
      expect(citation.quote).toMatch(/\)\.$/);
    }
    expect(cpuMs).toBeLessThan(MAX_CPU_MS_PER_ANSWER);
  });

  it('GIVEN an answer that runs over its time budget THEN the member is told it was stopped, and the next question is answered', async () => {
    const strict = createOfflinePool({ size: 1, jobBudgetMs: 5 });
    try {
      const answerer = createPooledOfflineAnswerer(strict);
      const article = parsed(hugeParagraphArticle(400_000));
      const error = await collectResult(answerer.answer(article, QUESTION, { language: 'en' })).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(UserFacingError);
      expect(error).toMatchObject({ code: 'offline-over-budget' });
      expect((error as Error).message).toMatch(/stopped after its time limit/);
    } finally {
      await strict.close();
    }
    const next = await askTimed(
      await sampleArticle('001_tram_line_vote.txt'),
      'When does construction start?',
    );
    expect(next.result.answered).toBe(true);
  });
});
