import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/calendar.ts';
import { canonicalTimeZone, decide, lastSlot, nextSlot, parseClockTime } from '../../src/digest/schedule.ts';
import type { DigestConfig } from '../../src/digest/types.ts';

const berlin: DigestConfig = {
  guildId: '200000000000000002',
  channelId: '300000000000000003',
  time: '09:00',
  timeZone: 'Europe/Berlin',
  items: 5,
  announceEmpty: false,
  language: 'en',
  since: '2026-01-01T00:00:00.000Z',
};

const at = (iso: string) => new Date(iso);

describe('digest schedule', () => {
  it('GIVEN times typed by an admin THEN HH:MM is accepted and normalised, anything else refused', () => {
    expect(parseClockTime('9:05')).toBe('09:05');
    expect(parseClockTime(' 23:59 ')).toBe('23:59');
    expect(parseClockTime('00:00')).toBe('00:00');
    for (const bad of ['24:00', '12:60', '9', '9am', '12:5', '', '12:00:00', '-1:00']) {
      expect(parseClockTime(bad)).toBeNull();
    }
  });

  it('GIVEN zone names THEN known IANA zones come back canonical and unknown ones are refused', () => {
    expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
  });

  it('GIVEN 09:00 Europe/Berlin THEN the slot is 08:00 UTC before the March change and 07:00 UTC after', () => {
    expect(nextSlot(berlin, at('2026-03-27T12:00:00Z'))?.toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(nextSlot(berlin, at('2026-03-28T12:00:00Z'))?.toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(nextSlot(berlin, at('2026-10-24T00:00:00Z'))?.toISOString()).toBe('2026-10-24T07:00:00.000Z');
    expect(nextSlot(berlin, at('2026-10-24T12:00:00Z'))?.toISOString()).toBe('2026-10-25T08:00:00.000Z');
  });

  it('GIVEN the exact slot instant THEN it is the last slot (not the day before)', () => {
    expect(lastSlot(berlin, at('2026-03-29T07:00:00Z'))?.toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(lastSlot(berlin, at('2026-03-29T06:59:59.999Z'))?.toISOString()).toBe('2026-03-28T08:00:00.000Z');
  });

  it('GIVEN a time that does not exist on the spring-forward day THEN croner still posts once that day', () => {
    const night = { ...berlin, time: '02:30' };
    const slots = [at('2026-03-28T12:00:00Z'), at('2026-03-29T12:00:00Z'), at('2026-03-30T12:00:00Z')].map(
      (now) => localDate(lastSlot(night, now) as Date, 'Europe/Berlin'),
    );
    expect(slots).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
  });

  it('GIVEN an instant THEN its local date is the date in that zone', () => {
    expect(localDate(at('2026-03-28T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29');
    expect(localDate(at('2026-03-28T23:30:00Z'), 'America/New_York')).toBe('2026-03-28');
  });
});

describe('digest decision', () => {
  const fresh = { lastSlotDate: null };

  it('GIVEN the posting minute THEN post, dated by the local day', () => {
    expect(decide(berlin, fresh, at('2026-03-29T07:00:30Z'), 6)).toMatchObject({
      kind: 'post',
      date: '2026-03-29',
    });
  });

  it('GIVEN the day already dealt with THEN idle (never twice)', () => {
    expect(decide(berlin, { lastSlotDate: '2026-03-29' }, at('2026-03-29T07:00:30Z'), 6)).toEqual({
      kind: 'idle',
    });
  });

  it('GIVEN downtime over the time THEN catch up within the window and skip after it', () => {
    expect(decide(berlin, fresh, at('2026-03-29T12:59:00Z'), 6).kind).toBe('post');
    expect(decide(berlin, fresh, at('2026-03-29T13:01:00Z'), 6)).toMatchObject({
      kind: 'missed',
      date: '2026-03-29',
    });
  });

  it('GIVEN no catch-up window THEN only the posting minutes count', () => {
    expect(decide(berlin, fresh, at('2026-03-29T07:01:00Z'), 0).kind).toBe('post');
    expect(decide(berlin, fresh, at('2026-03-29T07:05:00Z'), 0).kind).toBe('missed');
  });

  it('GIVEN a digest set up after today’s time THEN today is not caught up', () => {
    const late = { ...berlin, since: '2026-03-29T08:00:00.000Z' };
    expect(decide(late, fresh, at('2026-03-29T08:00:30Z'), 6)).toEqual({ kind: 'idle' });
    expect(decide(late, fresh, at('2026-03-30T07:00:30Z'), 6)).toMatchObject({
      kind: 'post',
      date: '2026-03-30',
    });
  });
});
