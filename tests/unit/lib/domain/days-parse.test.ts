import { describe, expect, it } from 'vitest';
import { dayFromCivil, isoDate, parseIsoDay } from '../../../../src/lib/domain';

describe('parseIsoDay', () => {
  it('reads a YYYY-MM-DD date as its day number', () => {
    expect(parseIsoDay('1970-01-01')).toBe(0);
    expect(parseIsoDay('1970-01-02')).toBe(1);
    expect(parseIsoDay('1969-12-31')).toBe(-1);
    expect(parseIsoDay('2024-03-15')).toBe(dayFromCivil(2024, 3, 15));
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parseIsoDay('2024-02-29')).toBe(dayFromCivil(2024, 2, 29));
    expect(isoDate(parseIsoDay('2024-02-29')!)).toBe('2024-02-29');
    expect(parseIsoDay('2023-02-29')).toBeUndefined();
    expect(parseIsoDay('2000-02-29')).toBe(dayFromCivil(2000, 2, 29));
    expect(parseIsoDay('1900-02-29')).toBeUndefined();
  });

  it('gives undefined for an empty text, another format or an impossible date', () => {
    expect(parseIsoDay('')).toBeUndefined();
    for (const text of ['2024-1-05', '05/01/2024', '2024-01-05T00:00', ' 2024-01-05', '2024/01/05', 'abcd-ef-gh', '20240105']) {
      expect(parseIsoDay(text), text).toBeUndefined();
    }
    for (const text of ['2024-00-10', '2024-13-01', '2024-04-31', '2024-01-00', '2024-01-32']) {
      expect(parseIsoDay(text), text).toBeUndefined();
    }
  });

  it('is the inverse of isoDate', () => {
    for (const day of [-300_000, -1, 0, 19_000, 20_000, 2_000_000]) expect(parseIsoDay(isoDate(day))).toBe(day);
  });
});
