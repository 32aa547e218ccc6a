import { describe, expect, it } from 'vitest';
import { RowConverter, type ConvertOptions } from '../../../../../src/lib/domain/import';
import type { CustomerColumns, OrderColumns, SurveyColumns } from '../../../../../src/lib/domain';
import { NO_DAY } from '../../../../../src/lib/domain';

const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

function orders(header: string[], rows: string[][], extra: Partial<ConvertOptions> = {}) {
  const mapping: Record<string, number | null> = {};
  header.forEach((h, i) => (mapping[h] = i));
  const c = new RowConverter({ kind: 'orders', mapping, columnNames: header, dateOrder: 'ymd', dropDuplicates: false, ...extra });
  rows.forEach((r, i) => c.accept(r, i + 2));
  return { c, out: c.take() as OrderColumns };
}

describe('order rows', () => {
  it('converts ids, days and amounts, keeping ids as written', () => {
    const { c, out } = orders(['customerId', 'orderId', 'date', 'amount'], [['00042', 'SO-1', '2024-01-05', '1,234.50']]);
    expect(out.customerId).toEqual(['00042']);
    expect(out.orderId).toEqual(['SO-1']);
    expect(Array.from(out.day)).toEqual([day(2024, 1, 5)]);
    expect(Array.from(out.amount)).toEqual([1234.5]);
    expect(c.stats).toMatchObject({ rows: 1, accepted: 1, rejected: 0, customers: 1, orderIds: 1 });
  });

  it('computes amount as quantity × unit price when there is no amount column', () => {
    const { out } = orders(['customerId', 'date', 'quantity', 'unitPrice'], [['a', '2024-01-01', '3', '0.10']]);
    expect(Array.from(out.amount)).toEqual([0.3]);
  });

  it('keeps returns: negative quantity or amount, C-invoices, or a return flag; amounts become negative', () => {
    const { c, out } = orders(
      ['customerId', 'orderId', 'date', 'quantity', 'unitPrice', 'returnFlag'],
      [
        ['a', 'C536379', '2024-01-01', '1', '5', ''],
        ['a', '536380', '2024-01-01', '-2', '5', ''],
        ['a', '536381', '2024-01-01', '1', '5', '退货'],
        ['a', 'CN-2024', '2024-01-01', '1', '5', ''],
      ],
    );
    expect(Array.from(out.isReturn)).toEqual([1, 1, 1, 0]);
    expect(Array.from(out.amount)).toEqual([-5, -10, -5, 5]);
    expect(Array.from(out.quantity)).toEqual([1, 2, 1, 1]);
    expect(c.stats.returns).toBe(3);
  });

  it('uses customer + day as the order when the file has no order id', () => {
    const { c, out } = orders(['customerId', 'date', 'amount'], [['a', '2024-01-01', '1'], ['a', '2024-01-01', '2'], ['b', '2024-01-01', '3']]);
    expect(out.orderId).toEqual([`a|${day(2024, 1, 1)}`, `a|${day(2024, 1, 1)}`, `b|${day(2024, 1, 1)}`]);
    expect(c.stats.orderIds).toBe(0);
  });

  it('rejects each bad row with line, column, value and reason', () => {
    const { c } = orders(
      ['customerId', 'date', 'amount'],
      [['NA', '2024-01-01', '1'], ['#N/A', '2024-01-01', '1'], ['a', '2024-13-01', '1'], ['a', '2024-01-01', 'abc'], ['a', '2024-01-01']],
    );
    expect(c.rejects).toEqual([
      // each with the row as it was, to fix and import again
      { line: 2, column: 'customerId', value: 'NA', reason: 'missingId', row: ['NA', '2024-01-01', '1'] },
      { line: 3, column: 'customerId', value: '#N/A', reason: 'missingId', row: ['#N/A', '2024-01-01', '1'] },
      { line: 4, column: 'date', value: '2024-13-01', reason: 'badDate', row: ['a', '2024-13-01', '1'] },
      { line: 5, column: 'amount', value: 'abc', reason: 'badAmount', row: ['a', '2024-01-01', 'abc'] },
      { line: 6, column: '', value: '2/3', reason: 'columnCount', row: ['a', '2024-01-01'] },
    ]);
    expect(c.stats).toMatchObject({ accepted: 0, rejected: 5, rejectedBy: { missingId: 2, badDate: 1, badAmount: 1, columnCount: 1 } });
  });

  it('keeps an amount of zero (real logs have free items)', () => {
    const { c } = orders(['customerId', 'date', 'amount'], [['a', '19970101', '0.00']]);
    expect(c.stats.accepted).toBe(1);
  });

  it('counts exact duplicate rows, and drops them only when asked', () => {
    const rows = [['a', '2024-01-01', '1'], ['a', '2024-01-01', '1'], ['a', '2024-01-02', '1']];
    const kept = orders(['customerId', 'date', 'amount'], rows);
    expect(kept.c.stats).toMatchObject({ accepted: 3, duplicates: 1, duplicatesDropped: 0 });
    const dropped = orders(['customerId', 'date', 'amount'], rows, { dropDuplicates: true });
    expect(dropped.c.stats).toMatchObject({ accepted: 2, duplicates: 1, duplicatesDropped: 1 });
  });

  it('accepts a row with trailing empty cells (Excel pads rows)', () => {
    const { c } = orders(['customerId', 'date', 'amount'], [['a', '2024-01-01', '1', '', '']]);
    expect(c.stats.accepted).toBe(1);
  });

  it('caps the detailed rejects but counts them all', () => {
    const c = new RowConverter({ kind: 'orders', mapping: { customerId: 0, date: 1, amount: 2 }, columnNames: ['id', 'd', 'a'], dateOrder: 'ymd', dropDuplicates: false, maxRejects: 3 });
    for (let i = 0; i < 10; i++) c.accept(['', '2024-01-01', String(i)], i + 2);
    expect(c.rejects).toHaveLength(3);
    expect(c.stats.rejected).toBe(10);
  });
});

describe('customer and survey rows', () => {
  it('normalises gender and reads optional dates', () => {
    const c = new RowConverter({
      kind: 'customers', mapping: { customerId: 0, gender: 1, birthday: 2, city: 3 }, columnNames: ['id', 'g', 'b', 'c'],
      dateOrder: 'ymd', dropDuplicates: false,
    });
    c.accept(['1', '男', '1990-06-15', '上海'], 2);
    c.accept(['2', 'female', '', ''], 3);
    c.accept(['3', 'x', 'not a date', ''], 4);
    const out = c.take() as CustomerColumns;
    expect(out.gender).toEqual(['M', 'F']);
    expect(Array.from(out.birthDay)).toEqual([day(1990, 6, 15), NO_DAY]);
    expect(c.rejects[0]).toMatchObject({ line: 4, reason: 'badDate' });
  });

  it('checks NPS 0–10 and CSAT 1–10 (a 5-, 7- or 10-point scale) as whole numbers', () => {
    const c = new RowConverter({ kind: 'surveys', mapping: { customerId: 0, nps: 1, csat: 2 }, columnNames: ['id', 'nps', 'csat'], dateOrder: 'ymd', dropDuplicates: false });
    for (const [i, r] of [['a', '10', '5'], ['b', '', '3'], ['c', '11', ''], ['d', '7.5', ''], ['e', '0', '0'], ['f', '', '7'], ['g', '', '11']].entries()) c.accept(r, i + 2);
    const out = c.take() as SurveyColumns;
    expect(Array.from(out.nps)).toEqual([10, -1, -1]);
    expect(Array.from(out.csat)).toEqual([5, 3, 7]);
    expect(c.rejects.map((r) => [r.column, r.reason])).toEqual([['nps', 'outOfRange'], ['nps', 'outOfRange'], ['csat', 'outOfRange'], ['csat', 'outOfRange']]);
  });
});
