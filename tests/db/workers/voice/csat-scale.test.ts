// CSAT on a 7-point scale: the Voice page finds the scale from the answers (their highest is 7),
// counts 6–7 as satisfied (top-2-box), and on a scale the user picks leaves out answers above it.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';
import { csatScaleFor } from '../../../../src/lib/domain';
import { importOne, textFile } from '../../import-helpers';

describe('the CSAT scale', () => {
  it('is the smallest of 5, 7 and 10 points that holds the highest answer', () => {
    expect([0, 1, 5, 6, 7, 8, 10].map(csatScaleFor)).toEqual([5, 5, 5, 7, 7, 10, 10]);
  });

  it('is found from 7-point answers, and another scale can be picked', async () => {
    const db = openDatabase('csat-scale');
    const engine = createEngine(db);
    const orders = textFile('orders.csv', ['customer_id,order_date,amount', 'A,2024-01-01,10', 'B,2024-01-02,10'].join('\n'));
    // 10 answers: 7, 7, 6, 6, 5, 4, 3, 2, 1, 6 → 5 of 10 are 6 or 7: CSAT 50%
    const surveys = textFile('surveys.csv', ['customer_id,csat', ...[7, 7, 6, 6, 5, 4, 3, 2, 1, 6].map((v, i) => `${i % 2 ? 'A' : 'B'},${v}`)].join('\n'));
    const { datasetId } = await importOne(engine, orders);
    const imported = await importOne(engine, surveys, { datasetId });
    expect(imported.files[0].stats).toMatchObject({ accepted: 10, rejected: 0 });
    await engine.load('l', datasetId);
    const auto = await engine.voice('v1', datasetId);
    expect(auto.csatScale).toEqual({ scale: 7, topBox: 6, detected: 7, aboveScale: 0 });
    expect(auto.overall.csat).toMatchObject({ n: 10, satisfied: 5, csat: 0.5 });
    // on 5 points: the five answers of 6 and 7 are left out; of the other five (5, 4, 3, 2, 1) two are 4–5
    const five = await engine.voice('v2', datasetId, { csatScale: 5 });
    expect(five.csatScale).toEqual({ scale: 5, topBox: 4, detected: 7, aboveScale: 5 });
    expect(five.overall.csat).toMatchObject({ n: 5, satisfied: 2, csat: 0.4 });
    // the dashboard counts on the scale the answers suggest
    expect((await engine.dashboard(datasetId, { activeDays: 90 })).voice!.csat.csat).toBe(0.5);
    db.close();
  });
});
