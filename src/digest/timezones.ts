/**
 * Time zone autocomplete for `/digest set`: IANA names from the runtime (Intl), matched on any part of the name,
 * each shown with its present UTC offset. No zone table of our own.
 */

const MAX_CHOICES = 25;
const QUERY_MAX_CHARS = 64;

/** Offered while the box is empty: zones with many Discord users, spread around the world. */
export const COMMON_TIME_ZONES: readonly string[] = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Warsaw',
  'Europe/Kyiv',
  'Europe/Istanbul',
  'Europe/Moscow',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Toronto',
  'America/Mexico_City',
  'America/Sao_Paulo',
  'America/Argentina/Buenos_Aires',
  'Africa/Lagos',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
];

/** Every zone the runtime knows, plus UTC (which `supportedValuesOf` leaves out). */
export function knownTimeZones(): readonly string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
}

/** `Europe/Berlin (UTC+01:00)`: the offset in effect at `now`. */
export function zoneLabel(zone: string, now: Date): string {
  try {
    const parts = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(
      now,
    );
    const offset = parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
    return `${zone} (${offset === 'GMT' ? 'UTC' : offset.replace('GMT', 'UTC')})`;
  } catch {
    return zone;
  }
}

const normalise = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '_');

/** Up to 25 zones for what was typed: names starting with it first, then names containing it. */
export function timeZoneChoices(typed: unknown, now: Date): { name: string; value: string }[] {
  const query = normalise(typeof typed === 'string' ? typed.slice(0, QUERY_MAX_CHARS) : '');
  let zones: readonly string[];
  if (!query) zones = COMMON_TIME_ZONES;
  else {
    const all = knownTimeZones();
    const starts = all.filter((zone) => {
      const name = normalise(zone);
      return name.startsWith(query) || name.split('/').some((part) => part.startsWith(query));
    });
    const contains = all.filter((zone) => !starts.includes(zone) && normalise(zone).includes(query));
    zones = [...starts, ...contains];
  }
  return zones.slice(0, MAX_CHOICES).map((zone) => ({ name: zoneLabel(zone, now), value: zone }));
}
