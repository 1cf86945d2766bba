import { describe, expect, it } from 'vitest';
import { alwaysOpen, clockIn, clockTime, dayName, isOpenAt, validOn, week, type Opening } from './hours';

const weekdays = (opens: number, closes: number): Opening[] =>
  [1, 2, 3, 4, 5].map((day) => ({ day, opens, closes, valid_from: null, valid_to: null }));

describe('opening hours', () => {
  it('reads the clocks of the place, not the reader\'s', () => {
    // Tuesday 1 December 2026, 09:30 UTC: 10:30 in Rome, 04:30 in New York.
    const at = new Date(Date.UTC(2026, 11, 1, 9, 30));
    expect(clockIn('Europe/Rome', at)).toEqual({ day: 2, minute: 630, date: '2026-12-01' });
    expect(clockIn('America/New_York', at)).toEqual({ day: 2, minute: 270, date: '2026-12-01' });
    expect(isOpenAt(weekdays(540, 780), 'Europe/Rome', at)).toBe(true);
    expect(isOpenAt(weekdays(540, 780), 'America/New_York', at)).toBe(false);
  });

  it('is closed at the minute it closes, open at the minute it opens, and within its dates only', () => {
    const rome = (hour: number, minute: number) => new Date(Date.UTC(2026, 11, 1, hour - 1, minute));
    expect(isOpenAt(weekdays(540, 780), 'Europe/Rome', rome(9, 0))).toBe(true);
    expect(isOpenAt(weekdays(540, 780), 'Europe/Rome', rome(13, 0))).toBe(false);
    const summer = weekdays(540, 780).map((h) => ({ ...h, valid_from: '2026-06-01', valid_to: '2026-09-30' }));
    expect(isOpenAt(summer, 'Europe/Rome', rome(10, 0))).toBe(false);
    // Sunday 6 December.
    expect(isOpenAt(weekdays(0, 1440), 'Europe/Rome', new Date(Date.UTC(2026, 11, 6, 10)))).toBe(false);
  });

  it('names days and times in the reader\'s language and clock', () => {
    expect(dayName('it', 1)).toBe('lunedì');
    expect(dayName('en', 7)).toBe('Sunday');
    expect(dayName('ar', 5)).toBe('الجمعة');
    expect(clockTime('it', 870)).toBe('14:30');
    expect(clockTime('en-US', 870)).toBe('2:30 PM');
    expect(clockTime('it', 1440)).toBe(clockTime('it', 0));  // the midnight a day closes at
  });

  it('lays out the week Monday first and tells a place that never closes', () => {
    const days = week(weekdays(540, 780));
    expect(days.map((d) => d.openings.length)).toEqual([1, 1, 1, 1, 1, 0, 0]);
    expect(alwaysOpen(weekdays(540, 780))).toBe(false);
    expect(alwaysOpen([1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: 0, closes: 1440, valid_from: null,
      valid_to: null })))).toBe(true);
  });
});

describe('hours of other dates and unknown zones', () => {
  it('keeps for the week only the hours valid on its day, and is never open in a zone it does not know', () => {
    const summer = weekdays(540, 780).map((h) => ({ ...h, valid_from: '2026-06-01', valid_to: '2026-09-30' }));
    expect(validOn([...summer, ...weekdays(600, 720)], '2026-12-01').map((h) => h.opens)).toEqual([600, 600, 600, 600, 600]);
    expect(validOn(summer, '2026-07-01')).toHaveLength(5);
    expect(isOpenAt(weekdays(0, 1440), 'Europe/Atlantis', new Date(Date.UTC(2026, 11, 1, 9)))).toBe(false);
  });
});
