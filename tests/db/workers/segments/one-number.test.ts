import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';
import { importOne, sharedFile } from '../../import-helpers';

const RFM = { monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean' } as const;

// One number per figure: a segment's share of customers is the same in the segment table and in
// its persona (both: of the customers the grouping holds), on the demo and on the Online Retail sample.
describe('a segment’s share is one number on both screens', () => {
  it.each([['demo'], ['online-retail']])('%s', async (which) => {
    const db = openDatabase(`one-number-${which}-${Math.random()}`);
    const engine = createEngine(db);
    const id = which === 'demo'
      ? await engine.createDemo('d', { locale: 'en' })
      : (await importOne(engine, sharedFile('online-retail/online_retail_sample.csv'))).datasetId;
    await engine.load('l', id);
    const rfm = await engine.rfm(id, RFM);
    expect(rfm.segments.length).toBeGreaterThan(3);
    for (const s of rfm.segments) {
      const persona = await engine.persona(id, rfm.handle, s.key);
      expect(persona!.size).toBe(s.size);
      expect(persona!.shareOfCustomers).toBeCloseTo(s.customerShare, 12);
    }
    const tiers = await engine.tiers(id, [20, 30, 50], 'customers');
    const top = await engine.persona(id, tiers.handle, 'tier_1');
    expect(top!.shareOfCustomers).toBeCloseTo(tiers.tiers[0].customerShare, 12);
    db.close();
  }, 60_000);
});
