import { Cron } from 'croner';
import { dateTimeFormat } from './date-formats.ts';

const ISO_DAY = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;

/** The calendar date of `instant` in `timeZone`, as `YYYY-MM-DD`. */
export function localDate(instant: Date, timeZone: string): string {
  // en-CA formats dates as ISO year-month-day.
  return dateTimeFormat('en-CA', { ...ISO_DAY, timeZone }).format(instant);
}

/** The calendar date `days` before `date` (both `YYYY-MM-DD`). */
export function daysBefore(date: string, days: number): string {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day - days)).toISOString().slice(0, 10);
}

/** The first midnight after `instant` in `timeZone` (croner knows the DST rules: some days are 23 or 25 hours). */
export function nextMidnight(instant: Date, timeZone: string): Date {
  const next = new Cron('0 0 * * *', { timezone: timeZone }).nextRun(instant);
  return next ?? new Date(Date.parse(`${daysBefore(localDate(instant, 'UTC'), -1)}T00:00:00Z`));
}
