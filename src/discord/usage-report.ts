import type { APIEmbed, APIEmbedField } from 'discord.js';
import { budgetTokens, NO_USAGE_YET, type UsageDay } from '../answer/usage.ts';
import { type Translate, translator } from '../core/i18n/index.ts';
import { DISCORD_LIMITS, type EphemeralMessage, ephemeral } from './render.ts';
import { truncate } from './text.ts';

const COLOR_USAGE = 0x57f287;

export type UsageTotals = Omit<UsageDay, 'date'>;

export function sumDays(days: readonly UsageDay[]): UsageTotals {
  const total: UsageTotals = { ...NO_USAGE_YET };
  return days.reduce<UsageTotals>(
    (sum, day) => ({
      modelCalls: sum.modelCalls + day.modelCalls,
      cachedReplies: sum.cachedReplies + day.cachedReplies,
      offlineReplies: sum.offlineReplies + day.offlineReplies,
      inputTokens: sum.inputTokens + day.inputTokens,
      outputTokens: sum.outputTokens + day.outputTokens,
      cacheReadTokens: sum.cacheReadTokens + day.cacheReadTokens,
      cacheWriteTokens: sum.cacheWriteTokens + day.cacheWriteTokens,
      costUsd: sum.costUsd + day.costUsd,
    }),
    total,
  );
}

/** The ratios /usage shows; null when there is nothing to divide by. */
export function usageRatios(totals: UsageTotals) {
  const replies = totals.modelCalls + totals.cachedReplies + totals.offlineReplies;
  const input = totals.inputTokens + totals.cacheReadTokens + totals.cacheWriteTokens;
  return {
    replies,
    totalTokens: input + totals.outputTokens,
    /** Replies served from the answer cache, of all replies. */
    cacheHitRate: replies > 0 ? totals.cachedReplies / replies : null,
    /** Input tokens read from the prompt cache, of all input tokens sent. */
    promptCacheReadShare: input > 0 ? totals.cacheReadTokens / input : null,
  };
}

function formatters(locale: string) {
  const safe = (make: (tag: string) => Intl.NumberFormat) => {
    try {
      return make(locale);
    } catch {
      return make('en');
    }
  };
  const number = safe((tag) => new Intl.NumberFormat(tag));
  const percent = safe((tag) => new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 }));
  const usd = safe(
    (tag) => new Intl.NumberFormat(tag, { style: 'currency', currency: 'USD', maximumFractionDigits: 4 }),
  );
  return {
    number: (value: number) => number.format(value),
    percent: (value: number | null) => (value === null ? '—' : percent.format(value)),
    usd: (value: number) => usd.format(value),
  };
}

function totalsField(
  name: string,
  totals: UsageTotals,
  t: Translate,
  f: ReturnType<typeof formatters>,
): APIEmbedField {
  const ratios = usageRatios(totals);
  const lines = [
    t('usage.model-calls', { count: f.number(totals.modelCalls) }),
    t('usage.tokens', {
      total: f.number(ratios.totalTokens),
      input: f.number(totals.inputTokens),
      output: f.number(totals.outputTokens),
      cacheRead: f.number(totals.cacheReadTokens),
      cacheWrite: f.number(totals.cacheWriteTokens),
    }),
    t('usage.cache-hits', {
      rate: f.percent(ratios.cacheHitRate),
      cached: f.number(totals.cachedReplies),
      replies: f.number(ratios.replies),
    }),
    t('usage.prompt-cache', { share: f.percent(ratios.promptCacheReadShare) }),
    t('usage.offline', { count: f.number(totals.offlineReplies) }),
    t('usage.cost', { cost: f.usd(totals.costUsd) }),
  ];
  return { name, value: truncate(lines.join('\n'), DISCORD_LIMITS.embedFieldValueChars) };
}

/**
 * The /usage report: today's and the last seven days' model use of one guild, from the stored accounting
 * (`days` oldest first, today last, as UsageLedger.days returns them). Seen only by the asker.
 */
export function renderUsage(
  days: readonly UsageDay[],
  options: { readonly locale: string; readonly dailyTokenBudget: number; readonly zone: string },
): EphemeralMessage {
  const t = translator(options.locale);
  const f = formatters(options.locale);
  const today = days.at(-1);
  const todayTotals = sumDays(today ? [today] : []);
  const budget =
    options.dailyTokenBudget > 0
      ? t('usage.budget', {
          used: f.number(budgetTokens(todayTotals)),
          budget: f.number(options.dailyTokenBudget),
        })
      : t('usage.no-budget');
  const embed: APIEmbed = {
    color: COLOR_USAGE,
    title: t('usage.title'),
    description: budget,
    fields: [
      totalsField(t('usage.today', { zone: options.zone }), todayTotals, t, f),
      totalsField(t('usage.week'), sumDays(days), t, f),
    ],
  };
  return ephemeral({ embeds: [embed], allowedMentions: { parse: [] } });
}
