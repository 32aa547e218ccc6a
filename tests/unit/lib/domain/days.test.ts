import { describe, expect, it } from 'vitest';
import { ageOn, civilFromDay, dayFromCivil, isoDate, monthIndexOfDay, monthLabel } from '../../../../src/lib/domain';

// Reference: Date.UTC counts milliseconds since 1970-01-01 in the proleptic Gregorian calendar.
const utcDay = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

describe('calendar days', () => {
  it('matches Date.UTC on fixed dates, including leap days and before 1970', () => {
    const dates: [number, number, number][] = [
      [1970, 1, 1], [2024, 1, 5], [2024, 2, 29], [2000, 2, 29], [1900, 3, 1], [1969, 12, 31], [1899, 12, 30], [2099, 12, 31],
    ];
    for (const [y, m, d] of dates) {
      expect(dayFromCivil(y, m, d)).toBe(utcDay(y, m, d));
      expect(civilFromDay(utcDay(y, m, d))).toEqual([y, m, d]);
    }
    expect(dayFromCivil(2024, 1, 5)).toBe(19727);
  });

  it('round-trips every day over four centuries', () => {
    for (let day = -146097; day < 146097 * 2; day += 13) {
      const [y, m, d] = civilFromDay(day);
      expect(dayFromCivil(y, m, d)).toBe(day);
    }
  });

  it('labels months and days as ISO strings', () => {
    expect(isoDate(dayFromCivil(2023, 3, 9))).toBe('2023-03-09');
    expect(monthLabel(monthIndexOfDay(dayFromCivil(2025, 12, 31)))).toBe('2025-12');
  });

  it('computes age in whole years, counting the birthday itself', () => {
    const birth = dayFromCivil(1990, 6, 15);
    expect(ageOn(birth, dayFromCivil(2020, 6, 14))).toBe(29);
    expect(ageOn(birth, dayFromCivil(2020, 6, 15))).toBe(30);
  });
});
