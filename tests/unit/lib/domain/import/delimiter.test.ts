import { describe, expect, it } from 'vitest';
import { DELIMITERS, sniffDelimiter } from '../../../../../src/lib/domain/import/delimiter';

describe('sniffDelimiter', () => {
  it('finds comma, tab, semicolon and pipe', () => {
    expect(sniffDelimiter('id,name,amount\n1,Ann,3.5\n2,Bob,4\n')).toBe(',');
    expect(sniffDelimiter('id\tname\tamount\n1\tAnn Lee\t3,5\n2\tBob\t4\n')).toBe('\t');
    expect(sniffDelimiter('id;name;amount\n1;Ann;3,50\n2;Bob;4,25\n')).toBe(';');
    expect(sniffDelimiter('id|name|amount\r\n1|Ann, Lee|3.5\r\n2|Bob|4\r\n')).toBe('|');
  });

  it('reads Chinese headers and a leading BOM', () => {
    expect(sniffDelimiter('\uFEFF客户编号,下单日期,金额\r\n001,2024-01-05,12.5\r\n')).toBe(',');
    expect(sniffDelimiter('\uFEFF客户编号\t下单日期\t金额\r\n001\t2024-01-05\t12.5\r\n')).toBe('\t');
  });

  it('ignores delimiters inside quoted fields', () => {
    // Counting every comma would give four fields per line; outside quotes there is none.
    const text = '"h,1,2,3";h2\n"a,b,c,d";1\n"e,f,g,h";2\n';
    expect(sniffDelimiter(text)).toBe(';');
    // A quoted field spanning lines does not break the count.
    expect(sniffDelimiter('id|note\n1|"first line\nsecond; line"\n2|x\n3|y\n')).toBe('|');
  });

  it('prefers the candidate with the most consistent field count', () => {
    // Every line has a comma, but only the semicolon gives the same count on each.
    expect(sniffDelimiter('a;b;c\n1,5;2;3\n4;5,5,5;6\n7;8;9,9\n')).toBe(';');
    // Ties: more fields first, then the order of DELIMITERS.
    expect(sniffDelimiter('1;2;3,4\n5;6;7,8\n')).toBe(';');
    expect(sniffDelimiter('1;2,3\n4;5,6\n')).toBe(',');
  });

  it('finds whitespace-aligned text like CDNOW', () => {
    const cdnow =
      ' customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n' +
      ' 00002 19970112  1   12.00\r\n 00002 19970112  5   77.00\r\n 00003 19970102  2   20.76\r\n';
    expect(sniffDelimiter(cdnow)).toBe('whitespace');
    expect(sniffDelimiter(' 00004 0001 19970101  2   29.33\n 00004 0001 19970118  2   29.73\n')).toBe('whitespace');
  });

  it('does not pick whitespace for CSV whose values contain spaces', () => {
    expect(sniffDelimiter('id,full name\n1,John Smith\n2,Jane Doe\n')).toBe(',');
    expect(sniffDelimiter('id,name\n1,a b c\n2,d e f\n3,g h i\n')).toBe(',');
    expect(sniffDelimiter('date,amount\n2024-01-05 10:00,3\n2024-01-06 11:00,4\n')).toBe(',');
  });

  it('gives comma for a single column, a single line or empty text', () => {
    expect(sniffDelimiter('customer_id\n001\n002\n')).toBe(',');
    expect(sniffDelimiter('001')).toBe(',');
    expect(sniffDelimiter('')).toBe(',');
    expect(sniffDelimiter('\n\n')).toBe(',');
    expect(sniffDelimiter('a;b;c')).toBe(';');
  });

  it('ignores a last line cut off by the sample, and looks at the first 50 rows only', () => {
    // Counting the cut line '5,6' would make the comma more consistent than the semicolon.
    expect(sniffDelimiter('a,b;c;d\n1,2;3;4\n5,6')).toBe(';');
    const head = 'a;b\n'.repeat(50);
    expect(sniffDelimiter(head + 'x,y,z\n'.repeat(200))).toBe(';');
  });

  it('lists every delimiter once for an override select', () => {
    expect(DELIMITERS).toEqual([',', '\t', ';', '|', 'whitespace']);
  });
});
