import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine';
import { openDatabase } from '../../../src/lib/db';
import type { JobProgress } from '../../../workers/api';

let n = 0;
const fresh = () => {
  const db = openDatabase(`engine-${++n}`);
  return { db, engine: createEngine(db) };
};

describe('engine', () => {
  it('creates the demo company, loads it and answers dashboard and customer queries', async () => {
    const { db, engine } = fresh();
    expect(await engine.start()).toEqual({ swept: 0 });
    const phases = new Set<string>();
    const id = await engine.createDemo('j1', { locale: 'zh' }, (p: JobProgress) => phases.add(p.phase));
    expect(phases.has('storing')).toBe(true);
    const row = await db.datasets.get(id);
    expect(row?.origin).toBe('demo');
    expect(row?.counts.customers).toBe(5000);

    const loaded = await engine.load('j2', id);
    expect(loaded.customers).toBe(5000);
    const dash = await engine.dashboard(id, { activeDays: 90 });
    expect(dash.kpis.customers).toBe(5000);
    expect(dash.kpis.orders).toBeGreaterThan(5000);
    expect(dash.monthly.length).toBeGreaterThanOrEqual(24);
    expect(dash.monthly.reduce((s, m) => s + m.netRevenue, 0)).toBeCloseTo(dash.kpis.netRevenue, 4);
    expect(dash.monthly.reduce((s, m) => s + m.newCustomers, 0)).toBe(dash.kpis.buyers);

    const top = await engine.customers(id, { sortBy: 'net', descending: true, limit: 20 });
    expect(top.total).toBe(5000);
    expect(top.rows).toHaveLength(20);
    for (let i = 1; i < top.rows.length; i++) expect(top.rows[i - 1].net).toBeGreaterThanOrEqual(top.rows[i].net);

    const byId = await engine.customers(id, { sortBy: 'id', descending: false, offset: 50, limit: 10 });
    expect(byId.rows[0].id).toBe('C000051');
    expect(byId.offset).toBe(50);

    const found = await engine.customers(id, { search: 'c000123' });
    expect(found.matched).toBe(1);
    expect(found.rows[0].id).toBe('C000123');

    const detail = await engine.customer(id, top.rows[0].id);
    expect(detail?.row.id).toBe(top.rows[0].id);
    const purchases = detail!.lines.filter((l) => !l.isReturn).reduce((s, l) => s + l.amount, 0);
    const returns = detail!.lines.filter((l) => l.isReturn).reduce((s, l) => s - l.amount, 0);
    expect(purchases - returns).toBeCloseTo(top.rows[0].net, 6);
    expect(await engine.customer(id, 'no-such-customer')).toBeNull();
    db.close();
  });

  it('sorts unknown values last in both directions', async () => {
    const { db, engine } = fresh();
    const id = await engine.createDemo('j', { locale: 'en' });
    await engine.load('l', id);
    for (const descending of [false, true]) {
      const page = await engine.customers(id, { sortBy: 'lastOrder', descending, limit: 500 });
      expect(page.rows[0].lastOrder).not.toBeNull();
      const all = await engine.customers(id, { sortBy: 'lastOrder', descending, offset: page.matched - 1, limit: 1 });
      expect(all.rows[0].lastOrder).toBeNull(); // prospects never ordered
    }
    db.close();
  });

  it('leaves nothing behind when the demo job is cancelled', async () => {
    const { db, engine } = fresh();
    let cancelled = false;
    await expect(
      engine.createDemo('jc', { locale: 'zh' }, (p) => {
        if (p.phase === 'storing' && !cancelled) {
          cancelled = true;
          engine.cancel('jc');
        }
      }),
    ).rejects.toEqual({ code: 'job.cancelled' });
    expect(await db.datasets.count()).toBe(0);
    expect(await db.batches.count()).toBe(0);
    expect(await db.chunks.count()).toBe(0);
    db.close();
  });

  it('resets a demo in place: same id and name, data regenerated from the seed', async () => {
    const { db, engine } = fresh();
    const id = await engine.createDemo('a', { locale: 'zh' });
    await db.datasets.update(id, { name: 'Workshop copy' });
    await engine.load('l1', id);
    const before = await engine.dashboard(id, { activeDays: 30 });
    const again = await engine.createDemo('b', { locale: 'zh', seed: (await db.datasets.get(id))!.demo!.seed, replaceDatasetId: id });
    expect(again).toBe(id);
    expect((await db.datasets.get(id))?.name).toBe('Workshop copy');
    expect(await db.batches.where('datasetId').equals(id).count()).toBe(1);
    await engine.load('l2', id);
    expect((await engine.dashboard(id, { activeDays: 30 })).kpis).toEqual(before.kpis);
    db.close();
  });

  it('sweeps a pending batch left by an interrupted write at start', async () => {
    const { db, engine } = fresh();
    await db.batches.add({ id: 'left', datasetId: 'x', status: 'pending', source: 'demo', createdAt: 1, tables: {} });
    await db.chunks.add({ batchId: 'left', seq: 0, datasetId: 'x', kind: 'orders', layout: 1, rows: 0, bytes: new Uint8Array(1) });
    expect(await engine.start()).toEqual({ swept: 1 });
    expect(await db.chunks.count()).toBe(0);
    db.close();
  });

  it('reports queries on a dataset that is not loaded as a notice', async () => {
    const { db, engine } = fresh();
    await expect(engine.dashboard('nope', { activeDays: 30 })).rejects.toMatchObject({ code: 'error.notLoaded' });
    db.close();
  });
});
