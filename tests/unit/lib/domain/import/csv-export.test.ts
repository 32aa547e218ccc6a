import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../../../src/lib/domain/import/csv-export';

const BOM = '\uFEFF';
/** The single data line of a one-row, one-column export. */
const one = (value: string | number | null) => toCsv(['v'], [[value]]).slice(BOM.length + 'v\r\n'.length, -2);

describe('toCsv', () => {
  it('starts with a UTF-8 BOM and ends every line with CRLF', () => {
    expect(toCsv(['客户编号', '金额'], [['007', 12.5], ['C3', null]])).toBe(`${BOM}客户编号,金额\r\n007,12.5\r\nC3,\r\n`);
    expect(toCsv(['a'], [])).toBe(`${BOM}a\r\n`);
  });

  it('quotes cells with commas, quotes, line breaks, semicolons or edge spaces (RFC 4180)', () => {
    expect(one('a,b')).toBe('"a,b"');
    expect(one('say "hi"')).toBe('"say ""hi"""');
    expect(one('line1\nline2')).toBe('"line1\nline2"');
    expect(one('line1\r\nline2')).toBe('"line1\r\nline2"');
    expect(one('a;b')).toBe('"a;b"');
    expect(one(' padded ')).toBe('" padded "');
    expect(one('plain 文本')).toBe('plain 文本');
    expect(toCsv(['a,b', 'c"d'], [])).toBe(`${BOM}"a,b","c""d"\r\n`);
  });

  it('writes numbers as numbers and null or non-finite numbers as empty', () => {
    expect(one(-12.5)).toBe('-12.5');
    expect(one(0)).toBe('0');
    expect(one(-0)).toBe('0');
    expect(one(1e21)).toBe('1e+21');
    expect(one(NaN)).toBe('');
    expect(one(Infinity)).toBe('');
    expect(one(null)).toBe('');
    expect(one('')).toBe('');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(one('=1+1')).toBe(`"'=1+1"`);
    expect(one("=cmd|' /C calc'!A0")).toBe(`"'=cmd|' /C calc'!A0"`);
    expect(one('=HYPERLINK("http://evil.example","click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(one('+1+cmd')).toBe(`"'+1+cmd"`);
    expect(one('-2+3')).toBe(`"'-2+3"`);
    expect(one('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(one('\t=1')).toBe(`"'\t=1"`);
    expect(one('\rx')).toBe(`"'\rx"`);
    expect(one('  =1+1')).toBe(`"'  =1+1"`);
    expect(one('＝1+1')).toBe(`"'＝1+1"`);
    expect(one('＋1')).toBe(`"'＋1"`);
    expect(one('－1')).toBe(`"'－1"`);
    expect(one('＠x')).toBe(`"'＠x"`);
    expect(one('-')).toBe(`"'-"`);
    expect(toCsv(['=bad'], [])).toBe(`${BOM}"'=bad"\r\n`);
  });

  it('keeps plain signed numbers written as text, which spreadsheets read as numbers', () => {
    expect(one('-12.5')).toBe('-12.5');
    expect(one('+3')).toBe('+3');
    expect(one('-1e5')).toBe('-1e5');
    expect(one('-.5')).toBe('-.5');
    expect(one('-12.5 ')).toBe(`"'-12.5 "`);
    expect(one('a=1')).toBe('a=1');
  });

  it('handles long and unusual text', () => {
    const long = 'x'.repeat(1_000_000);
    expect(one(long)).toBe(long);
    expect(one('😀\u202e\u0000')).toBe('😀\u202e\u0000');
    const rows = Array.from({ length: 10_000 }, (_, i) => [`c${i}`, i, null]);
    const csv = toCsv(['id', 'n', 'x'], rows);
    expect(csv.split('\r\n')).toHaveLength(10_002);
  });

  it('writes rows as given, without padding', () => {
    expect(toCsv(['a', 'b'], [['1'], ['1', '2', '3']])).toBe(`${BOM}a,b\r\n1\r\n1,2,3\r\n`);
  });
});
