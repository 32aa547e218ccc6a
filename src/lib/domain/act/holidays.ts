/**
 * Chinese public holidays and shopping festivals, 2024–2030 (DATA: gregorian dates, one per year).
 *
 * Sources:
 * - 春节 (lunar 1/1), 端午节 (5/5), 中秋节 (8/15): python-holidays (vacanza/python-holidays,
 *   holidays/calendars/chinese.py, LUNAR_NEW_YEAR_DATES / DRAGON_BOAT_DATES / MID_AUTUMN_DATES),
 *   checked against the lunar month start dates of ree-ce/my-calendar-app
 *   (src/lib/calendar/lunarYearsData.js), which follow the Hong Kong Observatory table.
 * - 元宵节 (lunar 1/15): 春节 + 14 days (the 15th day of the first lunar month).
 * - 七夕 (lunar 7/7): the start of lunar month 7 (same lunarYearsData.js table) + 6 days; the same
 *   dates come out of ICU's Chinese calendar (Intl, "-u-ca-chinese").
 * - 清明节 is a solar term (the sun at 15° longitude), on 4 or 5 April: python-holidays
 *   (holidays/groups/chinese.py, `_qingming_date`: 4 April when year % 4 is 0, or 1 from 2009).
 * - Fixed days: 元旦 1 January, 劳动节 1 May, 国庆节 1 October, 双十一 11 November (shopping festival).
 * Dates are the festival day itself, not the public-holiday bridges the State Council announces
 * each year.
 */
import { civilFromDay, dayFromCivil } from '../days';

export const HOLIDAY_KEYS = ['newYear', 'springFestival', 'lantern', 'qingming', 'labour', 'dragonBoat', 'qixi', 'midAutumn', 'national', 'singlesDay'] as const;
export type HolidayKey = (typeof HOLIDAY_KEYS)[number];

/** The years the table covers. */
export const HOLIDAY_YEARS = { from: 2024, to: 2030 } as const;

type MonthDay = readonly [month: number, day: number];

/** Festivals that move with the lunar calendar or the solar terms: [month, day] per year. */
const MOVING: Record<'springFestival' | 'lantern' | 'qingming' | 'dragonBoat' | 'qixi' | 'midAutumn', Record<number, MonthDay>> = {
  springFestival: { 2024: [2, 10], 2025: [1, 29], 2026: [2, 17], 2027: [2, 6], 2028: [1, 26], 2029: [2, 13], 2030: [2, 3] },
  lantern: { 2024: [2, 24], 2025: [2, 12], 2026: [3, 3], 2027: [2, 20], 2028: [2, 9], 2029: [2, 27], 2030: [2, 17] },
  qingming: { 2024: [4, 4], 2025: [4, 4], 2026: [4, 5], 2027: [4, 5], 2028: [4, 4], 2029: [4, 4], 2030: [4, 5] },
  dragonBoat: { 2024: [6, 10], 2025: [5, 31], 2026: [6, 19], 2027: [6, 9], 2028: [5, 28], 2029: [6, 16], 2030: [6, 5] },
  qixi: { 2024: [8, 10], 2025: [8, 29], 2026: [8, 19], 2027: [8, 8], 2028: [8, 26], 2029: [8, 16], 2030: [8, 5] },
  midAutumn: { 2024: [9, 17], 2025: [10, 6], 2026: [9, 25], 2027: [9, 15], 2028: [10, 3], 2029: [9, 22], 2030: [9, 12] },
};

/** Festivals on the same gregorian day every year. */
const FIXED: Record<'newYear' | 'labour' | 'national' | 'singlesDay', MonthDay> = {
  newYear: [1, 1], labour: [5, 1], national: [10, 1], singlesDay: [11, 11],
};

/** A festival on a day. */
export interface Holiday {
  key: HolidayKey;
  /** Days since 1970-01-01. */
  day: number;
}

/**
 * The festivals of a year in date order (empty outside 2024–2030: the table says nothing there).
 * @example holidaysOfYear(2026)[1] // { key: 'springFestival', day: dayFromCivil(2026, 2, 17) }
 */
export function holidaysOfYear(year: number): Holiday[] {
  if (!(Number.isInteger(year) && year >= HOLIDAY_YEARS.from && year <= HOLIDAY_YEARS.to)) return [];
  const out: Holiday[] = [];
  for (const key of HOLIDAY_KEYS) {
    const md = key in FIXED ? FIXED[key as keyof typeof FIXED] : MOVING[key as keyof typeof MOVING][year];
    out.push({ key, day: dayFromCivil(year, md[0], md[1]) });
  }
  return out.sort((a, b) => a.day - b.day);
}

/** The festivals dated in [from, to] (days, inclusive), in date order. */
export function holidaysBetween(from: number, to: number): Holiday[] {
  if (!(to >= from)) return [];
  const [y0] = civilFromDay(from), [y1] = civilFromDay(to);
  const out: Holiday[] = [];
  for (let y = y0; y <= y1; y++) for (const h of holidaysOfYear(y)) if (h.day >= from && h.day <= to) out.push(h);
  return out;
}
