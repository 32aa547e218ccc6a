/** The care calendar (issue 16): birthdays across the year end, 29 February, anniversaries, user dates. */
import { describe, expect, it } from 'vitest';
import {
  nextOccurrence, restoreCareDates, upcomingAnniversaries, upcomingBirthdays, upcomingCareDates, validateCareDate,
} from '../../../../../src/lib/domain/act/calendar';
import { dayFromCivil, isoDate } from '../../../../../src/lib/domain/days';
import { NO_DAY } from '../../../../../src/lib/domain/types';

const d = dayFromCivil;
const show = (hits: { customer: number; day: number; years: number }[]) => hits.map((h) => `${h.customer} ${isoDate(h.day)} ${h.years}`);

describe('birthdays', () => {
  it('finds birthdays across the year end, soonest first', () => {
    // window 2025-12-20 + 30 days = 2025-12-20 … 2026-01-18 (12 days of December, 18 of January)
    const births = Int32Array.of(d(1990, 1, 5), d(1985, 12, 25), d(1990, 12, 10), d(1990, 1, 19), NO_DAY, d(2000, 1, 18));
    expect(show(upcomingBirthdays(births, d(2025, 12, 20), 30))).toEqual(['1 2025-12-25 40', '0 2026-01-05 36', '5 2026-01-18 26']);
  });

  it('celebrates 29 February on the 28th in a year without it, and on the 29th in a leap year', () => {
    const births = Int32Array.of(d(2000, 2, 29));
    const leap = upcomingBirthdays(births, d(2024, 2, 20), 30);
    expect(show(leap)).toEqual(['0 2024-02-29 24']);
    expect(leap[0].moved).toBe(false);
    const plain = upcomingBirthdays(births, d(2025, 2, 20), 30);
    expect(show(plain)).toEqual(['0 2025-02-28 25']);
    expect(plain[0].moved).toBe(true);
    // from 1 March 2025: 28 February 2026 (no 29th that year); from 1 March 2027: 29 February 2028
    expect(isoDate(nextOccurrence(2, 29, d(2025, 3, 1)).day)).toBe('2026-02-28');
    expect(isoDate(nextOccurrence(2, 29, d(2027, 3, 1)).day)).toBe('2028-02-29');
  });

  it('leaves out the day of birth itself and a window of the wrong size', () => {
    expect(upcomingBirthdays(Int32Array.of(d(2025, 12, 25)), d(2025, 12, 20), 30)).toEqual([]);
    expect(() => upcomingBirthdays(Int32Array.of(), 0, 0)).toThrow();
    expect(() => upcomingBirthdays(Int32Array.of(), 0, 367)).toThrow();
    expect(() => upcomingBirthdays(Int32Array.of(), 0, 1.5)).toThrow();
    try {
      upcomingBirthdays(Int32Array.of(), 0, 400);
    } catch (e) {
      expect(e).toEqual({ code: 'care.daysInvalid', params: { days: '400', max: 366 } });
    }
  });
});

describe('anniversaries', () => {
  it('uses the sign-up day, else the first purchase, and counts whole years', () => {
    const signup = Int32Array.of(d(2023, 6, 15), NO_DAY, NO_DAY, NO_DAY);
    const first = Int32Array.of(d(2023, 1, 1), d(2024, 6, 12), d(2025, 6, 11), NO_DAY);
    // window 2025-06-10 … 2025-06-16: customer 2 bought first this very year (0 years: not an anniversary)
    const hits = upcomingAnniversaries(signup, first, d(2025, 6, 10), 7);
    expect(hits.map((h) => `${h.customer} ${isoDate(h.day)} ${h.years} ${h.basis}`)).toEqual([
      '1 2025-06-12 1 firstPurchase', '0 2025-06-15 2 signup',
    ]);
  });

  it('holds a 29 February sign-up on the 28th across the year end window', () => {
    const hits = upcomingAnniversaries(Int32Array.of(d(2024, 2, 29)), Int32Array.of(NO_DAY), d(2024, 12, 1), 366);
    expect(show(hits)).toEqual(['0 2025-02-28 1']);
  });
});

describe('user dates', () => {
  it('checks names and days, hostile input included', () => {
    expect(validateCareDate({ name: 'Store birthday', month: 3, day: 8 })).toEqual([]);
    expect(validateCareDate({ name: '  ', month: 3, day: 8 }).map((p) => p.code)).toEqual(['care.date.nameMissing']);
    expect(validateCareDate({ name: 'x'.repeat(61), month: 3, day: 8 }).map((p) => p.code)).toEqual(['care.date.nameTooLong']);
    expect(validateCareDate({ name: 'a', month: 13, day: 1 }).map((p) => p.code)).toEqual(['care.date.invalid']);
    expect(validateCareDate({ name: 'a', month: 4, day: 31 }).map((p) => p.code)).toEqual(['care.date.invalid']);
    expect(validateCareDate({ name: 'a', month: '2', day: '29' })).toEqual([]); // yearly: fine
    expect(validateCareDate({ name: 'a', month: 2, day: 29, year: 2025 }).map((p) => p.code)).toEqual(['care.date.invalid']);
    expect(validateCareDate({ name: 'a', month: 2, day: 29, year: 2028 })).toEqual([]);
    expect(validateCareDate({ name: '<script>', month: 'x', day: null }).map((p) => p.code)).toEqual(['care.date.invalid']);
  });

  it('restores stored dates, dropping damaged rows', () => {
    const raw = [
      { id: 'a', name: ' Anniversary sale ', month: 9, day: 1 },
      { id: 'a', name: 'duplicate id', month: 9, day: 1 },
      { id: 'b', name: 'Launch', month: 2, day: 30 },
      null, 'text', { name: 'no id', month: 1, day: 1 },
      { id: 'c', name: 'Once', month: 1, day: 10, year: 2026 },
    ];
    expect(restoreCareDates(raw)).toEqual([
      { id: 'a', name: 'Anniversary sale', month: 9, day: 1 },
      { id: 'c', name: 'Once', month: 1, day: 10, year: 2026 },
    ]);
    expect(restoreCareDates('garbage')).toEqual([]);
    expect(restoreCareDates(undefined)).toEqual([]);
  });

  it('places yearly and one-off dates in the window across the year end', () => {
    const dates = [
      { id: '1', name: 'Yearly', month: 1, day: 3 },
      { id: '2', name: 'Once 2026', month: 1, day: 5, year: 2026 },
      { id: '3', name: 'Once 2027', month: 1, day: 5, year: 2027 },
      { id: '4', name: 'Leap', month: 2, day: 29 },
    ];
    const hits = upcomingCareDates(dates, d(2025, 12, 20), 30);
    expect(hits.map((h) => `${h.date.id} ${isoDate(h.day)}`)).toEqual(['1 2026-01-03', '2 2026-01-05']);
    expect(upcomingCareDates(dates, d(2026, 2, 20), 10).map((h) => isoDate(h.day))).toEqual(['2026-02-28']);
  });
});
