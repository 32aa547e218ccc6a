import { describe, expect, it } from 'vitest';
import { NO_DAY } from '../../../../../src/lib/domain/types';
import {
  aliveRisk, churnRateByPeriod, repeatPurchaseRate, rhythmChurnRisk, validateChurnOptions, type ChurnPeriodOptions,
} from '../../../../../src/lib/domain/retention/churn';
import { thrown } from '../../../../support/errors';

describe('repeatPurchaseRate', () => {
  it('is repeat buyers over buyers', () => {
    expect(repeatPurchaseRate(Int32Array.of(0, 1, 2, 5))).toBeCloseTo(2 / 3, 12); // buyers 1, 2, 5; repeaters 2, 5
    expect(repeatPurchaseRate(Int32Array.of(3))).toBe(1);
    expect(repeatPurchaseRate(Int32Array.of(1, 1))).toBe(0);
    expect(repeatPurchaseRate(Int32Array.of(-1, 1))).toBe(0); // a negative count is no buyer
  });

  it('is null without buyers', () => {
    expect(repeatPurchaseRate(new Int32Array(0))).toBeNull();
    expect(repeatPurchaseRate(Int32Array.of(0, 0))).toBeNull();
  });
});

/** [first, last] per customer. */
const days = (rows: [number, number][]) => [Int32Array.from(rows, (r) => r[0]), Int32Array.from(rows, (r) => r[1])] as const;

describe('churnRateByPeriod', () => {
  // Periods of 10 days from day 100, T = 5: [100,110) [110,120) [120,130) [130,140).
  // Active at s: F < s and L ≥ s − 5. Churned in [s, e): active and L < e − 5.
  const opts: ChurnPeriodOptions = { periodDays: 10, startDay: 100, endDay: 139, inactiveAfterDays: 5 };
  const [first, last] = days([
    [90, 95], // a: active at 100 (95 ≥ 95); churned in p0 (95 < 105) — turns inactive on day 101
    [90, 94], // b: 94 < 95 → already inactive at 100, never counted
    [100, 104], // c: F 100 is not < 100 (acquired in p0); at 110, 104 < 105 → never counted
    [99, 104], // d: active at 100; 104 < 105 → churned in p0 (inactive on day 110 = end of p0)
    [99, 105], // e: active at 100, not churned in p0 (105 ≥ 105); active at 110 (105 ≥ 105); churned in p1 (105 < 115)
    [50, 200], // f: buys after endDay → active in every period, never churned
    [NO_DAY, NO_DAY], // g: never bought → ignored
    [125, 130], // h: active at 130 (125 < 130, 130 ≥ 125); churned in p3 (130 < 135)
    [0, 60], // i: long gone
  ]);

  it('counts every case by hand', () => {
    expect(churnRateByPeriod(first, last, opts)).toEqual([
      { periodStart: 100, activeAtStart: 4, churned: 2, rate: 0.5 }, // a d e f ; a d
      { periodStart: 110, activeAtStart: 2, churned: 1, rate: 0.5 }, // e f ; e
      { periodStart: 120, activeAtStart: 1, churned: 0, rate: 0 }, // f
      { periodStart: 130, activeAtStart: 2, churned: 1, rate: 0.5 }, // f h ; h
    ]);
  });

  it('reports whole periods only', () => {
    expect(churnRateByPeriod(first, last, { ...opts, endDay: 138 }).map((p) => p.periodStart)).toEqual([100, 110, 120]);
    expect(churnRateByPeriod(first, last, { ...opts, endDay: 109 }).map((p) => p.periodStart)).toEqual([100]);
    expect(churnRateByPeriod(first, last, { ...opts, endDay: 108 })).toEqual([]);
    expect(churnRateByPeriod(first, last, { ...opts, endDay: 50 })).toEqual([]); // end before start
  });

  it('handles one-day periods, T = 0, and periods with nobody active', () => {
    // F 5, L 10: at day 10 active (10 ≥ 10 − 0); silent 1 > 0 days at day 11 → churned in [10, 11)
    const [f, l] = days([[5, 10]]);
    expect(churnRateByPeriod(f, l, { periodDays: 1, startDay: 10, endDay: 12, inactiveAfterDays: 0 })).toEqual([
      { periodStart: 10, activeAtStart: 1, churned: 1, rate: 1 },
      { periodStart: 11, activeAtStart: 0, churned: 0, rate: null },
      { periodStart: 12, activeAtStart: 0, churned: 0, rate: null },
    ]);
  });

  it('handles no customers and one customer', () => {
    const none = new Int32Array(0);
    expect(churnRateByPeriod(none, none, opts).map((p) => p.rate)).toEqual([null, null, null, null]);
    // one customer, purchases days 0 … 40; 30-day periods from day 30, T = 30 (the JSDoc example)
    const [f, l] = days([[0, 40]]);
    expect(churnRateByPeriod(f, l, { periodDays: 30, startDay: 30, endDay: 119, inactiveAfterDays: 30 })).toEqual([
      { periodStart: 30, activeAtStart: 1, churned: 0, rate: 0 },
      { periodStart: 60, activeAtStart: 1, churned: 1, rate: 1 },
      { periodStart: 90, activeAtStart: 0, churned: 0, rate: null },
    ]);
  });

  it('does not count a churn in a period the customer joined during', () => {
    // long periods (30) with T = 5: F 101, L 110 → inactive on day 116, inside [100, 130), but F ≥ 100
    const [f, l] = days([[101, 110]]);
    expect(churnRateByPeriod(f, l, { periodDays: 30, startDay: 100, endDay: 159, inactiveAfterDays: 5 })).toEqual([
      { periodStart: 100, activeAtStart: 0, churned: 0, rate: null },
      { periodStart: 130, activeAtStart: 0, churned: 0, rate: null }, // 110 < 125: gone before 130
    ]);
  });

  it('agrees with the definition applied directly', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const rows: [number, number][] = [];
    for (let c = 0; c < 500; c++) {
      const f = Math.floor(rnd() * 400) - 50;
      rows.push(rnd() < 0.05 ? [NO_DAY, NO_DAY] : [f, f + Math.floor(rnd() * 200)]);
    }
    const [f, l] = days(rows);
    for (const o of [
      { periodDays: 7, startDay: 0, endDay: 300, inactiveAfterDays: 30 },
      { periodDays: 30, startDay: 13, endDay: 365, inactiveAfterDays: 0 },
      { periodDays: 1, startDay: 100, endDay: 140, inactiveAfterDays: 60 },
    ]) {
      const got = churnRateByPeriod(f, l, o);
      expect(got.length).toBeGreaterThan(0);
      got.forEach((p) => {
        const s = p.periodStart, e = s + o.periodDays;
        let active = 0, churned = 0;
        for (const [F, L] of rows) {
          if (F === NO_DAY) continue;
          if (F < s && L >= s - o.inactiveAfterDays) {
            active++;
            if (L < e - o.inactiveAfterDays) churned++;
          }
        }
        expect([p.activeAtStart, p.churned]).toEqual([active, churned]);
      });
      expect(got.length).toBe(Math.floor((o.endDay - o.startDay + 1) / o.periodDays));
    }
  });

  it('validates its options', () => {
    const bad = (name: string) => [{ code: 'churn.option.invalid', params: { name } }];
    expect(validateChurnOptions(opts)).toEqual([]);
    expect(validateChurnOptions({ ...opts, periodDays: 0 })).toEqual(bad('periodDays')); // zero-length periods
    expect(validateChurnOptions({ ...opts, periodDays: 2.5 })).toEqual(bad('periodDays'));
    expect(validateChurnOptions({ ...opts, startDay: NaN })).toEqual(bad('startDay'));
    expect(validateChurnOptions({ ...opts, endDay: Infinity })).toEqual(bad('endDay'));
    expect(validateChurnOptions({ ...opts, inactiveAfterDays: -1 })).toEqual(bad('inactiveAfterDays'));
    expect(validateChurnOptions({ ...opts, inactiveAfterDays: 0 })).toEqual([]);
    expect(thrown(() => churnRateByPeriod(first, last, { ...opts, periodDays: 0 }))).toEqual(bad('periodDays')[0]);
    expect(thrown(() => churnRateByPeriod(first, new Int32Array(2), opts))).toEqual({ code: 'churn.lengthMismatch', params: { first: 9, last: 2 } });
  });
});

describe('rhythmChurnRisk', () => {
  const risk = (since: number[], gap: number[], options?: Parameters<typeof rhythmChurnRisk>[2]) =>
    Array.from(rhythmChurnRisk(Float64Array.from(since), Float64Array.from(gap), options));

  it('is r² / (r² + factor²) with r = since / gap', () => {
    // r = 1 → 1 / (1 + 4) = 0.2 ; r = 2 → 4 / 8 = 0.5 ; r = 4 → 16 / 20 = 0.8 ; r = 0.5 → 0.25 / 4.25
    const got = risk([30, 60, 60, 15], [30, 30, 15, 30]);
    expect(got.slice(0, 3)).toEqual([0.2, 0.5, 0.8]);
    expect(got[3]).toBeCloseTo(0.25 / 4.25, 12);
    // factor 1: r = 1 → 0.5 ; factor 3: r = 3 → 0.5
    expect(risk([30], [30], { factor: 1 })).toEqual([0.5]);
    expect(risk([90], [30], { factor: 3 })).toEqual([0.5]);
  });

  it('rises with silence', () => {
    const since = Array.from({ length: 50 }, (_, i) => i * 7);
    const r = risk(since, since.map(() => 20));
    expect(r).toHaveLength(50);
    for (let i = 1; i < r.length; i++) expect(r[i]).toBeGreaterThan(r[i - 1]);
    expect(r[0]).toBe(0);
    expect(r[49]).toBeLessThan(1);
  });

  it('handles the edge cases', () => {
    expect(risk([0, -3], [30, 30])).toEqual([0, 0]); // just bought / purchase after the analysis day
    expect(risk([5, 0], [0, 0])).toEqual([1, 0]); // zero gap: any silence is overdue
    expect(risk([NaN, 10], [30, NaN])).toEqual([NaN, NaN]); // unknown silence; one-time buyer without base gap
    expect(risk([10, 10], [NaN, -1], { baseGap: 10 })).toEqual([0.2, 0.2]); // base gap for one-time buyers
    expect(risk([10], [NaN], { baseGap: 0 })).toEqual([1]);
    expect(risk([Infinity, 10, Infinity], [30, Infinity, Infinity])).toEqual([1, 0, NaN]);
    expect(risk([], [])).toEqual([]);
  });

  it('rejects bad options and arrays of different lengths', () => {
    for (const factor of [0, -1, NaN, Infinity]) {
      expect(thrown(() => risk([1], [1], { factor }))).toEqual({ code: 'churn.option.invalid', params: { name: 'factor' } });
    }
    for (const baseGap of [-1, NaN, Infinity]) {
      expect(thrown(() => risk([1], [1], { baseGap }))).toEqual({ code: 'churn.option.invalid', params: { name: 'baseGap' } });
    }
    expect(thrown(() => risk([1, 2], [1]))).toEqual({ code: 'churn.lengthMismatch', params: { first: 2, last: 1 } });
  });
});

describe('aliveRisk', () => {
  it('is 1 − P(alive), clamped, NaN kept', () => {
    expect(Array.from(aliveRisk(Float64Array.of(1, 0.25, 0, NaN, 1.2, -0.1)))).toEqual([0, 0.75, 1, NaN, 0, 1]);
    expect(aliveRisk(new Float64Array(0)).length).toBe(0);
  });
});
