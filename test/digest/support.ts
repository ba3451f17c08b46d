import Keyv from 'keyv';
import { createAnswerCache } from '../../src/answer/cache.ts';
import { createExtractiveAnswerer } from '../../src/answer/extractive/index.ts';
import { createNewsroom } from '../../src/answer/newsroom.ts';
import type { Newsroom } from '../../src/answer/newsroom-types.ts';
import type { AnswerEvent, Answerer, FallbackReason } from '../../src/answer/types.ts';
import { createUsageLedger } from '../../src/answer/usage.ts';
import type { Article, ArticleStore } from '../../src/articles/article.ts';
import type { DigestConfig } from '../../src/digest/types.ts';
import { sampleArticle } from '../support/articles.ts';

export const SAMPLE_FILES = [
  '000_5330609adfd73756.txt',
  '001_tram_line_vote.txt',
  '002_grain_exports.txt',
  '003_heatwave_power.txt',
  '004_football_final.txt',
  '005_vaccine_trial.txt',
] as const;

const HOUR_MS = 3_600_000;

/**
 * Stores the samples as if published `hoursAgo[i]` hours before `now` (fresh dates for a digest window). A `batch`
 * tag makes the ids new, so a later batch is new articles rather than the same ones again.
 */
export async function ingestFresh(
  store: ArticleStore,
  now: Date,
  hoursAgo: readonly number[],
  batch = '',
  files: readonly string[] = SAMPLE_FILES,
): Promise<Article[]> {
  const stored: Article[] = [];
  for (const [index, hours] of hoursAgo.entries()) {
    const file = files[index % files.length] as string;
    const sample = await sampleArticle(file);
    const article = {
      ...sample,
      id: `${sample.id}${batch ? `-${batch}` : ''}${index < files.length ? '' : `-${index}`}`,
      publishedAt: new Date(now.getTime() - hours * HOUR_MS).toISOString(),
    };
    await store.upsert(article);
    stored.push(article);
  }
  return stored;
}

export class ModelDown extends Error {
  constructor(readonly reason: FallbackReason) {
    super(`model down: ${reason}`);
  }
}

/** A model (our Answerer interface) that counts calls and can be switched off. */
export function countingModel() {
  const calls: string[] = [];
  const control = { down: false, uncited: false };
  async function* reply(kind: string, article: Article): AsyncGenerator<AnswerEvent> {
    calls.push(`${kind}:${article.id}`);
    if (control.down) throw new ModelDown('overloaded');
    const text = `Model brief of ${article.id}. It matters. A third sentence the digest drops.`;
    yield { type: 'text', text };
    yield {
      type: 'done',
      result: {
        text,
        answered: true,
        // A grounded model cites the article; an uncited model reply is withheld by the newsroom.
        citations:
          article.paragraphs[0] && !control.uncited ? [{ quote: article.paragraphs[0], paragraph: 0 }] : [],
        provider: 'anthropic',
        model: 'claude-haiku-5-5',
        usage: { inputTokens: 100, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0 },
      },
    };
  }
  const answerer: Answerer = {
    name: 'anthropic',
    summarize: (article) => reply('summary', article),
    answer: (article) => reply('answer', article),
  };
  return { answerer, calls, control };
}

export function testNewsroom(store: ArticleStore, model: Answerer | null): Newsroom {
  return createNewsroom({
    store,
    model,
    modelName: 'claude-haiku-5-5',
    offline: createExtractiveAnswerer(),
    cache: createAnswerCache(new Keyv()),
    usage: createUsageLedger(new Keyv()),
    classifyError: (error) => (error instanceof ModelDown ? error.reason : null),
    promptHash: (kind) => `prompt-${kind}`,
    settings: {
      sourceDisclaimer: 'Configured disclaimer.',
      summaryTtlMs: 3_600_000,
      answerTtlMs: 3_600_000,
      guildDailyTokenBudget: 0,
    },
  });
}

export function digestConfig(overrides: Partial<DigestConfig> = {}): DigestConfig {
  return {
    guildId: '200000000000000002',
    channelId: '300000000000000003',
    time: '09:00',
    timeZone: 'Europe/Berlin',
    items: 5,
    announceEmpty: false,
    language: 'en',
    since: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
