import { Cron } from 'croner';
import { localDate } from '../core/calendar.ts';
import { pickedTimeZone, runtimeZone } from './timezones.ts';
import type { DigestConfig, DigestState } from './types.ts';

/**
 * When a digest is due. The calendar maths (time zones, daylight-saving gaps and repeats) is croner's; this module
 * only decides which daily slot the present belongs to and whether it still needs a post.
 */

const HOUR_MS = 3_600_000;
/** A slot counts as "on time" for this long even with no catch-up window: the tick runs once a minute. */
export const ON_TIME_GRACE_MS = 2 * 60_000;

const CLOCK_TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** `9:05`, `09:05` → `09:05`; anything else → null. */
export function parseClockTime(text: string): string | null {
  const match = CLOCK_TIME.exec(text.trim());
  if (!match) return null;
  return `${(match[1] ?? '').padStart(2, '0')}:${match[2]}`;
}

/**
 * The zone as the server picked it, spelled as IANA spells it (`europe/kyiv` → `Europe/Kyiv`), or null for
 * something that is not a zone (timezones.ts).
 */
export function canonicalTimeZone(name: string): string | null {
  return pickedTimeZone(name);
}

type Slotted = Pick<DigestConfig, 'time' | 'timeZone'>;

function dailyCron(config: Slotted): Cron {
  const [hour, minute] = config.time.split(':').map(Number);
  // No callback: croner only computes run times and starts no timer.
  return new Cron(`${minute} ${hour} * * *`, { timezone: runtimeZone(config.timeZone) });
}

/** The latest slot at or before `now`. */
export function lastSlot(config: Slotted, now: Date): Date | null {
  // previousRuns excludes its reference instant; one millisecond later includes a slot that is exactly now.
  const [slot] = dailyCron(config).previousRuns(1, new Date(now.getTime() + 1));
  return slot ?? null;
}

/** The first slot after `now`. */
export function nextSlot(config: Slotted, now: Date): Date | null {
  return dailyCron(config).nextRun(now);
}

export type Decision =
  | { readonly kind: 'idle' }
  | { readonly kind: 'post'; readonly slot: Date; readonly date: string }
  /** The slot passed longer ago than the catch-up window: that day is skipped. */
  | { readonly kind: 'missed'; readonly slot: Date; readonly date: string };

/** Whether the present calls for this guild's digest. Pure: the same inputs give the same answer. */
export function decide(
  config: DigestConfig,
  state: Pick<DigestState, 'lastSlotDate'>,
  now: Date,
  catchUpHours: number,
): Decision {
  const slot = lastSlot(config, now);
  if (!slot || slot.getTime() < Date.parse(config.since)) return { kind: 'idle' };
  const date = localDate(slot, runtimeZone(config.timeZone));
  if (state.lastSlotDate !== null && state.lastSlotDate >= date) return { kind: 'idle' };
  const lateMs = now.getTime() - slot.getTime();
  const windowMs = Math.max(catchUpHours * HOUR_MS, ON_TIME_GRACE_MS);
  return lateMs <= windowMs ? { kind: 'post', slot, date } : { kind: 'missed', slot, date };
}
