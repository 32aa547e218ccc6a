import { describe, expect, it } from 'vitest';
import { NO_DAY } from '../../../../../src/lib/domain/types';
import {
  LIFECYCLE_DEFAULTS, LIFECYCLE_STAGES, lifecycleStages, usualGaps, validateLifecycleOptions, type LifecycleInput,
} from '../../../../../src/lib/domain/segments/lifecycle';

/** Customers as [orders, firstDay, lastDay, usualGap]. */
function input(rows: [number, number, number, number][]): LifecycleInput {
  return {
    orders: Int32Array.from(rows, (r) => r[0]),
    firstDay: Int32Array.from(rows, (r) => r[1]),
    lastDay: Int32Array.from(rows, (r) => r[2]),
    usualGap: Float64Array.from(rows, (r) => r[3]),
  };
}
const names = (stages: Uint8Array) => Array.from(stages, (s) => LIFECYCLE_STAGES[s]);
const DAY = 1000; // analysis day in every case below; defaults: new 90, loyal 5 orders / 180, at risk 2×, lost 365

describe('lifecycleStages', () => {
  it('exports the stage codes and defaults', () => {
    expect(LIFECYCLE_STAGES).toEqual(['prospect', 'new', 'repeat', 'loyal', 'at_risk', 'lost']);
    expect(LIFECYCLE_DEFAULTS).toEqual({ newWithinDays: 90, loyalMinOrders: 5, loyalWithinDays: 180, atRiskGapFactor: 2, lostAfterDays: 365 });
  });

  it('pins every rule and its boundary', () => {
    const stages = lifecycleStages(input([
      [0, NO_DAY, NO_DAY, NaN], // 0 no order → prospect
      [3, 100, 634, 50], // 1 since 366 > 365 → lost
      [3, 100, 635, 50], // 2 since 365, not lost; 2 × 50 = 100 < 365 → at_risk
      [1, 910, 910, NaN], // 3 tenure 90 ≤ 90 → new
      [2, 950, 951, 1], // 4 tenure 50 → new, although since 49 > 2 × 1 (new comes before at risk)
      [1, 909, 909, NaN], // 5 tenure 91, one-time buyer: base gap 60 → since 91 ≤ 120 → repeat
      [4, 500, 900, 30], // 6 since 100 > 2 × 30 → at_risk
      [4, 500, 940, 30], // 7 since 60 = 2 × 30, not more → repeat (4 orders < 5: not loyal)
      [5, 400, 820, 100], // 8 since 180 ≤ 2 × 100, 5 orders, 180 ≤ 180 → loyal
      [5, 400, 819, 100], // 9 since 181 > 180 → not loyal, not overdue (200) → repeat
      [8, 400, 950, 20], // 10 loyal by orders, but since 50 > 2 × 20 → at_risk
      [1, 850, 850, NaN], // 11 one-time buyer, since 150 > 2 × 60 → at_risk
      [1, 880, 880, NaN], // 12 one-time buyer, since 120 = 2 × 60 → repeat
    ]), { analysisDay: DAY, baseGap: 60 });
    expect(names(stages)).toEqual([
      'prospect', 'lost', 'at_risk', 'new', 'new', 'repeat', 'at_risk', 'repeat', 'loyal', 'repeat', 'at_risk', 'at_risk', 'repeat',
    ]);
  });

  it('treats a buyer without a recorded last day, or with no orders, as a prospect', () => {
    expect(names(lifecycleStages(input([[2, NO_DAY, NO_DAY, NaN], [0, 900, 900, NaN]]), { analysisDay: DAY }))).toEqual(['prospect', 'prospect']);
  });

  it('takes the base gap from the median usual gap by default', () => {
    // finite gaps 40, 50, 70, 80 → median (50 + 70) / 2 = 60; one-time buyers overdue after 120 days
    const rows: [number, number, number, number][] = [
      [2, 100, 990, 40], [2, 100, 990, 50], [2, 100, 990, 70], [2, 100, 990, 80],
      [1, 879, 879, NaN], // tenure 121 > 90, since 121 > 120 → at_risk
      [1, 880, 880, NaN], // since 120 → repeat
    ];
    expect(names(lifecycleStages(input(rows), { analysisDay: DAY })).slice(4)).toEqual(['at_risk', 'repeat']);
  });

  it('falls back to the new window as the base gap when nobody has a usual gap', () => {
    // base gap 90 → overdue after 180 days
    const stages = lifecycleStages(input([[1, 819, 819, NaN], [1, 820, 820, NaN]]), { analysisDay: DAY });
    expect(names(stages)).toEqual(['at_risk', 'repeat']);
  });

  it('applies edited thresholds', () => {
    const rows: [number, number, number, number][] = [
      [3, 700, 900, 40], // since 100: lost after 99; default → at_risk (100 > 80)
      [3, 950, 990, 20], // tenure 50: new by default; window 30 → since 10 ≤ 60, 3 ≥ 3 orders within 10 → loyal
      [2, 700, 900, 40], // since 100 ≤ 3 × 40 → repeat with factor 3; at_risk by default
    ];
    expect(names(lifecycleStages(input(rows), { analysisDay: DAY }))).toEqual(['at_risk', 'new', 'at_risk']);
    const edited = { analysisDay: DAY, newWithinDays: 30, loyalMinOrders: 3, loyalWithinDays: 10, atRiskGapFactor: 3, lostAfterDays: 200 };
    expect(names(lifecycleStages(input(rows), edited))).toEqual(['repeat', 'loyal', 'repeat']);
    expect(names(lifecycleStages(input(rows), { ...edited, lostAfterDays: 99 }))).toEqual(['lost', 'loyal', 'lost']);
  });

  it('handles no customers', () => {
    expect(lifecycleStages(input([]), { analysisDay: DAY }).length).toBe(0);
  });

  it('validates options and throws the first notice', () => {
    expect(validateLifecycleOptions({ analysisDay: DAY })).toEqual([]);
    expect(validateLifecycleOptions({ analysisDay: NaN, lostAfterDays: -1, loyalMinOrders: 0, baseGap: Infinity })).toEqual([
      { code: 'lifecycle.option.invalid', params: { name: 'analysisDay' } },
      { code: 'lifecycle.option.invalid', params: { name: 'loyalMinOrders' } },
      { code: 'lifecycle.option.invalid', params: { name: 'lostAfterDays' } },
      { code: 'lifecycle.option.invalid', params: { name: 'baseGap' } },
    ]);
    expect(() => lifecycleStages(input([]), { analysisDay: DAY, newWithinDays: -5 }))
      .toThrow(expect.objectContaining({ code: 'lifecycle.option.invalid', params: { name: 'newWithinDays' } }));
  });
});

describe('usualGaps', () => {
  it('takes the median gap between distinct purchase days, ignoring returns', () => {
    const rows: [number, number, number][] = [
      // [customer, day, isReturn]
      [0, 10, 0], [0, 20, 0], [0, 20, 0], [0, 50, 0], // days 10, 20, 50 → gaps 10, 30 → 20
      [1, 5, 0], [1, 5, 0], // one purchase day → NaN
      [2, 7, 1], [2, 3, 0], // the return is no purchase day → NaN
      [3, 100, 0], [3, 40, 0], [3, 70, 0], [3, 10, 0], // unsorted: 10, 40, 70, 100 → 30, 30, 30 → 30
      // customer 4 has no lines → NaN
      [5, 12, 0], [5, 0, 0], [5, 11, 0], [5, 1, 0], // 0, 1, 11, 12 → 1, 10, 1 → 1
      [6, 0, 0], [6, 5, 1], [6, 10, 0], // return on day 5 ignored → 10
    ];
    const gaps = usualGaps({
      length: rows.length,
      customer: Int32Array.from(rows, (r) => r[0]),
      day: Int32Array.from(rows, (r) => r[1]),
      isReturn: Uint8Array.from(rows, (r) => r[2]),
    }, 7);
    expect(Array.from(gaps)).toEqual([20, NaN, NaN, 30, NaN, 1, 10]);
  });

  it('sorts long histories too (more than 32 lines)', () => {
    // 40 purchase days 0, 3, …, 117 in shuffled order, plus duplicates → every gap 3
    const days = Array.from({ length: 40 }, (_, i) => ((i * 17) % 40) * 3).concat([0, 9, 9]);
    const gaps = usualGaps({
      length: days.length, customer: new Int32Array(days.length), day: Int32Array.from(days), isReturn: new Uint8Array(days.length),
    }, 1);
    expect(Array.from(gaps)).toEqual([3]);
  });

  it('as of a day: later lines do not count', () => {
    // customer 0 bought on days 10, 20, 50, 51: all → gaps 10, 30, 1 → 10; as of day 50 → 10, 30 → 20;
    // as of day 19 → one purchase day → NaN
    const days = [10, 20, 50, 51];
    const orders = { length: 4, customer: new Int32Array(4), day: Int32Array.from(days), isReturn: new Uint8Array(4) };
    expect(Array.from(usualGaps(orders, 1))).toEqual([10]);
    expect(Array.from(usualGaps(orders, 1, { asOfDay: 50 }))).toEqual([20]);
    expect(Array.from(usualGaps(orders, 1, { asOfDay: 19 }))).toEqual([NaN]);
  });

  it('handles no orders', () => {
    const empty = { length: 0, customer: new Int32Array(0), day: new Int32Array(0), isReturn: new Uint8Array(0) };
    expect(Array.from(usualGaps(empty, 2))).toEqual([NaN, NaN]);
  });
});
