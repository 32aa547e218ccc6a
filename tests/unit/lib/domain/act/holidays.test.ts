/**
 * The holiday table (issue 16): every year 2024–2030 has each festival once, and the dates agree
 * with the published tables the file names.
 */
import { describe, expect, it } from 'vitest';
import { HOLIDAY_KEYS, holidaysBetween, holidaysOfYear } from '../../../../../src/lib/domain/act/holidays';
import { dayFromCivil, isoDate } from '../../../../../src/lib/domain/days';

const dateOf = (year: number, key: string) => isoDate(holidaysOfYear(year).find((h) => h.key === key)!.day);

describe('holiday table', () => {
  it('has each festival exactly once in every year 2024–2030, in date order', () => {
    for (let y = 2024; y <= 2030; y++) {
      const list = holidaysOfYear(y);
      expect(list.map((h) => h.key).sort()).toEqual([...HOLIDAY_KEYS].sort());
      for (const h of list) expect(isoDate(h.day).slice(0, 4)).toBe(String(y));
      expect(list.map((h) => h.day)).toEqual([...list.map((h) => h.day)].sort((a, b) => a - b));
    }
  });

  it('says nothing outside the table', () => {
    expect(holidaysOfYear(2023)).toEqual([]);
    expect(holidaysOfYear(2031)).toEqual([]);
  });

  it('has 春节 on the dates of python-holidays LUNAR_NEW_YEAR_DATES', () => {
    // vacanza/python-holidays, holidays/calendars/chinese.py: 2024 (FEB, 10), 2025 (JAN, 29),
    // 2026 (FEB, 17), 2027 (FEB, 6), 2028 (JAN, 26), 2029 (FEB, 13), 2030 (FEB, 3)
    expect([2024, 2025, 2026, 2027, 2028, 2029, 2030].map((y) => dateOf(y, 'springFestival'))).toEqual([
      '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26', '2029-02-13', '2030-02-03',
    ]);
  });

  it('has 端午 and 中秋 on the python-holidays dates', () => {
    // DRAGON_BOAT_DATES and MID_AUTUMN_DATES of the same file
    expect([2024, 2025, 2026, 2027, 2028, 2029, 2030].map((y) => dateOf(y, 'dragonBoat'))).toEqual([
      '2024-06-10', '2025-05-31', '2026-06-19', '2027-06-09', '2028-05-28', '2029-06-16', '2030-06-05',
    ]);
    expect([2024, 2025, 2026, 2027, 2028, 2029, 2030].map((y) => dateOf(y, 'midAutumn'))).toEqual([
      '2024-09-17', '2025-10-06', '2026-09-25', '2027-09-15', '2028-10-03', '2029-09-22', '2030-09-12',
    ]);
  });

  it('has 元宵 fourteen days after 春节 (lunar 1/15)', () => {
    for (let y = 2024; y <= 2030; y++) {
      const list = holidaysOfYear(y);
      const day = (k: string) => list.find((h) => h.key === k)!.day;
      expect(day('lantern') - day('springFestival')).toBe(14);
    }
  });

  it('has 七夕 on lunar 7/7: month 7 starts (HKO-based table) + 6 days', () => {
    // ree-ce/my-calendar-app lunarYearsData.js, month 7 start: 2024-08-04, 2025-08-23, 2026-08-13,
    // 2027-08-02, 2028-08-20, 2029-08-10, 2030-07-30
    expect([2024, 2025, 2026, 2027, 2028, 2029, 2030].map((y) => dateOf(y, 'qixi'))).toEqual([
      '2024-08-10', '2025-08-29', '2026-08-19', '2027-08-08', '2028-08-26', '2029-08-16', '2030-08-05',
    ]);
  });

  it('agrees with ICU’s Chinese calendar on 七夕, 端午 and 中秋', () => {
    // an independent computation: Intl with the chinese calendar (month/day of the lunar year).
    // (ICU's astronomy puts 2027 and 2030 new year one day off the official tables, so 春节 is
    // checked against the tables above only.)
    const f = new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
    const lunar = (day: number) => {
      const parts = f.formatToParts(new Date(day * 86_400_000));
      return `${parts.find((p) => p.type === 'month')!.value}/${parts.find((p) => p.type === 'day')!.value}`;
    };
    for (let y = 2024; y <= 2030; y++) {
      const list = holidaysOfYear(y);
      expect(lunar(list.find((h) => h.key === 'qixi')!.day)).toBe('7/7');
      expect(lunar(list.find((h) => h.key === 'dragonBoat')!.day)).toBe('5/5');
      expect(lunar(list.find((h) => h.key === 'midAutumn')!.day)).toBe('8/15');
    }
  });

  it('has 清明 on 4 or 5 April as python-holidays _qingming_date gives', () => {
    expect([2024, 2025, 2026, 2027, 2028, 2029, 2030].map((y) => dateOf(y, 'qingming'))).toEqual([
      '2024-04-04', '2025-04-04', '2026-04-05', '2027-04-05', '2028-04-04', '2029-04-04', '2030-04-05',
    ]);
  });

  it('lists the festivals of a window across the year end', () => {
    const list = holidaysBetween(dayFromCivil(2025, 12, 20), dayFromCivil(2026, 2, 20));
    expect(list.map((h) => `${h.key} ${isoDate(h.day)}`)).toEqual(['newYear 2026-01-01', 'springFestival 2026-02-17']);
    expect(holidaysBetween(10, 5)).toEqual([]);
  });
});
