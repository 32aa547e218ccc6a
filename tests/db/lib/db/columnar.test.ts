import { describe, expect, it } from 'vitest';
import { generateSyntheticOrders } from '../../../../src/lib/domain/demo';
import { beginBatch, commitBatch, openDatabase, readDataset, writeTable, type DatasetRow } from '../../../../src/lib/db';

const dataset = (id: string): DatasetRow => ({
  id, name: 'Round trip', currency: 'USD', origin: 'import', createdAt: 0, updatedAt: 0,
  counts: { customers: 0, orders: 0, surveys: 0, interactions: 0, servqual: 0, importance: 0 },
});

describe('columnar storage', () => {
  it('runs in a time zone away from UTC (so day shifts would be caught)', () => {
    expect(new Date(2024, 0, 5).getTimezoneOffset()).not.toBe(0);
  });

  it('keeps every id, calendar day and amount of 1,000,000 orders', async () => {
    const db = openDatabase('columnar-1m');
    const orders = generateSyntheticOrders({ orders: 1_000_000, customers: 100_000, seed: 7 });
    // Hand-made rows at both ends: leading zeros, a pre-1970 day, cents, a return.
    orders.customerId[0] = '000123';
    orders.orderId[0] = '0000001';
    orders.day[0] = -1; // 1969-12-31
    orders.amount[0] = 0.1 + 0.2;
    orders.customerId[999_999] = '00';
    orders.day[999_999] = 19_727; // 2024-01-05
    orders.amount[999_999] = -12.34;
    orders.isReturn[999_999] = 1;

    const batch = await beginBatch(db, 'd1', 'test');
    await writeTable(db, batch, 'orders', orders);
    await commitBatch(db, batch, { dataset: dataset('d1') });
    const back = (await readDataset(db, 'd1')).orders;

    expect(back.customerId.length).toBe(1_000_000);
    expect(back.customerId[0]).toBe('000123');
    expect(back.orderId[0]).toBe('0000001');
    expect(back.day[0]).toBe(-1);
    expect(back.amount[0]).toBe(0.1 + 0.2);
    expect(back.customerId[999_999]).toBe('00');
    expect(back.day[999_999]).toBe(19_727);
    expect(back.amount[999_999]).toBe(-12.34);
    expect(back.isReturn[999_999]).toBe(1);
    let mismatches = 0;
    for (let i = 0; i < 1_000_000; i++) {
      if (
        back.customerId[i] !== orders.customerId[i] || back.orderId[i] !== orders.orderId[i] || back.day[i] !== orders.day[i] ||
        !Object.is(back.amount[i], orders.amount[i]) || !Object.is(back.quantity[i], orders.quantity[i]) ||
        back.isReturn[i] !== orders.isReturn[i]
      ) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect((await db.datasets.get('d1'))?.counts.orders).toBe(1_000_000);
    db.close();
  });
});
