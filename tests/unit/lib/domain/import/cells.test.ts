import { describe, expect, it } from 'vitest';
import { excelSerialDay, isDateFormat, parquetValueText, sheetCellText } from '../../../../../src/lib/domain/import';
import { isoDate } from '../../../../../src/lib/domain';

describe('Excel date serials', () => {
  it('count from 1899-12-30, with Excel’s 1900-02-29 before serial 61, or from 1904-01-01', () => {
    // Microsoft: "January 1, 1900 is serial number 1"; 45292 is 2024-01-01; 60 is the phantom 1900-02-29
    expect(isoDate(excelSerialDay(1))).toBe('1900-01-01');
    expect(isoDate(excelSerialDay(59))).toBe('1900-02-28');
    expect(isoDate(excelSerialDay(61))).toBe('1900-03-01');
    expect(isoDate(excelSerialDay(45292))).toBe('2024-01-01');
    expect(isoDate(excelSerialDay(45292.75))).toBe('2024-01-01'); // the time of day is dropped
    // the 1904 system: serial 0 is 1904-01-01, so 2024-01-01 is 45292 − 1462
    expect(isoDate(excelSerialDay(45292 - 1462, true))).toBe('2024-01-01');
  });

  it('tell date formats from number formats', () => {
    for (const f of ['yyyy-mm-dd', 'm/d/yy', 'd-mmm-yy', '[$-409]mmmm d, yyyy', 'yyyy"年"m"月"d"日"', 'h:mm', 14, 22]) expect(isDateFormat(f)).toBe(true);
    for (const f of ['General', '0.00', '#,##0', '0%', '"$"#,##0.00', '00000', '0.00E+00', undefined, 0, 2]) expect(isDateFormat(f)).toBe(false);
  });
});

describe('cells as text', () => {
  it('write what a CSV export would hold', () => {
    expect(sheetCellText({ t: 's', v: '00042' })).toBe('00042');
    expect(sheetCellText({ t: 'n', v: 42, z: '00000', w: '00042' })).toBe('00042');
    expect(sheetCellText({ t: 'n', v: 1234.5, z: '#,##0.00', w: '1,234.50' })).toBe('1234.5');
    expect(sheetCellText({ t: 'n', v: 45292, z: 'yyyy-mm-dd' })).toBe('2024-01-01');
    expect(sheetCellText({ t: 'b', v: true })).toBe('true');
    expect(sheetCellText({ t: 'e', v: 42 })).toBe('');
    expect(sheetCellText(undefined)).toBe('');
    expect(parquetValueText(123456789012345678901n)).toBe('123456789012345678901');
    expect(parquetValueText(new Date(Date.UTC(2024, 1, 29, 23, 30)))).toBe('2024-02-29');
    expect(parquetValueText(new TextEncoder().encode('上海'))).toBe('上海');
    expect(parquetValueText({ nested: 1 })).toBe('');
    expect(parquetValueText(null)).toBe('');
  });
});
