import type { DayNumber } from './types';

/**
 * Calendar arithmetic on day numbers, with integer maths only (no Date, no time zone).
 * Algorithms from H. Hinnant, "chrono-Compatible Low-Level Date Algorithms".
 */

/** Day number of a proleptic Gregorian date; month is 1–12. */
export function dayFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month 1–12, day 1–31] of a day number. */
export function civilFromDay(dayNumber: DayNumber): [number, number, number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Month index (year * 12 + month - 1) of a day number. */
export function monthIndexOfDay(dayNumber: DayNumber): number {
  const [y, m] = civilFromDay(dayNumber);
  return y * 12 + m - 1;
}

/** 'YYYY-MM' label of a month index. */
export function monthLabel(monthIndex: number): string {
  const y = Math.floor(monthIndex / 12);
  const m = monthIndex - y * 12 + 1;
  return `${y}-${m < 10 ? '0' : ''}${m}`;
}

/** 'YYYY-MM-DD' of a day number. */
export function isoDate(dayNumber: DayNumber): string {
  const [y, m, d] = civilFromDay(dayNumber);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Whole years between a birth day and a reference day. */
export function ageOn(birthDay: DayNumber, onDay: DayNumber): number {
  const [by, bm, bd] = civilFromDay(birthDay);
  const [y, m, d] = civilFromDay(onDay);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Day number of a 'YYYY-MM-DD' text (what an `<input type="date">` gives), or undefined for
 * anything else: an empty text, another format, or a date that does not exist (2023-02-29).
 * @param text the date as typed
 * @example parseIsoDay('2024-02-29') // 19782
 * @example parseIsoDay('2023-02-29') // undefined
 */
export function parseIsoDay(text: string): DayNumber | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return undefined;
  const dayNumber = dayFromCivil(year, month, day);
  // a day past the month's end rolls into the next month: not the date typed
  return civilFromDay(dayNumber)[2] === day ? dayNumber : undefined;
}
