import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../../../../src/lib/domain/import/numbers';
import { normaliseId } from '../../../../../src/lib/domain/import/ids';

const cases = (table: [string, number | null][]) => {
  for (const [text, expected] of table) expect([text, parseNumber(text)]).toEqual([text, expected]);
};

describe('parseNumber', () => {
  it('reads plain and separated numbers', () => {
    cases([
      ['1234.5', 1234.5], ['  42 ', 42], ['0', 0], ['007', 7], ['.5', 0.5], ['5.', 5], ['+3', 3], ['-12', -12],
      ['1,234.50', 1234.5], ['1,234', 1234], ['12,345,678.9', 12345678.9], ['1e3', 1000], ['2.5E-2', 0.025], ['-1e3', -1000],
    ]);
  });

  it('reads accounting negatives', () => {
    cases([['(12.00)', -12], ['( 1,234.50 )', -1234.5], ['12.00-', -12], ['12-', -12], ['-0', 0], ['(0.00)', 0]]);
    expect(Object.is(parseNumber('-0'), 0)).toBe(true);
    expect(Object.is(parseNumber('(0)'), 0)).toBe(true);
  });

  it('strips one currency mark, before or after, with or without a space', () => {
    cases([
      ['¥12.5', 12.5], ['￥1,234.00', 1234], ['$12', 12], ['€ 9.99', 9.99], ['£3', 3], ['US$5', 5], ['HK$5', 5],
      ['RMB 100', 100], ['rmb100', 100], ['CNY 1,000', 1000], ['100 USD', 100], ['12.5元', 12.5], ['12.5 元', 12.5],
      ['人民币88', 88], ['-¥12', -12], ['¥-12', -12], ['(¥12.00)', -12], ['¥(12.00)', -12], ['¥12.00-', -12],
    ]);
    cases([['¥12元', null], ['$$12', null], ['12 USD RMB', null]]);
  });

  it('reads full-width digits and signs', () => {
    cases([['１２３', 123], ['１，２３４．５', 1234.5], ['－５', -5], ['\u22125', -5], ['\u3000８\u3000', 8]]);
  });

  it('refuses commas that are not thousands separators', () => {
    cases([['12,5', null], ['1,234,50', null], ['1234,567', null], ['1.234,50', null], ['1 234,50', null], ['0,5', null], [',123', null], ['1,,234', null]]);
  });

  it('treats placeholders, percentages and other text as no number', () => {
    cases([
      ['', null], ['   ', null], ['NA', null], ['N/A', null], ['#N/A', null], ['null', null], ['NULL', null], ['None', null],
      ['nan', null], ['NaN', null], ['-', null], ['--', null], ['无', null], ['空', null],
      ['12%', null], ['12 %', null], ['5‰', null], ['abc', null], ['12abc', null], ['0x1A', null], ['Infinity', null],
      ['-Infinity', null], ['1e400', null], ['1.2.3', null], ['--5', null], ['+-5', null], ['-5-', null], ['(-5)', null],
      ['(5', null], ['5)', null], ['1 234', null], ["1'234", null], ['=1+1', null], ['12 34', null],
    ]);
  });

  it('never returns NaN or Infinity, and survives hostile input', () => {
    const hostile = ['9'.repeat(400), '1' + '0'.repeat(50), '1,' + '000,'.repeat(50_000) + '000', '(' .repeat(10_000), '😀12', '\u0000', '1e308', '-1e308', '1e309'];
    for (const t of hostile) {
      const started = performance.now();
      const v = parseNumber(t);
      expect(v === null || Number.isFinite(v)).toBe(true);
      expect(performance.now() - started).toBeLessThan(200);
    }
    expect(parseNumber('1' + '0'.repeat(50))).toBe(1e50);
    expect(parseNumber('1e309')).toBeNull();
  });
});

describe('normaliseId', () => {
  it('keeps ids as written: leading zeros, letters, inner spaces, case', () => {
    expect(normaliseId('00001')).toBe('00001');
    expect(normaliseId('  C556966 ')).toBe('C556966');
    expect(normaliseId('AB 12-x')).toBe('AB 12-x');
    expect(normaliseId('客户００１')).toBe('客户００１');
    expect(normaliseId('0')).toBe('0');
  });

  it("drops Excel's text markers", () => {
    expect(normaliseId("'000123")).toBe('000123');
    expect(normaliseId("  '000123")).toBe('000123');
    expect(normaliseId('="000123"')).toBe('000123');
    expect(normaliseId("''x")).toBe("'x");
    expect(normaliseId("'")).toBeNull();
  });

  it('undoes an id Excel turned into a float, and only that', () => {
    expect(normaliseId('17850.0')).toBe('17850');
    expect(normaliseId('00123.0')).toBe('00123');
    expect(normaliseId('12345.5')).toBe('12345.5');
    expect(normaliseId('12345.00')).toBe('12345.00');
    expect(normaliseId('1.23457E+11')).toBe('1.23457E+11');
    expect(normaliseId('A1.0')).toBe('A1.0');
    expect(normaliseId('.0')).toBe('.0');
  });

  it('returns null for missing-value placeholders', () => {
    for (const t of ['', '   ', 'NA', 'N/A', 'n/a', '#N/A', 'NULL', 'null', 'None', 'nan', 'NaN', '-', '--', '无', '空', '－', "'NA"]) {
      expect([t, normaliseId(t)]).toEqual([t, null]);
    }
  });

  it('keeps hostile text as text', () => {
    const long = 'x'.repeat(100_000);
    expect(normaliseId(long)).toBe(long);
    expect(normaliseId('=cmd|\' /C calc\'!A0')).toBe('=cmd|\' /C calc\'!A0');
    expect(normaliseId('😀\u202e')).toBe('😀\u202e');
  });
});
