import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';
import { importOne, textFile } from '../../import-helpers';
import { FIVE_CUSTOMERS_CSV as CSV } from '../../fixtures/five-customers';

describe('segmentation in the engine', () => {
  it('scores, segments, summarises and lists members of a segment', async () => {
    const db = openDatabase('seg-engine');
    const engine = createEngine(db);
    const { datasetId } = await importOne(engine, textFile('o.csv', CSV));
    await engine.load('l', datasetId);
    const r = await engine.rfm(datasetId, { monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean', method: 'quantile' });
    expect(r.analysisDay).toBe(Date.UTC(2024, 0, 11) / 86_400_000);
    expect(r.scored).toBe(5);
    // recency days a 1, b 2, c 3, d 6, e 10 → with 5 distinct values each quintile bin holds one:
    // R = 5,4,3,2,1; F (4,3,2,1,1): thresholds 1, 1.6, 2.4, 3.2 → F = 5,4,3,1,1; M (400,150,60,20,10) → 5,4,3,2,1
    expect(r.distributions).toEqual({ R: [1, 1, 1, 1, 1], F: [2, 0, 1, 1, 1], M: [1, 1, 1, 1, 1] });
    // a (5,5,5) champions; b (4,4,4) champions; c (3,3,3) loyal_customers;
    // d (2,1,2) about_to_sleep (2–3/1–2/1–2, no earlier rule takes F = 1 with R = 2); e (1,1,1) lost
    const sizes = Object.fromEntries(r.segments.map((s) => [s.key, s.size]));
    expect(sizes).toEqual({ champions: 2, loyal_customers: 1, about_to_sleep: 1, lost: 1 });
    expect(r.segments.map((s) => s.key)).toEqual(['champions', 'loyal_customers', 'about_to_sleep', 'lost']);
    const champions = r.segments[0];
    expect(champions.revenueShare).toBeCloseTo(550 / 640, 10);
    expect(champions.avgR).toBe(4.5);
    expect(r.shadowed).toEqual([]);
    const members = await engine.customers(datasetId, { segment: { grouping: r.handle, key: 'champions' }, sortBy: 'id', descending: false });
    expect(members.rows.map((m) => m.id)).toEqual(['a', 'b']);
    expect(members.total).toBe(2);
    const persona = await engine.persona(datasetId, r.handle, 'champions');
    expect(persona?.size).toBe(2);
    const csv = await engine.segmentCsv(datasetId, r.handle, 'lost', ['id', 'name', 'city', 'channel', 'orders', 'net', 'recency']);
    expect(csv.split('\r\n')[1]).toBe('e,,,,1,10,10');
    db.close();
  });

  it('masks names in a segment export when the switch is on', async () => {
    const db = openDatabase('seg-mask');
    const engine = createEngine(db);
    const id = await engine.createDemo('d', { locale: 'en' });
    await engine.load('l', id);
    const { handle } = await engine.rfm(id, { monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean' });
    const header = ['id', 'name', 'city', 'channel', 'orders', 'net', 'recency'];
    const plain = (await engine.segmentCsv(id, handle, 'champions', header)).split('\r\n')[1].split(',');
    const masked = (await engine.segmentCsv(id, handle, 'champions', header, { mask: true })).split('\r\n')[1].split(',');
    expect(masked[0]).toBe(plain[0]); // ids stay: they are the join key
    expect(masked[1]).not.toBe(plain[1]);
    expect(masked[1]).toMatch(/^\S\*+ \S\*+$/);
    db.close();
  });
});
