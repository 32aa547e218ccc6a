/**
 * Calendar dates as users' exports write them, read into day numbers (days since 1970-01-01).
 * Integer arithmetic only: never `Date`, so the written day never moves with the time zone.
 */
import { dayFromCivil } from '../days';
import type { DayNumber } from '../types';

/** How to read a date whose year comes last: 1/5/2024 is 5 January ('mdy') or 1 May ('dmy'). 'ymd' expects no such dates. */
export type DateOrder = 'ymd' | 'mdy' | 'dmy';

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
/** Day 0 of Excel's 1900 date system from serial 61 on (serials 1–59 start a day later: Excel counts a 1900-02-29). */
const EXCEL_EPOCH = dayFromCivil(1899, 12, 30);
/** The first and last days parseDate reads (1900-01-01 and 2100-12-31): any day between is a date it accepts. */
export const FIRST_DATE_DAY = dayFromCivil(MIN_YEAR, 1, 1);
export const LAST_DATE_DAY = dayFromCivil(MAX_YEAR, 12, 31);
/** Longest text worth reading as a date ('Fri Jan 05 2024 10:42:00 GMT+0800 (China Standard Time)' is 57). */
const MAX_LENGTH = 100;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAY = String.raw`(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?`;
const ORDINAL = String.raw`(?:st|nd|rd|th)?`;

/** Optional time of day after the date: read only to be checked, then ignored with any zone or offset. */
const CLOCK =
  String.raw`(?:(上午|下午|am|pm)\s*)?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s*(am|pm|a\.m\.|p\.m\.)?` +
  String.raw`\s*(?:z|utc|gmt)?\s*(?:[+-]\d{2}(?::?\d{2})?)?\s*(?:\([^()]*\))?`;
const CN_CLOCK = String.raw`(?:(上午|下午)\s*)?(\d{1,2})[时点](?:(\d{1,2})分(?:(\d{1,2})秒)?)?()`;
/** The usual case, checked first: ' 10:42', 'T10:42:00'. */
const PLAIN_TIME = /^[ Tt](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const TIME = new RegExp(String.raw`^(?:(?:t|\s+)${CLOCK})?$`, 'i');
const CN_TIME = new RegExp(String.raw`^\s*(?:${CLOCK}|${CN_CLOCK})?$`, 'i');

const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(.*)$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?(.*)$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(\D.*)$/;
const YEAR_LAST = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(.*)$/;
const SERIAL = /^\d{1,7}(?:\.\d+)?$/;
const DAY_MONTH_YEAR = new RegExp(String.raw`^${WEEKDAY}(\d{1,2})${ORDINAL}[-\s/.]+([a-z]{3,9})\.?[-\s/.,]+(\d{4}|\d{2})(.*)$`, 'i');
const MONTH_DAY_YEAR = new RegExp(String.raw`^${WEEKDAY}([a-z]{3,9})\.?[-\s/.]+(\d{1,2})${ORDINAL},?[-\s/.]+(\d{4})(.*)$`, 'i');
const YEAR_MONTH_DAY = new RegExp(String.raw`^(\d{4})[-\s/.]+([a-z]{3,9})\.?[-\s/.]+(\d{1,2})(.*)$`, 'i');

/** Trimmed, full-width folded (NFKC), inner whitespace collapsed. */
function clean(text: string): string {
  let s = String(text ?? '');
  if (/[^ -~]/.test(s)) s = s.normalize('NFKC');
  if (/\s\s|[^\S ]/.test(s)) s = s.replace(/\s+/g, ' ');
  return s.trim();
}

/** Day number of a real date within the supported years, else null. */
function civil(year: number, month: number, day: number): DayNumber | null {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const length = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day > length ? null : dayFromCivil(year, month, day);
}

/** Two-digit years: 00–68 → 2000–2068, 69–99 → 1969–1999 (Excel's and POSIX's pivot). */
function fullYear(text: string): number {
  const y = Number(text);
  return text.length > 2 ? y : y <= 68 ? 2000 + y : 1900 + y;
}

/** Month number of an English month name or abbreviation ('Jan', 'Sept', 'january'), else 0. */
function monthNumber(name: string): number {
  const n = name.toLowerCase();
  return MONTHS.findIndex((m) => m.startsWith(n) && n.length >= 3) + 1;
}

/** Whether what follows the date is empty or a plausible time of day. */
function timeOk(rest: string, pattern: RegExp = TIME): boolean {
  if (!rest) return true;
  const plain = PLAIN_TIME.exec(rest);
  if (plain) return Number(plain[1]) <= 23 && Number(plain[2]) <= 59 && Number(plain[3] ?? 0) <= 60;
  const m = pattern.exec(rest);
  if (!m) return false;
  const g = m.slice(1);
  // CLOCK: marker, h, m, s, suffix; CN_CLOCK: marker, h, m, s, (empty).
  const [pre, h, mi, s, post] = g[1] !== undefined ? g.slice(0, 5) : g.slice(5, 10);
  if (h === undefined) return true;
  const half = Boolean(pre || post);
  return Number(h) <= (half ? 12 : 23) && Number(mi ?? 0) <= 59 && Number(s ?? 0) <= 60;
}

/** Day number of an Excel serial (1900 date system). Serial 60 is Excel's fictitious 1900-02-29: null. */
function fromSerial(serial: number): DayNumber | null {
  const whole = Math.floor(serial);
  if (whole < 1 || whole === 60) return null;
  const day = whole < 60 ? EXCEL_EPOCH + whole + 1 : EXCEL_EPOCH + whole;
  return day > LAST_DATE_DAY ? null : day;
}

/** Parse assuming `t` is already cleaned. Dispatches on where the leading digits stop. */
function _parseDate(t: string, order: DateOrder): DayNumber | null {
  if (t === '' || t.length > MAX_LENGTH) return null;
  let p = 0;
  while (p < t.length && t.charCodeAt(p) >= 48 && t.charCodeAt(p) <= 57) p++;
  let m: RegExpExecArray | null;
  if (p === t.length) {
    if (p === 8) return civil(Number(t.slice(0, 4)), Number(t.slice(4, 6)), Number(t.slice(6, 8)));
    return p <= 7 ? fromSerial(Number(t)) : null;
  }
  if (t[p] === '.' && SERIAL.test(t)) return fromSerial(Number(t));
  if (p === 4) {
    if ((m = YEAR_FIRST.exec(t))) return timeOk(m[5]) ? civil(+m[1], +m[3], +m[4]) : null;
    if ((m = CHINESE.exec(t))) return timeOk(m[4], CN_TIME) ? civil(+m[1], +m[2], +m[3]) : null;
    if ((m = YEAR_MONTH_DAY.exec(t))) return timeOk(m[4]) ? civil(+m[1], monthNumber(m[2]), +m[3]) : null;
    return null;
  }
  if (p === 8) {
    m = COMPACT.exec(t);
    return m && timeOk(m[4]) ? civil(+m[1], +m[2], +m[3]) : null;
  }
  if (p > 2) return null;
  if (p > 0 && (m = YEAR_LAST.exec(t))) {
    if (order === 'ymd' || !timeOk(m[5])) return null;
    const [a, b] = [+m[1], +m[3]];
    return order === 'mdy' ? civil(fullYear(m[4]), a, b) : civil(fullYear(m[4]), b, a);
  }
  if ((m = DAY_MONTH_YEAR.exec(t))) return timeOk(m[4]) ? civil(fullYear(m[3]), monthNumber(m[2]), +m[1]) : null;
  if (p === 0 && (m = MONTH_DAY_YEAR.exec(t))) return timeOk(m[4]) ? civil(+m[3], monthNumber(m[1]), +m[2]) : null;
  return null;
}

/**
 * Recent results per order. A column repeats its dates (every line of an invoice, every order of
 * a day), so a million-row import parses each distinct text about once. Bounded; results only.
 */
const CACHE_SIZE = 8192;
const CACHES: Record<DateOrder, Map<string, DayNumber | null>> = { ymd: new Map(), mdy: new Map(), dmy: new Map() };

/**
 * Reads a date as written, to its calendar day; a time of day, 'Z' or an offset after it is
 * checked for shape and otherwise ignored (2024-01-05T23:30:00-08:00 is 5 January).
 *
 * Accepted: 2024-01-05, 2024/1/5, 2024.1.5, 20240105, 2024年1月5日, 1/5/2024 10:42, 05/01/2024,
 * 5-Jan-2024, 05-JAN-24, Jan 5, 2024, Friday, January 5, 2024, 2024-Jan-05, ISO date-times, and
 * Excel serial numbers (1900 system: 1 = 1900-01-01, 61 = 1900-03-01, 45292 = 2024-01-01; 60,
 * Excel's nonexistent 1900-02-29, is rejected). Eight digits are always yyyymmdd, never a serial.
 * Two-digit years only where the year comes last: 00–68 → 20xx, 69–99 → 19xx.
 * Rejected: impossible dates (2023-02-29), years outside 1900–2100, and under order 'ymd' any
 * year-last numeric date (its day/month order is unknown).
 * @param text the cell
 * @param order how to read numeric dates with the year last (see inferDateOrder)
 * @returns the day number (days since 1970-01-01), or null
 * @example
 * parseDate('1/5/2024 10:42', 'mdy'); // 19727 (2024-01-05)
 * parseDate('1/5/2024', 'dmy');       // 19848 (2024-05-01)
 */
export function parseDate(text: string, order: DateOrder): DayNumber | null {
  const cache = CACHES[order];
  let day = cache.get(text);
  if (day === undefined) {
    day = _parseDate(clean(text), order);
    if (typeof text === 'string' && text.length <= MAX_LENGTH) {
      if (cache.size >= CACHE_SIZE) cache.clear();
      cache.set(text, day);
    }
  }
  return day;
}


/** The order inferred for a column of dates. */
export interface DateOrderGuess {
  order: DateOrder;
  /** True when year-last dates exist but the samples do not settle day/month order (or contradict each other): ask the user. */
  ambiguous: boolean;
  /** Samples that support the chosen order (only year-last dates readable one way, or year-first dates for 'ymd'). */
  evidence: number;
}

/**
 * Infers how to read a column's year-last numeric dates from samples. A sample such as 13/01/2024
 * or 01/13/2024 can be read only one way and decides; 05/01/2024 does not. Year-first, month-name
 * and serial dates read the same under any order. Returns 'mdy' or 'dmy' when year-last dates
 * exist (ambiguous, defaulting to 'mdy', when none decides or they disagree), else 'ymd'.
 * @param samples cells of one or more date columns
 * @example
 * inferDateOrder(['05/01/2024', '13/01/2024']); // { order: 'dmy', ambiguous: false, evidence: 1 }
 * inferDateOrder(['05/01/2024']);               // { order: 'mdy', ambiguous: true, evidence: 0 }
 */
export function inferDateOrder(samples: string[]): DateOrderGuess {
  let yearLast = 0, mdy = 0, dmy = 0, ymd = 0;
  for (const sample of samples) {
    const t = clean(sample);
    if (YEAR_LAST.test(t)) {
      yearLast++;
      const asMdy = _parseDate(t, 'mdy') !== null;
      const asDmy = _parseDate(t, 'dmy') !== null;
      if (asMdy && !asDmy) mdy++;
      if (asDmy && !asMdy) dmy++;
    } else if ((YEAR_FIRST.test(t) || CHINESE.test(t) || /^\d{8}$/.test(t)) && _parseDate(t, 'ymd') !== null) {
      ymd++;
    }
  }
  if (yearLast === 0) return { order: 'ymd', ambiguous: false, evidence: ymd };
  if (mdy > 0 && dmy === 0) return { order: 'mdy', ambiguous: false, evidence: mdy };
  if (dmy > 0 && mdy === 0) return { order: 'dmy', ambiguous: false, evidence: dmy };
  return dmy > mdy ? { order: 'dmy', ambiguous: true, evidence: dmy } : { order: 'mdy', ambiguous: true, evidence: mdy };
}
