import { describe, expect, it } from 'vitest';
import { nextSlot } from '../../src/digest/schedule.ts';
import {
  knownTimeZones,
  pickedTimeZone,
  RENAMED,
  runtimeZone,
  timeZoneChoices,
} from '../../src/digest/timezones.ts';

/** What an ICU that keeps CLDR's old ids lists (Node 20's does: Europe/Kiev, Asia/Calcutta, no Europe/Kyiv). */
const LEGACY_ICU = ['Europe/Berlin', 'Europe/Kiev', 'Asia/Calcutta', 'Asia/Saigon', 'America/Buenos_Aires'];
/** An ICU that lists both spellings. */
const BOTH = [...LEGACY_ICU, 'Europe/Kyiv'];
const MARCH = new Date('2026-03-28T12:00:00Z');

describe('time-zone names as people write them', () => {
  it('GIVEN an ICU that lists only Europe/Kiev THEN Europe/Kyiv is offered in its place, once, and the old name still finds it', () => {
    for (const listed of [LEGACY_ICU, BOTH]) {
      const zones = knownTimeZones(listed);
      expect(zones).toContain('Europe/Kyiv');
      expect(zones).not.toContain('Europe/Kiev');
      expect(zones.filter((zone) => zone === 'Europe/Kyiv')).toHaveLength(1);
      expect(zones).toEqual(
        expect.arrayContaining(['Asia/Kolkata', 'Asia/Ho_Chi_Minh', 'America/Argentina/Buenos_Aires']),
      );
      for (const typed of ['kiev', 'kyiv', 'Europe/Ki', 'europe ky']) {
        expect(timeZoneChoices(typed, MARCH, listed)[0]?.value, typed).toBe('Europe/Kyiv');
      }
      expect(timeZoneChoices('calcutta', MARCH, listed)[0]?.value).toBe('Asia/Kolkata');
    }
  });

  it('GIVEN a zone typed in any case THEN it is kept as picked, in IANA’s spelling; an old name stays the old name', () => {
    expect(pickedTimeZone('europe/kyiv', LEGACY_ICU)).toBe('Europe/Kyiv');
    expect(pickedTimeZone('  EUROPE/KIEV ', LEGACY_ICU)).toBe('Europe/Kiev');
    expect(pickedTimeZone('asia/kolkata')).toBe('Asia/Kolkata');
    expect(pickedTimeZone('Asia/Calcutta')).toBe('Asia/Calcutta');
    expect(pickedTimeZone('america/argentina/buenos aires')).toBe('America/Argentina/Buenos_Aires');
    expect(pickedTimeZone('utc')).toBe('UTC');
  });

  it('GIVEN a zone Intl accepts but does not list, typed in lower case, or with a pasted zero-width space THEN IANA’s spelling', () => {
    expect(pickedTimeZone('etc/gmt+5')).toBe('Etc/GMT+5');
    expect(pickedTimeZone('us/eastern')).toBe('America/New_York');
    expect(pickedTimeZone('US/Eastern')).toBe('US/Eastern');
    expect(pickedTimeZone('Europe/Kyiv\u200B')).toBe('Europe/Kyiv');
    expect(pickedTimeZone('\u2066europe/berlin\u2069')).toBe('Europe/Berlin');
  });

  it('GIVEN something that is not a zone, or hostile text THEN no zone, quickly', () => {
    for (const typed of ['', '   ', 'Mars/Olympus_Mons', '<@123>', 'x'.repeat(100_000), '../../etc/passwd']) {
      expect(pickedTimeZone(typed)).toBeNull();
    }
    expect(timeZoneChoices('x'.repeat(100_000), MARCH)).toEqual([]);
    expect(timeZoneChoices({ toString: () => 'Europe' }, MARCH)).toHaveLength(25);
  });

  it('GIVEN a runtime that does not know Europe/Kyiv at all THEN Intl and the schedule get Europe/Kiev, the same clock', () => {
    const oldIcu = (zone: string) => LEGACY_ICU.includes(zone);
    expect(runtimeZone('Europe/Kyiv', oldIcu)).toBe('Europe/Kiev');
    expect(runtimeZone('Asia/Kolkata', oldIcu)).toBe('Asia/Calcutta');
    expect(runtimeZone('Europe/Berlin', oldIcu)).toBe('Europe/Berlin');
    expect(runtimeZone('Nowhere/Land', oldIcu)).toBe('UTC');
    const kyiv = nextSlot({ time: '09:00', timeZone: 'Europe/Kyiv' }, MARCH);
    const kiev = nextSlot({ time: '09:00', timeZone: 'Europe/Kiev' }, MARCH);
    expect(kyiv?.toISOString()).toBe('2026-03-29T06:00:00.000Z'); // DST began that night: 09:00 is UTC+3
    expect(kyiv?.getTime()).toBe(kiev?.getTime());
  });

  it('GIVEN every rename in the table THEN the runtime tells the same time under both names', () => {
    for (const [old, modern] of Object.entries(RENAMED)) {
      const at = (zone: string) =>
        new Intl.DateTimeFormat('en', { timeZone: runtimeZone(zone), timeStyle: 'long' }).format(MARCH);
      expect(at(modern), `${old} → ${modern}`).toBe(at(old));
    }
  });
});
