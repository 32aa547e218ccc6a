// Lines of orders a dataset already held: recognised by order id and kind (a sale, or a return),
// counted, and skipped unless kept; lines of one order within the file are never compared.
import { describe, expect, it } from 'vitest';
import { ExistingOrders, RowConverter, type ConvertOptions } from '../../../../../src/lib/domain/import';
import type { OrderColumns } from '../../../../../src/lib/domain';

const HEADER = ['customerId', 'orderId', 'date', 'amount'];

function convert(rows: string[][], extra: Partial<ConvertOptions> = {}, header = HEADER) {
  const mapping = Object.fromEntries(header.map((h, i) => [h, i]));
  const c = new RowConverter({ kind: 'orders', mapping, columnNames: header, dateOrder: 'ymd', dropDuplicates: false, ...extra });
  rows.forEach((r, i) => c.accept(r, i + 2));
  return { stats: c.stats, out: c.take() as OrderColumns };
}

describe('ExistingOrders', () => {
  it('tells a stored sale from a stored return of the same order id', () => {
    const known = new ExistingOrders();
    known.add(['O1', 'O1', 'O2'], Uint8Array.from([0, 0, 1]));
    expect(known.has('O1', false)).toBe(true);
    expect(known.has('O1', true)).toBe(false);
    expect(known.has('O2', true)).toBe(true);
    expect(known.has('O2', false)).toBe(false);
    expect(known.size).toBe(2);
  });
});

describe('RowConverter with the orders already stored', () => {
  const known = new ExistingOrders();
  known.add(['O1', 'C|19727'], Uint8Array.from([0, 0]));

  it('skips and counts their lines, keeps every line of a new order and a late return of a stored one', () => {
    const { stats, out } = convert([
      ['A', 'O1', '2024-01-05', '10'], ['A', 'O1', '2024-01-05', '2'], // stored: skipped
      ['B', 'O9', '2024-02-01', '1'], ['B', 'O9', '2024-02-01', '1'], // new, two identical lines: both kept
      ['A', 'O1', '2024-03-01', '-10'], // a return of O1: new
    ], { existing: known });
    expect(stats).toMatchObject({ rows: 5, accepted: 3, existing: 2, existingSkipped: 2, returns: 1, duplicates: 1, orderIds: 2, customers: 2 });
    expect(out.orderId).toEqual(['O9', 'O9', 'O1']);
    expect(stats.amount).toBe(2 - 10);
  });

  it('keeps them when asked, still counting them', () => {
    const { stats } = convert([['A', 'O1', '2024-01-05', '10']], { existing: known, keepExisting: true });
    expect(stats).toMatchObject({ accepted: 1, existing: 1, existingSkipped: 0 });
  });

  it('without an order id column, compares the customer and day', () => {
    const header = ['customerId', 'date', 'amount'];
    const { stats } = convert([['C', '2024-01-05', '1'], ['C', '2024-01-06', '1']], { existing: known }, header);
    expect(stats).toMatchObject({ accepted: 1, existingSkipped: 1 });
  });

  it('passes the line’s customer id to the lookup', () => {
    const seen: string[] = [];
    convert([['A', 'O5', '2024-01-05', '1']], { existing: { has: (o, r, c) => (seen.push(`${o} ${r} ${c}`), false) } });
    expect(seen).toEqual(['O5 false A']);
  });
});
