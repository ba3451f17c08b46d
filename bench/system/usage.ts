/**
 * The bot's own accounting, read from its store once the bot has stopped. (Opening the store from a second process
 * while the bot runs is what the shared-store regression test covers; the figures do not depend on it.)
 */
import { createUsageLedger, type UsageDay } from '../../src/answer/usage.ts';
import { openKeyv } from '../../src/store/keyv.ts';

export async function readUsageToday(storeUrl: string, guildId: string): Promise<UsageDay> {
  const keyv = await openKeyv(storeUrl, { namespace: 'usage' });
  try {
    const [today] = await createUsageLedger(keyv).days(guildId, 1);
    if (!today) throw new Error('the usage ledger returned no day');
    return today;
  } finally {
    await keyv.disconnect();
  }
}

/** Share of replies served without a new model call: answer-cache hits and joined in-flight calls. */
export function cacheHitRate(day: UsageDay): number {
  const replies = repliesCounted(day);
  return replies === 0 ? 0 : day.cachedReplies / replies;
}

/** Every reply the newsroom served is counted once: a model call, a cache hit or an offline answer. */
export const repliesCounted = (day: UsageDay) => day.cachedReplies + day.modelCalls + day.offlineReplies;
