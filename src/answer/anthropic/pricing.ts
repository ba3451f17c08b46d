import type { TokenUsage } from '../types.ts';

/** US dollars per million tokens. Cache writes are the 5-minute TTL (the only one newsdesk uses). */
export interface ModelPrices {
  readonly inputPerMTok: number;
  readonly outputPerMTok: number;
  readonly cacheWritePerMTok: number;
  readonly cacheReadPerMTok: number;
  /** Above this many prompt tokens (input + cache read + cache write) every rate is multiplied. */
  readonly longContext?: { readonly aboveTokens: number; readonly multiplier: number };
}

const TOKENS_PER_MTOK = 1_000_000;

/**
 * Published prices (platform.claude.com model overviews, late 2026). Haiku 5.5: $0.10 in, $0.50 out, $0.125 cache
 * write (1.25×), $0.01 cache read (0.1×), all 5× for prompts over 100K tokens. Sonnet 5.5: $2 in, $10 out; its cache
 * rates follow the published multipliers (a reported cut of reads to 0.05× is not official).
 */
export const MODEL_PRICES: Readonly<Record<string, ModelPrices>> = {
  'claude-haiku-5-5': {
    inputPerMTok: 0.1,
    outputPerMTok: 0.5,
    cacheWritePerMTok: 0.125,
    cacheReadPerMTok: 0.01,
    longContext: { aboveTokens: 100_000, multiplier: 5 },
  },
  'claude-sonnet-5-5': { inputPerMTok: 2, outputPerMTok: 10, cacheWritePerMTok: 2.5, cacheReadPerMTok: 0.2 },
};

/** Prices for a model id, also for dated ids such as "claude-haiku-5-5-20261007"; undefined when unknown. */
export function pricesFor(model: string): ModelPrices | undefined {
  const exact = MODEL_PRICES[model];
  if (exact) return exact;
  const family = Object.keys(MODEL_PRICES).find((known) => model.startsWith(`${known}-`));
  return family ? MODEL_PRICES[family] : undefined;
}

/** What a call cost in US dollars; 0 for a model without known prices (check with pricesFor). */
export function estimateCostUsd(model: string, usage: TokenUsage): number {
  const prices = pricesFor(model);
  if (!prices) return 0;
  const promptTokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  const long = prices.longContext;
  const multiplier = long && promptTokens > long.aboveTokens ? long.multiplier : 1;
  const dollars =
    usage.inputTokens * prices.inputPerMTok +
    usage.outputTokens * prices.outputPerMTok +
    usage.cacheWriteTokens * prices.cacheWritePerMTok +
    usage.cacheReadTokens * prices.cacheReadPerMTok;
  return (dollars * multiplier) / TOKENS_PER_MTOK;
}
