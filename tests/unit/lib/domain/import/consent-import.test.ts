/**
 * Marketing consent in a customers file (issue 16, point 6): the consent column and its date are
 * recognised from Chinese and English headers; yes / no words in both languages (any case, full- or
 * half-width) are read as consent codes, a blank cell as unknown, anything else rejects the row with
 * its reason and keeps the rest of the file. Expected codes are read off the cells by hand:
 * CONSENT_UNKNOWN 0, CONSENT_YES 1, CONSENT_NO 2 (src/lib/domain/types.ts).
 */
import { describe, expect, it } from 'vitest';
import { guessKind, mapHeaders, rejectsCsv, RowConverter } from '../../../../../src/lib/domain/import';
import { NO_DAY, type CustomerColumns } from '../../../../../src/lib/domain';
import { en } from '../../../../../src/lib/i18n/locales/en';
import { zh } from '../../../../../src/lib/i18n/locales/zh';

const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

function convert(header: string[], rows: string[][]) {
  const mapping = mapHeaders(header, 'customers');
  const c = new RowConverter({ kind: 'customers', mapping, columnNames: header, dateOrder: 'ymd', dropDuplicates: false });
  rows.forEach((r, i) => c.accept(r, i + 2));
  return { c, out: c.take() as CustomerColumns, mapping };
}

describe('consent headers', () => {
  it('recognises the consent column and its date in Chinese and English, and the file stays a customers file', () => {
    const zhHeader = ['会员编号', '姓名', '同意营销', '同意营销日期'];
    expect(guessKind(zhHeader)).toBe('customers');
    expect(mapHeaders(zhHeader, 'customers')).toMatchObject({ customerId: 0, name: 1, consent: 2, consentDate: 3 });
    const enHeader = ['customer_id', 'name', 'Marketing Consent', 'Consent Date'];
    expect(guessKind(enHeader)).toBe('customers');
    expect(mapHeaders(enHeader, 'customers')).toMatchObject({ customerId: 0, name: 1, consent: 2, consentDate: 3 });
    // a consent column alone is enough of an attribute for a customer list
    expect(guessKind(['客户编号', '是否同意营销'])).toBe('customers');
    expect(guessKind(['customer_id', 'opt_in'])).toBe('customers');
  });

  it('knows the usual spellings', () => {
    for (const h of ['同意营销', '营销同意', '营销授权', '是否同意营销', 'marketing consent', 'consent', 'Opt-In', 'opt_in', 'Email Opt-In', 'ＣＯＮＳＥＮＴ', 'accepts_marketing']) {
      expect(mapHeaders(['客户编号', h], 'customers').consent, h).toBe(1);
    }
    for (const h of ['授权日期', '营销同意日期', 'consent_date', 'opt_in_date', 'Consented At']) {
      expect(mapHeaders(['客户编号', h], 'customers').consentDate, h).toBe(1);
    }
  });

  it('leaves orders files alone: a consent column does not turn them into a customer list', () => {
    expect(guessKind(['客户编号', '下单日期', '金额', '同意营销'])).toBe('orders');
    expect(mapHeaders(['客户编号', '下单日期', '金额', '同意营销'], 'orders')).toMatchObject({ customerId: 0, date: 1, amount: 2 });
  });
});

describe('consent cells', () => {
  it('reads yes / no words in both languages, any case and width; blank is unknown', () => {
    const yes = ['yes', 'Y', 'TRUE', '1', 'opt-in', 'Opt In', '是', '同意', '已同意', ' Yes ', 'ＹＥＳ', '１'];
    const no = ['no', 'N', 'false', '0', 'OPT-OUT', '否', '不同意', '未同意', '拒绝', 'Ｎｏ', '０'];
    const rows = [...yes, ...no, '', '  '].map((v, i) => [`C${i}`, v]);
    const { c, out } = convert(['客户编号', '同意营销'], rows);
    expect(c.rejects).toEqual([]);
    expect(Array.from(out.consent)).toEqual([...yes.map(() => 1), ...no.map(() => 2), 0, 0]);
    expect(Array.from(out.consentDay).every((d) => d === NO_DAY)).toBe(true);
  });

  it('rejects any other value with its column, value and reason, and keeps the other rows', () => {
    const { c, out } = convert(['customer_id', 'name', 'marketing_consent', 'consent_date'], [
      ['C1', 'Ann', 'yes', '2024-03-05'],
      ['C2', 'Bob', 'maybe', '2024-03-06'],
      ['C3', 'Cai', '=cmd|"/c calc"!A1', ''],
      ['C4', 'Dan', '2', ''],
      ['C5', 'Eve', 'no', 'last week'],
      ['C6', 'Fay', '否', '2024/3/7'],
      ['C7', 'Gus', '', ''],
    ]);
    expect(out.id).toEqual(['C1', 'C6', 'C7']);
    expect(Array.from(out.consent)).toEqual([1, 2, 0]);
    expect(Array.from(out.consentDay)).toEqual([day(2024, 3, 5), day(2024, 3, 7), NO_DAY]);
    expect(c.rejects.map((r) => [r.line, r.column, r.value, r.reason])).toEqual([
      [3, 'marketing_consent', 'maybe', 'badValue'],
      [4, 'marketing_consent', '=cmd|"/c calc"!A1', 'badValue'],
      [5, 'marketing_consent', '2', 'badValue'],
      [6, 'consent_date', 'last week', 'badDate'],
    ]);
    expect(c.stats).toMatchObject({ rows: 7, accepted: 3, rejected: 4, rejectedBy: { badValue: 3, badDate: 1 } });
    // the reason has words in both languages
    expect(en['reject.badValue']).toMatch(/unknown value/);
    expect(zh['reject.badValue']).toMatch(/无法识别/);
    // the hostile value goes back to the user only as inert text
    const csv = rejectsCsv(['customer_id', 'name', 'marketing_consent', 'consent_date'],
      c.rejects.map((r) => ({ line: r.line, column: r.column, reason: 'bad', row: r.row })), { line: 'Line', column: 'Column', reason: 'Reason' });
    expect(csv).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(csv).not.toMatch(/(^|,)=cmd/m);
  });

  it('keeps consent unknown for a customers file without the column', () => {
    const { out } = convert(['客户编号', '姓名'], [['C1', '张三']]);
    expect(Array.from(out.consent)).toEqual([0]);
    expect(Array.from(out.consentDay)).toEqual([NO_DAY]);
  });
});
