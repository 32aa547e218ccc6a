import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';
import { dayFromCivil, fitBgNbd, rfmSummary } from '../../../../src/lib/domain';
import { importOne, sharedFile, textFile } from '../../import-helpers';

describe('customer value in the engine', () => {
  it('fits BG/NBD + Gamma-Gamma on the CDNOW log with a holdout, and scores every customer', async () => {
    const db = openDatabase('value-cdnow');
    const engine = createEngine(db);
    const { datasetId } = await importOne(engine, sharedFile('cdnow/CDNOW_master.txt'));
    await engine.load('l', datasetId);
    const calibrationEndDay = dayFromCivil(1997, 9, 30);
    const v = await engine.value('v', datasetId, { calibrationEndDay, timeUnit: 'W', model: 'bgnbd', months: 12, monthlyDiscountRate: 0.01, margin: 1 });
    expect(v.customers).toBe(23_570);
    // the engine's fit equals fitting the BTYD summary built independently from the same rows
    const text = await sharedFile('cdnow/CDNOW_master.txt').text();
    const orders = text.trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/)).map(([id, d, , amount]) => ({
      customerId: id, date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, amount: Number(amount),
    }));
    const summary = rfmSummary(orders, { observationEnd: '1997-09-30', timeUnit: 'W' });
    const ref = fitBgNbd({ frequency: summary.map((r) => r.frequency), recency: summary.map((r) => r.recency), T: summary.map((r) => r.T) });
    expect(v.bgNbd.r).toBeCloseTo(ref.r, 3);
    expect(v.bgNbd.logLikelihood).toBeCloseTo(ref.logLikelihood, 1);
    expect(v.holdout.length).toBe(8);
    // tracking ends with every repeat purchase day of the log: the BTYD summary to the end counts them
    const whole = rfmSummary(orders, { observationEnd: '1998-06-30', timeUnit: 'W' });
    expect(v.tracking.at(-1)!.actual).toBe(whole.reduce((n, r) => n + r.frequency, 0));
    expect(v.tracking.at(-1)!.predicted).toBeGreaterThan(0);
    expect(v.holdoutMae.bgnbd).toBeGreaterThan(0);
    expect(['bgnbd', 'pareto']).toContain(v.better);
    expect(Number.isFinite(v.totals.clv) && v.totals.clv > 0).toBe(true);
    const top = await engine.customers(datasetId, { sortBy: 'clv', descending: true, limit: 50 });
    expect(top.rows.length).toBeGreaterThan(1);
    for (const row of top.rows) {
      expect(row.pAlive).toBeGreaterThanOrEqual(0);
      expect(row.pAlive).toBeLessThanOrEqual(1);
      expect(row.clv).toBeGreaterThanOrEqual(0);
    }
    for (let i = 1; i < top.rows.length; i++) expect(top.rows[i - 1].clv!).toBeGreaterThanOrEqual(top.rows[i].clv!);
    db.close();
  }, 120_000);

  it('refuses to fit with a clear reason when there are too few repeat buyers', async () => {
    const db = openDatabase('value-few');
    const engine = createEngine(db);
    const { datasetId } = await importOne(engine, textFile('o.csv', 'customer_id,order_date,amount\na,2024-01-01,5\na,2024-02-01,6\nb,2024-01-03,7\n'));
    await engine.load('l', datasetId);
    await expect(engine.value('v', datasetId, { timeUnit: 'D', model: 'bgnbd', months: 12, monthlyDiscountRate: 0.01, margin: 1 }))
      .rejects.toMatchObject({ code: 'model.tooFewRepeaters', params: { count: 1 } });
    db.close();
  });
});
