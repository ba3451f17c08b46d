/**
 * Time zones as people write them, for `/digest set`: IANA names from the runtime (Intl), matched on any part of
 * the name, each shown with its present UTC offset, and kept as the server picked it.
 *
 * ICU (Node's Intl) keeps CLDR's stable ids, which for a few zones are the names IANA retired: Node 20 lists
 * `Europe/Kiev`, not `Europe/Kyiv`, and resolves `Europe/Kyiv` to `Europe/Kiev`. RENAMED is the one table of our
 * own: those renames (IANA `backward` file), so the modern name is offered, accepted and shown, and the old one
 * still finds it. A build whose ICU does not know a modern name at all is given the old one where Intl or croner
 * needs a zone (runtimeZone).
 */

const MAX_CHOICES = 25;
const QUERY_MAX_CHARS = 64;

/** Old name → modern IANA name, for the zones ICU still lists under the old one. */
export const RENAMED: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

const FORMER: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(RENAMED).map(([old, modern]) => [modern, old]),
);

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

function modernised(listed: readonly string[]): readonly string[] {
  const modern = listed.map((zone) => RENAMED[zone] ?? zone).filter((zone) => zone !== 'UTC');
  return ['UTC', ...new Set(modern)];
}

/** The runtime's list, modernised once: autocomplete asks on every keystroke. */
let runtimeZones: readonly string[] | undefined;

/**
 * Every zone offered: the runtime's (Intl), each old name replaced by its modern one, plus UTC, each once.
 * `listed` stands in for the runtime's list in tests that play an older ICU.
 */
export function knownTimeZones(listed?: readonly string[]): readonly string[] {
  if (listed) return modernised(listed);
  runtimeZones ??= modernised(Intl.supportedValuesOf('timeZone'));
  return runtimeZones;
}

function intlAccepts(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The name to hand Intl or croner for a stored zone: the zone itself when the runtime knows it, else its former
 * name (an ICU that predates `Europe/Kyiv` knows `Europe/Kiev`), else UTC (never a crash in a scheduler tick).
 */
export function runtimeZone(zone: string, accepts: (zone: string) => boolean = intlAccepts): string {
  if (accepts(zone)) return zone;
  const former = FORMER[zone];
  if (former && accepts(former)) return former;
  return 'UTC';
}

/** `america/new york`, `America/New_York` and `america new_york` all read `america/new/york`. */
const normalise = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_/]+/g, '/');

/**
 * The zone as the server picked it, spelled as IANA spells it: `europe/kyiv` → `Europe/Kyiv`, `Europe/Kiev` stays
 * `Europe/Kiev` (a valid IANA link, and what they chose), `Asia/Calcutta` stays too. Null for what no runtime
 * zone answers to. A name outside the offered list that Intl still accepts (`US/Eastern`) is kept as typed.
 */
export function pickedTimeZone(typed: string, listed?: readonly string[]): string | null {
  // Invisible format characters (a pasted zero-width space) are not part of any zone's name.
  const trimmed = typed.replace(/\p{Cf}/gu, '').trim();
  if (!trimmed || trimmed.length > QUERY_MAX_CHARS) return null;
  const wanted = normalise(trimmed);
  const spelled = [...knownTimeZones(listed), ...Object.keys(RENAMED)].find(
    (zone) => normalise(zone) === wanted,
  );
  if (spelled) return spelled;
  return intlAccepts(trimmed) ? intlSpelling(trimmed) : null;
}

/**
 * A zone Intl accepts but does not list (`Etc/GMT+5`, links such as `US/Eastern`): Intl's own spelling when it is
 * the same name (`etc/gmt+5` → `Etc/GMT+5`) or when the name was typed all in lower case (`us/eastern` →
 * `America/New_York`); a name typed with its capitals stays as picked.
 */
function intlSpelling(zone: string): string {
  const resolved = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  if (resolved.toLowerCase() === zone.toLowerCase() || zone === zone.toLowerCase()) return resolved;
  return zone;
}

/** `Europe/Kyiv (UTC+02:00)`: the offset in effect at `now`. */
export function zoneLabel(zone: string, now: Date): string {
  try {
    const parts = new Intl.DateTimeFormat('en', {
      timeZone: runtimeZone(zone),
      timeZoneName: 'longOffset',
    }).formatToParts(now);
    const offset = parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
    return `${zone} (${offset === 'GMT' ? 'UTC' : offset.replace('GMT', 'UTC')})`;
  } catch {
    return zone;
  }
}

/** The names a zone answers to when searched: its own, and its former one (`kiev` finds Europe/Kyiv). */
function searchNames(zone: string): string[] {
  const former = FORMER[zone];
  return former ? [normalise(zone), normalise(former)] : [normalise(zone)];
}

function matching(query: string, listed?: readonly string[]): string[] {
  const all = knownTimeZones(listed);
  const starts = all.filter((zone) =>
    searchNames(zone).some(
      (name) => name.startsWith(query) || name.split('/').some((p) => p.startsWith(query)),
    ),
  );
  const started = new Set(starts);
  const contains = all.filter(
    (zone) => !started.has(zone) && searchNames(zone).some((name) => name.includes(query)),
  );
  return [...starts, ...contains];
}

/** Up to 25 zones for what was typed: names starting with it first, then names containing it. */
export function timeZoneChoices(
  typed: unknown,
  now: Date,
  listed?: readonly string[],
): { name: string; value: string }[] {
  const query = normalise(typeof typed === 'string' ? typed.slice(0, QUERY_MAX_CHARS) : '');
  const zones = query ? matching(query, listed) : COMMON_TIME_ZONES;
  return zones.slice(0, MAX_CHOICES).map((zone) => ({ name: zoneLabel(zone, now), value: zone }));
}
