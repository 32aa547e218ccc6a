import { describe, expect, it } from 'vitest';
import { inferDateOrder, parseDate, type DateOrder } from '../../../../../src/lib/domain/import/dates';

// Reference independent of the code under test: Date.UTC counts days in the proleptic Gregorian calendar.
const utcDay = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;
const JAN_5_2024 = utcDay(2024, 1, 5);

function expectDay(text: string, order: DateOrder, y: number, m: number, d: number) {
  expect([text, order, parseDate(text, order)]).toEqual([text, order, utcDay(y, m, d)]);
}

describe('parseDate', () => {
  it('reads year-first forms under any order', () => {
    for (const order of ['ymd', 'mdy', 'dmy'] as const) {
      for (const t of ['2024-01-05', '2024/1/5', '2024.1.5', '2024-1-05', '20240105', '2024年1月5日', '2024年01月05日', '2024 年 1 月 5 日', '2024年1月5号']) {
        expectDay(t, order, 2024, 1, 5);
      }
    }
  });

  it('reads year-last numeric forms by the given order', () => {
    expectDay('1/5/2024', 'mdy', 2024, 1, 5);
    expectDay('1/5/2024', 'dmy', 2024, 5, 1);
    expectDay('05/01/2024', 'dmy', 2024, 1, 5);
    expectDay('05/01/2024', 'mdy', 2024, 5, 1);
    expectDay('5.1.2024', 'dmy', 2024, 1, 5);
    expectDay('01-05-2024', 'mdy', 2024, 1, 5);
    expectDay('10/31/2011 10:42', 'mdy', 2011, 10, 31);
    expectDay('1/9/2011 11:27', 'mdy', 2011, 1, 9);
    // No silent swap: a day that does not fit the order is rejected.
    expect(parseDate('13/01/2024', 'mdy')).toBeNull();
    expect(parseDate('01/13/2024', 'dmy')).toBeNull();
    // Under 'ymd' the day/month order of year-last dates is unknown.
    expect(parseDate('1/5/2024', 'ymd')).toBeNull();
  });

  it('reads two-digit years only where the year comes last', () => {
    expectDay('05/01/24', 'dmy', 2024, 1, 5);
    expectDay('1/5/68', 'mdy', 2068, 1, 5);
    expectDay('1/5/69', 'mdy', 1969, 1, 5);
    expectDay('31/12/99', 'dmy', 1999, 12, 31);
    expectDay('01/01/00', 'dmy', 2000, 1, 1);
    expectDay('05-JAN-24', 'ymd', 2024, 1, 5);
    expect(parseDate('24-01-05', 'ymd')).toBeNull();
    expect(parseDate('24年1月5日', 'ymd')).toBeNull();
  });

  it('reads English month names', () => {
    for (const t of [
      '5-Jan-2024', '05-JAN-2024', '5 Jan 2024', '5 January 2024', '5th January, 2024', 'Jan 5, 2024', 'January 5 2024',
      'jan. 5, 2024', 'Friday, January 5, 2024', 'Fri, 5 Jan 2024', '2024-Jan-05', 'Jan 5 2024 10:42 AM',
      'Fri Jan 05 2024 10:42:00 GMT+0800 (China Standard Time)',
    ]) {
      for (const order of ['ymd', 'mdy', 'dmy'] as const) expectDay(t, order, 2024, 1, 5);
    }
    expectDay('Sept 30, 2023', 'ymd', 2023, 9, 30);
    expectDay('29-Feb-2024', 'ymd', 2024, 2, 29);
    expect(parseDate('5-Jam-2024', 'ymd')).toBeNull();
    expect(parseDate('5-Ja-2024', 'ymd')).toBeNull();
  });

  it('keeps the written calendar day of date-times, whatever the offset or time zone', () => {
    for (const t of [
      '2024-01-05T10:42:00Z', '2024-01-05T10:42:00+08:00', '2024-01-05T23:59:59.999-08:00', '2024-01-05T00:00:00+14:00',
      '2024-01-05 10:42', '2024-01-05 10:42:00', '2024-01-05T10:42', '2024-01-05 10:42:00.123456', '2024-01-05 10:42:00 UTC',
      '2024/1/5 下午 3:42', '2024/1/5 上午 11:05:09', '2024年1月5日 10:42', '2024年1月5日10时42分', '2024年1月5日 下午3点',
      '20240105 10:42', '2024-01-05T10:42:00+0800', '2024-01-05 12:00 AM', '2024-01-05 10:42 p.m.',
    ]) {
      expectDay(t, 'ymd', 2024, 1, 5);
    }
    expect(parseDate('1/5/2024 23:59', 'mdy')).toBe(JAN_5_2024);
  });

  it('rejects malformed times after a date', () => {
    for (const t of ['2024-01-05 25:00', '2024-01-05 10:61', '2024-01-05 13:00 PM', '2024-01-05 garbage', '2024-01-05T', '2024-01-05 10']) {
      expect([t, parseDate(t, 'ymd')]).toEqual([t, null]);
    }
  });

  it('reads Excel serial numbers in the 1900 date system', () => {
    expectDay('1', 'ymd', 1900, 1, 1);
    expectDay('59', 'ymd', 1900, 2, 28);
    expectDay('61', 'ymd', 1900, 3, 1);
    expectDay('45292', 'ymd', 2024, 1, 1);
    expectDay('45296', 'mdy', 2024, 1, 5);
    expectDay('45296.4375', 'dmy', 2024, 1, 5);
    expectDay('25569', 'ymd', 1970, 1, 1);
    // Last supported day: 2100-12-31 is serial 73415 (days since Excel's effective day 0, 1899-12-30).
    expect(utcDay(2100, 12, 31) - utcDay(1899, 12, 30)).toBe(73415);
    expectDay('73415', 'ymd', 2100, 12, 31);
    // Serial 60 is Excel's 1900-02-29, which never existed; 0 is Excel's "1900-01-00".
    expect(parseDate('60', 'ymd')).toBeNull();
    expect(parseDate('0', 'ymd')).toBeNull();
    expect(parseDate('0.5', 'ymd')).toBeNull();
    expect(parseDate('73416', 'ymd')).toBeNull();
    expect(parseDate('2958465', 'ymd')).toBeNull();
    expect(parseDate('-1', 'ymd')).toBeNull();
  });

  it('reads eight digits as yyyymmdd, never as a serial', () => {
    expectDay('19970101', 'ymd', 1997, 1, 1);
    expectDay('19971231', 'mdy', 1997, 12, 31);
    expect(parseDate('20241301', 'ymd')).toBeNull();
    expect(parseDate('12345678', 'ymd')).toBeNull();
    expect(parseDate('99999999', 'ymd')).toBeNull();
  });

  it('rejects impossible dates and years outside 1900–2100', () => {
    for (const [t, order] of [
      ['2023-02-29', 'ymd'], ['2100-02-29', 'ymd'], ['2024-04-31', 'ymd'], ['2024-13-01', 'ymd'], ['2024-00-10', 'ymd'],
      ['2024-01-00', 'ymd'], ['13/13/2024', 'mdy'], ['13/13/2024', 'dmy'], ['31/02/2024', 'dmy'], ['1899-12-31', 'ymd'],
      ['2101-01-01', 'ymd'], ['1/1/1899', 'mdy'], ['2024年2月30日', 'ymd'], ['30-Feb-2024', 'ymd'], ['2024-01/05', 'ymd'],
    ] as const) {
      expect([t, parseDate(t, order)]).toEqual([t, null]);
    }
    expectDay('2000-02-29', 'ymd', 2000, 2, 29);
    expectDay('1900-01-01', 'ymd', 1900, 1, 1);
    expectDay('2100-12-31', 'ymd', 2100, 12, 31);
  });

  it('rejects empty, non-date and hostile text without throwing', () => {
    const hostile = [
      '', '   ', 'NA', 'null', 'abc', '2024', '2024-01', '1/5', '=cmd|\' /C calc\'!A0', '\u0000', '😀', '2024-01-05😀',
      '2'.repeat(100_000), '2024-01-05 ' + '1'.repeat(100_000), `${'1/'.repeat(50_000)}2024`, 'Jan '.repeat(10_000),
    ];
    for (const t of hostile) {
      const started = performance.now();
      const day = parseDate(t, 'mdy');
      expect(day === null || Number.isInteger(day)).toBe(true);
      expect(performance.now() - started).toBeLessThan(200);
    }
    expect(parseDate('abc', 'ymd')).toBeNull();
    expect(parseDate('2024-01', 'ymd')).toBeNull();
  });

  it('folds full-width digits and punctuation', () => {
    expectDay('２０２４／１／５', 'ymd', 2024, 1, 5);
    expectDay('２０２４年１月５日', 'ymd', 2024, 1, 5);
    expectDay('\u30002024-01-05\u3000', 'ymd', 2024, 1, 5);
  });

  it('does not depend on the process time zone', () => {
    // The unit tests run with TZ=Asia/Shanghai (npm scripts) or the machine's zone: results are fixed numbers.
    expect(parseDate('2024-01-05T00:30:00+08:00', 'ymd')).toBe(19727);
    expect(parseDate('2024-01-05T23:30:00-08:00', 'ymd')).toBe(19727);
  });
});

describe('inferDateOrder', () => {
  it('decides day/month order from values above 12', () => {
    expect(inferDateOrder(['05/01/2024', '13/01/2024', '02/03/2024'])).toEqual({ order: 'dmy', ambiguous: false, evidence: 1 });
    expect(inferDateOrder(['01/05/2024', '01/13/2024', '12/31/2024 10:00'])).toEqual({ order: 'mdy', ambiguous: false, evidence: 2 });
    expect(inferDateOrder(['5.1.2024', '25.12.2023'])).toEqual({ order: 'dmy', ambiguous: false, evidence: 1 });
  });

  it('infers the Online Retail dates as month first', () => {
    expect(inferDateOrder(['10/31/2011 10:42', '6/12/2011 12:34', '1/9/2011 11:27', '3/3/2011 9:10'])).toEqual({
      order: 'mdy', ambiguous: false, evidence: 1,
    });
  });

  it('is ambiguous, defaulting to month first, when no sample decides or samples disagree', () => {
    expect(inferDateOrder(['05/01/2024', '02/03/2024'])).toEqual({ order: 'mdy', ambiguous: true, evidence: 0 });
    expect(inferDateOrder(['13/01/2024', '01/13/2024', '01/14/2024'])).toEqual({ order: 'mdy', ambiguous: true, evidence: 2 });
    expect(inferDateOrder(['13/01/2024', '14/01/2024', '01/13/2024'])).toEqual({ order: 'dmy', ambiguous: true, evidence: 2 });
    // Year-first dates read the same under any order and do not settle year-last ones.
    expect(inferDateOrder(['2024-01-05', '05/01/2024'])).toEqual({ order: 'mdy', ambiguous: true, evidence: 0 });
  });

  it('chooses ymd when every date has its year first', () => {
    expect(inferDateOrder(['2024-01-05', '2024/1/5', '2024年1月5日', '19970101', ''])).toEqual({ order: 'ymd', ambiguous: false, evidence: 4 });
    expect(inferDateOrder(['2024-01-05T10:42:00Z'])).toEqual({ order: 'ymd', ambiguous: false, evidence: 1 });
  });

  it('is not ambiguous when the order does not matter', () => {
    expect(inferDateOrder([])).toEqual({ order: 'ymd', ambiguous: false, evidence: 0 });
    expect(inferDateOrder(['45292', '5-Jan-2024', 'garbage'])).toEqual({ order: 'ymd', ambiguous: false, evidence: 0 });
  });

  it('ignores year-last samples that are impossible either way', () => {
    expect(inferDateOrder(['31/02/2024', '05/01/2024'])).toEqual({ order: 'mdy', ambiguous: true, evidence: 0 });
  });
});
