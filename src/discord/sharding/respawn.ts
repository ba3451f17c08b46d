/** A shard that dies again within this long of its start counts as failing, and waits longer each time. */
export const SHARD_STABLE_AFTER_MS = 60_000;
/** The first restart after a shard dies: quick, as the gateway session of a crash is simply gone. */
export const RESPAWN_FIRST_DELAY_MS = 1_000;
/**
 * The longest wait between restarts of a shard that keeps dying (a broken store, a bad deploy): each start costs
 * one of Discord's 1000 identifies a day, so a crash loop must not spend them all in an hour.
 */
export const RESPAWN_MAX_DELAY_MS = 5 * 60_000;

/** The wait before the next start, after `quickDeaths` deaths in a row that each came soon after a start. */
export function respawnDelayMs(quickDeaths: number): number {
  return Math.min(RESPAWN_FIRST_DELAY_MS * 2 ** Math.min(quickDeaths, 20), RESPAWN_MAX_DELAY_MS);
}

/** Per shard: counts deaths that come soon after a start, and forgets them once the shard has run a while. */
export function createRespawnBackoff(now: () => number = Date.now) {
  const startedAt = new Map<number, number>();
  const quickDeaths = new Map<number, number>();
  return {
    started(shard: number): void {
      startedAt.set(shard, now());
    },
    /** Called when the shard died: how long to wait before starting it again. */
    died(shard: number): number {
      const ranMs = now() - (startedAt.get(shard) ?? now());
      const deaths = ranMs >= SHARD_STABLE_AFTER_MS ? 0 : (quickDeaths.get(shard) ?? -1) + 1;
      quickDeaths.set(shard, deaths);
      return respawnDelayMs(deaths);
    },
  };
}
