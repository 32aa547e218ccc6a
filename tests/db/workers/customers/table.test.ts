import { expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';

it('sorts customers by CLV after a fit, also when the table was queried before the fit', async () => {
  const engine = createEngine(openDatabase('value-sort'));
  const id = await engine.createDemo('d', { locale: 'en' });
  await engine.load('l', id);
  await engine.customers(id, { sortBy: 'net', descending: true, limit: 3 });
  await engine.value('v', id, { timeUnit: 'W', model: 'bgnbd', months: 12, monthlyDiscountRate: 0.01, margin: 0.3 });
  const top = await engine.customers(id, { sortBy: 'clv', descending: true, limit: 50 });
  expect(top.rows.length).toBeGreaterThan(1);
  for (let i = 1; i < top.rows.length; i++) expect(top.rows[i - 1].clv!).toBeGreaterThanOrEqual(top.rows[i].clv!);
  const last = await engine.customers(id, { sortBy: 'clv', descending: true, offset: top.matched - 1, limit: 1 });
  expect(last.rows[0].clv).toBeNull(); // prospects have no value
  const slipping = await engine.customers(id, { sortBy: 'pAlive', descending: true, maxPAlive: 0.3, limit: 500 });
  expect(slipping.matched).toBeGreaterThan(0);
  expect(slipping.matched).toBeLessThan(top.total);
  expect(slipping.rows.length).toBeGreaterThan(0);
  for (const row of slipping.rows) expect(row.pAlive!).toBeLessThan(0.3);
}, 60_000);
