import { describe, expect, it } from 'vitest';
import { cacByChannel, clvToCac } from '../../../../../src/lib/domain/retention/acquisition';
import { thrown } from '../../../../support/errors';

const CHANNEL = ['ads', 'ads', 'shop', '', 'ads'];
const COST = Float64Array.of(10, NaN, 4, 7, 20);

describe('cacByChannel', () => {
  it('averages the known per-customer costs', () => {
    // '': 7 ; ads: (10 + 20) / 2 = 15 over 3 customers, 2 known ; shop: 4
    expect(cacByChannel(CHANNEL, COST)).toEqual([
      { channel: '', customers: 1, costsKnown: 1, cac: 7, source: 'fields' },
      { channel: 'ads', customers: 3, costsKnown: 2, cac: 15, source: 'fields' },
      { channel: 'shop', customers: 1, costsKnown: 1, cac: 4, source: 'fields' },
    ]);
  });

  it('uses the cost table where given: spend / customers acquired', () => {
    // ads: 300 / 3 customers = 100 ; shop: 100 / 4 (newCustomers) = 25 ; tv: spend, nobody acquired → null
    expect(cacByChannel(CHANNEL, COST, { costTable: { ads: 300, shop: 100, tv: 500 }, newCustomers: { shop: 4 } })).toEqual([
      { channel: '', customers: 1, costsKnown: 1, cac: 7, source: 'fields' },
      { channel: 'ads', customers: 3, costsKnown: 2, cac: 100, source: 'table' },
      { channel: 'shop', customers: 4, costsKnown: 1, cac: 25, source: 'table' },
      { channel: 'tv', customers: 0, costsKnown: 0, cac: null, source: 'table' },
    ]);
    // newCustomers 0 → null ; newCustomers for a channel without a table entry is not used
    expect(cacByChannel(['a', 'b'], Float64Array.of(NaN, 8), { costTable: { a: 50 }, newCustomers: { a: 0, b: 5 } })).toEqual([
      { channel: 'a', customers: 0, costsKnown: 0, cac: null, source: 'table' },
      { channel: 'b', customers: 1, costsKnown: 1, cac: 8, source: 'fields' },
    ]);
  });

  it('ignores unknown, negative and infinite costs', () => {
    expect(cacByChannel(['a', 'a', 'a', 'a'], Float64Array.of(NaN, -5, Infinity, 0))).toEqual([
      { channel: 'a', customers: 4, costsKnown: 1, cac: 0, source: 'fields' },
    ]);
    expect(cacByChannel(['a'], Float64Array.of(NaN))).toEqual([{ channel: 'a', customers: 1, costsKnown: 0, cac: null, source: 'fields' }]);
  });

  it('handles no customers', () => {
    expect(cacByChannel([], new Float64Array(0))).toEqual([]);
    expect(cacByChannel([], new Float64Array(0), { costTable: { tv: 10 } })).toEqual([
      { channel: 'tv', customers: 0, costsKnown: 0, cac: null, source: 'table' },
    ]);
  });

  it('rejects bad tables and arrays of different lengths', () => {
    for (const v of [NaN, -1, Infinity]) {
      expect(thrown(() => cacByChannel(CHANNEL, COST, { costTable: { ads: v } }))).toEqual({ code: 'acquisition.option.invalid', params: { name: 'costTable', channel: 'ads' } });
    }
    for (const v of [1.5, -1]) {
      expect(thrown(() => cacByChannel(CHANNEL, COST, { newCustomers: { ads: v } }))).toEqual({ code: 'acquisition.option.invalid', params: { name: 'newCustomers', channel: 'ads' } });
    }
    expect(thrown(() => cacByChannel(['a'], new Float64Array(2)))).toEqual({ code: 'acquisition.lengthMismatch', params: { channel: 1, acquisitionCost: 2 } });
  });
});

describe('clvToCac', () => {
  const clv = Float64Array.of(300, 500, NaN, 100);
  const channel = ['ads', 'ads', 'ads', 'shop'];
  const cac = { ads: 100, shop: 0, tv: 50, web: null };

  it('compares mean CLV with CAC and computes the payback', () => {
    // ads: mean CLV (300 + 500) / 2 = 400, ratio 400 / 100 = 4, margin (20 + 30) / 2 = 25 → 100 / 25 = 4 months
    // shop: CAC 0 → no ratio, paid back at once ; tv: no customers ; web: no CAC
    expect(clvToCac(clv, channel, cac, { monthlyMargin: Float64Array.of(20, 30, NaN, -5) })).toEqual([
      { channel: 'ads', customers: 3, meanClv: 400, cac: 100, ratio: 4, paybackMonths: 4 },
      { channel: 'shop', customers: 1, meanClv: 100, cac: 0, ratio: null, paybackMonths: 0 },
      { channel: 'tv', customers: 0, meanClv: null, cac: 50, ratio: null, paybackMonths: null },
      { channel: 'web', customers: 0, meanClv: null, cac: null, ratio: null, paybackMonths: null },
    ]);
  });

  it('has no payback without margins, or with a margin that never pays back', () => {
    expect(clvToCac(clv, channel, cac).map((r) => r.paybackMonths)).toEqual([null, null, null, null]);
    // shop with CAC 10 and mean margin −5 → never
    expect(clvToCac(Float64Array.of(100), ['shop'], { shop: 10 }, { monthlyMargin: Float64Array.of(-5) })[0]).toEqual(
      { channel: 'shop', customers: 1, meanClv: 100, cac: 10, ratio: 10, paybackMonths: null },
    );
  });

  it('treats a negative or NaN CAC and channels missing from the table as unknown', () => {
    expect(clvToCac(Float64Array.of(100, 50), ['a', 'b'], { a: -10, b: NaN }).map((r) => [r.cac, r.ratio])).toEqual([[null, null], [null, null]]);
    expect(clvToCac(Float64Array.of(100), ['a'], {})).toEqual([{ channel: 'a', customers: 1, meanClv: 100, cac: null, ratio: null, paybackMonths: null }]);
  });

  it('handles no customers and different lengths', () => {
    expect(clvToCac(new Float64Array(0), [], {})).toEqual([]);
    expect(thrown(() => clvToCac(new Float64Array(1), [], {}))).toEqual({ code: 'acquisition.lengthMismatch', params: { clv: 1, channel: 0, monthlyMargin: 0 } });
    expect(thrown(() => clvToCac(new Float64Array(1), ['a'], {}, { monthlyMargin: new Float64Array(2) }))).toEqual({
      code: 'acquisition.lengthMismatch', params: { clv: 1, channel: 1, monthlyMargin: 2 },
    });
  });
});
