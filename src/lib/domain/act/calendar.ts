/**
 * The care calendar (关怀日历): birthdays and customer anniversaries in the next N days, and the
 * user's own dates. Days are day numbers (days since 1970-01-01); no Date, no time zone.
 *
 * 29 February: in a year without it, a birthday or anniversary on 29 February is celebrated on
 * 28 February (the rule is shown on screen).
 */
import { civilFromDay, dayFromCivil } from '../days';
import { NO_DAY } from '../types';
import type { Notice } from '../types';

/** The longest window the calendar looks ahead (days). */
export const CARE_MAX_DAYS = 366;
/** The window by default (days). */
export const CARE_DEFAULT_DAYS = 30;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The day a month/day falls on in a year (29 February → 28 February in a year without it). */
export function observedDay(year: number, month: number, day: number): number {
  return month === 2 && day === 29 && !isLeapYear(year) ? dayFromCivil(year, 2, 28) : dayFromCivil(year, month, day);
}

/**
 * The first day on or after `from` on which a yearly month/day is celebrated, and its year.
 * @example nextOccurrence(2, 29, dayFromCivil(2025, 1, 1)) // { day: 2025-02-28, year: 2025 }
 */
export function nextOccurrence(month: number, day: number, from: number): { day: number; year: number } {
  const [y] = civilFromDay(from);
  for (let year = y; ; year++) {
    const d = observedDay(year, month, day);
    if (d >= from) return { day: d, year };
  }
}

/** Throws `care.daysInvalid` unless `days` is a whole number 1–366. */
export function checkCareDays(days: number): void {
  if (!(Number.isInteger(days) && days >= 1 && days <= CARE_MAX_DAYS)) {
    throw { code: 'care.daysInvalid', params: { days: String(days), max: CARE_MAX_DAYS } } satisfies Notice;
  }
}

/** A customer's upcoming date: the customer's index, the day it falls on, and the years it marks. */
export interface CareDateHit {
  customer: number;
  day: number;
  /** Age turned (birthdays) or years since the start (anniversaries). */
  years: number;
  /** True when the date is 29 February celebrated on 28 February this year. */
  moved: boolean;
}

/**
 * Birthdays in the window [from, from + days − 1] (both ends included), soonest first (ties by
 * customer). Customers without a birth day (NO_DAY) are left out, as is the day of birth itself
 * (a first birthday is one year old).
 * @param birthDay birth day per customer
 * @example // born 2000-02-29, from 2025-02-20, 30 days → 2025-02-28, 25 years, moved
 */
export function upcomingBirthdays(birthDay: ArrayLike<number>, from: number, days: number): CareDateHit[] {
  checkCareDays(days);
  return yearly(birthDay, from, days);
}

/**
 * Anniversaries in the window: of sign-up, or of the first purchase for a customer without a
 * sign-up day; at least one whole year (the day itself is not an anniversary). Soonest first.
 * @param signupDay sign-up day per customer (NO_DAY when unknown)
 * @param firstDay first purchase day per customer (NO_DAY when none)
 */
export function upcomingAnniversaries(signupDay: ArrayLike<number>, firstDay: ArrayLike<number>, from: number, days: number): (CareDateHit & { basis: 'signup' | 'firstPurchase' })[] {
  checkCareDays(days);
  const start = new Int32Array(signupDay.length);
  for (let k = 0; k < start.length; k++) start[k] = signupDay[k] !== NO_DAY ? signupDay[k] : firstDay[k];
  return yearly(start, from, days).map((h) => ({ ...h, basis: signupDay[h.customer] !== NO_DAY ? 'signup' : 'firstPurchase' }));
}

/** The first celebration of each start day in the window, at least one whole year after it. */
function yearly(start: ArrayLike<number>, from: number, days: number): CareDateHit[] {
  const to = from + days - 1;
  const [fy] = civilFromDay(from);
  const out: CareDateHit[] = [];
  for (let k = 0; k < start.length; k++) {
    const s = start[k];
    if (s === NO_DAY || !Number.isFinite(s)) continue;
    const [sy, sm, sd] = civilFromDay(s);
    // the first celebration on or after the window's start (a 366-day window can hold a second
    // one only on the very last day; the list shows each customer once, at the first)
    let year = fy;
    let day = observedDay(year, sm, sd);
    if (day < from) day = observedDay(++year, sm, sd);
    if (day > to) continue;
    const years = year - sy;
    if (years < 1) continue;
    out.push({ customer: k, day, years, moved: sm === 2 && sd === 29 && !isLeapYear(year) });
  }
  return out.sort((a, b) => a.day - b.day || a.customer - b.customer);
}

/** A date of the user's own: every year on a month/day, or once on a full date (year given). */
export interface CareDate {
  id: string;
  name: string;
  month: number;
  day: number;
  /** Set: only that year (a one-off date). */
  year?: number;
}

/** The longest name of a user date. */
export const CARE_DATE_NAME_MAX = 60;
/** The most dates a dataset keeps. */
export const CARE_DATES_MAX = 200;

/**
 * What is wrong with a date as typed (empty: nothing). Codes: care.date.nameMissing,
 * care.date.nameTooLong, care.date.invalid (no such month/day, or no such day in that year).
 */
export function validateCareDate(d: { name: unknown; month: unknown; day: unknown; year?: unknown }): Notice[] {
  const problems: Notice[] = [];
  const name = typeof d.name === 'string' ? d.name.trim() : '';
  if (!name) problems.push({ code: 'care.date.nameMissing', params: {} });
  else if (name.length > CARE_DATE_NAME_MAX) problems.push({ code: 'care.date.nameTooLong', params: { max: CARE_DATE_NAME_MAX } });
  const month = Number(d.month), day = Number(d.day);
  const year = d.year === undefined || d.year === null || d.year === '' ? undefined : Number(d.year);
  const okYear = year === undefined || (Number.isInteger(year) && year >= 1900 && year <= 2100);
  // 29 February is a valid yearly date (celebrated on the 28th in other years); a one-off needs a real day
  const leap = year === undefined ? 2000 : year;
  const ok = okYear && Number.isInteger(month) && month >= 1 && month <= 12 && Number.isInteger(day) && day >= 1
    && day <= daysInMonth(leap, month);
  if (!ok) problems.push({ code: 'care.date.invalid', params: { month: String(d.month ?? ''), day: String(d.day ?? ''), year: year === undefined ? '' : String(d.year) } });
  return problems;
}

function daysInMonth(year: number, month: number): number {
  return dayFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - dayFromCivil(year, month, 1);
}

/**
 * The user's dates read back from storage: anything that is not a usable date is dropped
 * (names trimmed; at most CARE_DATES_MAX), so old or damaged rows never break the page.
 */
export function restoreCareDates(raw: unknown): CareDate[] {
  if (!Array.isArray(raw)) return [];
  const out: CareDate[] = [];
  const ids = new Set<string>();
  for (const r of raw) {
    if (!r || typeof r !== 'object') continue;
    const o = r as Record<string, unknown>;
    if (typeof o.id !== 'string' || !o.id || ids.has(o.id)) continue;
    if (validateCareDate({ name: o.name, month: o.month, day: o.day, year: o.year }).length) continue;
    ids.add(o.id);
    const d: CareDate = { id: o.id, name: (o.name as string).trim(), month: Number(o.month), day: Number(o.day) };
    if (o.year !== undefined && o.year !== null && o.year !== '') d.year = Number(o.year);
    out.push(d);
    if (out.length >= CARE_DATES_MAX) break;
  }
  return out;
}

/**
 * The user's dates in the window [from, from + days − 1]: each with the day it falls on (a yearly
 * 29 February on the 28th in other years), soonest first.
 */
export function upcomingCareDates(dates: readonly CareDate[], from: number, days: number): { date: CareDate; day: number }[] {
  checkCareDays(days);
  const to = from + days - 1;
  const out: { date: CareDate; day: number }[] = [];
  for (const d of dates) {
    const day = d.year !== undefined ? dayFromCivil(d.year, d.month, d.day) : nextOccurrence(d.month, d.day, from).day;
    if (day >= from && day <= to) out.push({ date: d, day });
  }
  return out.sort((a, b) => a.day - b.day || a.date.name.localeCompare(b.date.name));
}
