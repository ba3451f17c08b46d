/**
 * Prompt-caching cost benchmark: `npx tsx bench/cost.bench.ts`. Prints a table, then the figures as one JSON line.
 *
 * 100 different questions on one article go through the real Anthropic provider and SDK to the fake Messages API,
 * once with caching possible and once with it impossible (the fake's minimum cacheable prefix set out of reach),
 * and the billed input is priced with the published multipliers (cache write 1.25×, cache read 0.1× the base
 * input rate). Run for the real sample at the two published minimums (1,024 tokens for Sonnet-class models, 4,096
 * assumed for Haiku) and for a long article that clears both. Target (issue 3): ≥ 60 % lower input cost.
 */
import { createAnthropicAnswerer } from '../src/answer/anthropic/provider.ts';
import { loadPrompts } from '../src/answer/prompts.ts';
import type { Answerer, TokenUsage } from '../src/answer/types.ts';
import type { Article } from '../src/articles/article.ts';
import { silentLogger } from '../src/core/log.ts';
import { startFakeAnthropic } from '../test/fakes/anthropic.ts';
import { sampleArticle } from '../test/support/articles.ts';

const QUESTIONS = 100;
const BASE_INPUT_USD_PER_MTOK = 0.1; // claude-haiku-5-5, prompts under 100K tokens
const NEVER_CACHED = Number.MAX_SAFE_INTEGER;

function inputCostUsd(usage: TokenUsage): number {
  const weighted = usage.inputTokens + usage.cacheWriteTokens * 1.25 + usage.cacheReadTokens * 0.1;
  return (weighted * BASE_INPUT_USD_PER_MTOK) / 1_000_000;
}

function addUsage(total: TokenUsage, usage: TokenUsage): TokenUsage {
  return {
    inputTokens: total.inputTokens + usage.inputTokens,
    outputTokens: total.outputTokens + usage.outputTokens,
    cacheReadTokens: total.cacheReadTokens + usage.cacheReadTokens,
    cacheWriteTokens: total.cacheWriteTokens + usage.cacheWriteTokens,
  };
}

async function askAll(answerer: Answerer, article: Article): Promise<TokenUsage> {
  let total: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  for (let i = 0; i < QUESTIONS; i++) {
    for await (const event of answerer.answer(
      article,
      `Question ${i}: what does the article say about item ${i}?`,
      {
        language: 'en',
      },
    )) {
      if (event.type === 'done') total = addUsage(total, event.result.usage);
    }
  }
  return total;
}

async function run(article: Article, minPrefixTokens: number) {
  const fake = await startFakeAnthropic({ minCacheablePrefixTokens: minPrefixTokens });
  try {
    const answerer = createAnthropicAnswerer({
      apiKey: 'sk-bench',
      baseURL: fake.url,
      model: 'claude-haiku-5-5',
      timeoutMs: 10_000,
      maxRetries: 0,
      prompts: await loadPrompts(),
      logger: silentLogger,
    });
    return await askAll(answerer, article);
  } finally {
    await fake.close();
  }
}

function longArticle(base: Article): Article {
  const paragraphs = Array.from({ length: 12 }, (_, round) =>
    base.paragraphs.map((p) => `${p} (${round + 1})`),
  ).flat();
  return { ...base, id: 'long-article', paragraphs };
}

const sample = await sampleArticle('000_5330609adfd73756.txt');
const scenarios = [
  { name: 'sample 000, min prefix 1024', article: sample, min: 1024 },
  { name: 'sample 000, min prefix 4096', article: sample, min: 4096 },
  { name: 'long article (12x), min prefix 4096', article: longArticle(sample), min: 4096 },
];
const rows = [];
for (const scenario of scenarios) {
  const cached = await run(scenario.article, scenario.min);
  const uncached = await run(scenario.article, NEVER_CACHED);
  const saving = 1 - inputCostUsd(cached) / inputCostUsd(uncached);
  rows.push({
    scenario: scenario.name,
    cachedUsd: Number(inputCostUsd(cached).toFixed(5)),
    uncachedUsd: Number(inputCostUsd(uncached).toFixed(5)),
    savingPercent: Math.round(saving * 1000) / 10,
    cacheReadTokens: cached.cacheReadTokens,
    cacheWriteTokens: cached.cacheWriteTokens,
  });
}
console.log(`Input cost of ${QUESTIONS} questions on one article (fake API, published multipliers)`);
console.log('| scenario | with caching | without | saving |');
console.log('| --- | --- | --- | --- |');
for (const row of rows) {
  console.log(`| ${row.scenario} | $${row.cachedUsd} | $${row.uncachedUsd} | ${row.savingPercent} % |`);
}
console.log(JSON.stringify({ cost: rows }));
