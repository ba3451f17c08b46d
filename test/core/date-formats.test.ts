import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/calendar.ts';
import { dateTimeFormat } from '../../src/core/date-formats.ts';

const INSTANT = Date.parse('2026-03-29T23:30:00Z');

describe('dateTimeFormat', () => {
  it('GIVEN locales and zones asked for in turn, again and again THEN each date is written as a new format writes it', () => {
    const asks: [string, Intl.DateTimeFormatOptions][] = [
      ['de', { dateStyle: 'medium', timeZone: 'UTC' }],
      ['fr', { dateStyle: 'medium', timeZone: 'UTC' }],
      ['de', { dateStyle: 'full', timeZone: 'Asia/Tokyo' }],
      ['ja', { dateStyle: 'medium', timeZone: 'America/New_York' }],
    ];
    for (let round = 0; round < 3; round++)
      for (const [locale, options] of asks)
        expect(dateTimeFormat(locale, options).format(INSTANT)).toBe(
          new Intl.DateTimeFormat(locale, options).format(INSTANT),
        );
  });

  it('GIVEN a locale or a zone ICU refuses THEN it throws each time, as Intl does', () => {
    for (let round = 0; round < 2; round++) {
      expect(() => dateTimeFormat('not a locale!', { timeZone: 'UTC' })).toThrow(RangeError);
      expect(() => dateTimeFormat('en', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    }
  });

  it('GIVEN one instant THEN each zone gets its own calendar day', () => {
    expect(localDate(new Date(INSTANT), 'UTC')).toBe('2026-03-29');
    expect(localDate(new Date(INSTANT), 'Asia/Tokyo')).toBe('2026-03-30');
    expect(localDate(new Date(INSTANT), 'UTC')).toBe('2026-03-29');
  });
});
