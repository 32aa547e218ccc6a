import { describe, expect, it } from 'vitest';
import { dayFromCivil, monthIndexOfDay, monthLabel } from '../../../../../src/lib/domain/days';
import { NO_DAY } from '../../../../../src/lib/domain/types';
import { cohortTable, retentionRates, revenueRetention, type CohortOrders } from '../../../../../src/lib/domain/retention/cohorts';
import { thrown } from '../../../../support/errors';

/** Order lines from [customer, 'YYYY-MM-DD' or a day number, amount, isReturn]. */
function lines(rows: [number, string | number, number, 0 | 1][]): CohortOrders {
  const day = (d: string | number) => (typeof d === 'number' ? d : dayFromCivil(+d.slice(0, 4), +d.slice(5, 7), +d.slice(8, 10)));
  return {
    length: rows.length,
    customer: Int32Array.from(rows, (r) => r[0]),
    day: Int32Array.from(rows, (r) => day(r[1])),
    amount: Float64Array.from(rows, (r) => r[2]),
    isReturn: Uint8Array.from(rows, (r) => r[3]),
  };
}

// Customers 0–4. Cohorts: Jan 2024 (0, 1), Feb 2024 (nobody), Mar 2024 (2). Customer 3 only
// returns (extends the data to April, no cohort); customer 4 has no lines.
const HAND: [number, string, number, 0 | 1][] = [
  [0, '2024-03-02', 40, 0],
  [0, '2024-01-20', 50, 0], // second January purchase: customer 0 counts once in January
  [0, '2024-01-05', 100, 0], // first purchase → cohort 2024-01
  [0, '2024-03-09', -10, 1], // return in March: revenue 40 − 10
  [1, '2024-01-31', 30, 0], // cohort 2024-01
  [1, '2024-02-01', 20, 0],
  [2, '2024-02-10', -5, 1], // return before the first purchase: ignored
  [2, '2024-03-15', 0, 0], // zero-value purchase still makes a cohort member
  [3, '2024-04-01', -7, 1], // only a return: no cohort, but the data now ends in April
];

describe('cohortTable', () => {
  it('builds the triangle by hand', () => {
    const t = cohortTable(lines(HAND), 5);
    expect(t.cohorts).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(t.sizes).toEqual([2, 0, 1]);
    // Jan row, Jan…Apr: {0, 1}, {1}, {0}, {} ; Feb row Feb…Apr empty ; Mar row Mar…Apr: {2}, {}
    expect(t.active).toEqual([[2, 1, 1, 0], [0, 0, 0], [1, 0]]);
    // Jan: 100 + 50 + 30 = 180 ; Feb: 20 ; Mar: 40 − 10 = 30 ; Apr: 0. Mar row: 0 (the Feb return is ignored)
    expect(t.revenue).toEqual([[180, 20, 30, 0], [0, 0, 0], [0, 0]]);
  });

  it('does not depend on the order of the lines', () => {
    expect(cohortTable(lines([...HAND].reverse()), 5)).toEqual(cohortTable(lines(HAND), 5));
  });

  it('cuts rows at maxMonths', () => {
    const t2 = cohortTable(lines(HAND), 5, { maxMonths: 2 });
    expect(t2.active).toEqual([[2, 1], [0, 0], [1, 0]]);
    expect(t2.revenue).toEqual([[180, 20], [0, 0], [0, 0]]);
    const t1 = cohortTable(lines(HAND), 5, { maxMonths: 1 });
    expect(t1.active).toEqual([[2], [0], [1]]);
    expect(t1.revenue).toEqual([[180], [0], [0]]);
    expect(cohortTable(lines(HAND), 5, { maxMonths: 99 })).toEqual(cohortTable(lines(HAND), 5));
  });

  it('rejects a bad maxMonths, customer count or customer index', () => {
    for (const maxMonths of [0, 1.5, -1, NaN]) {
      expect(thrown(() => cohortTable(lines(HAND), 5, { maxMonths }))).toEqual({ code: 'cohorts.option.invalid', params: { name: 'maxMonths' } });
    }
    expect(thrown(() => cohortTable(lines(HAND), -1))).toEqual({ code: 'cohorts.option.invalid', params: { name: 'customers' } });
    // customer 4 is line 0 here, but there are only 4 customers (0–3)
    expect(thrown(() => cohortTable(lines([[4, '2024-01-01', 1, 0]]), 4))).toEqual({ code: 'cohorts.customer.outOfRange', params: { row: 0, customer: 4 } });
  });

  it('handles no orders, returns only, and one customer', () => {
    const empty = { cohorts: [], sizes: [], active: [], revenue: [] };
    expect(cohortTable(lines([]), 0)).toEqual(empty);
    expect(cohortTable(lines([]), 3)).toEqual(empty);
    expect(cohortTable(lines([[0, '2024-01-01', -5, 1]]), 1)).toEqual(empty);
    expect(cohortTable(lines([[0, '2024-05-31', 12.5, 0]]), 1)).toEqual({ cohorts: ['2024-05'], sizes: [1], active: [[1]], revenue: [[12.5]] });
  });

  it('crosses a year boundary', () => {
    // customer 0: Dec 2023 and Jan 2024 ; customer 1: Jan 2024
    const t = cohortTable(lines([[0, '2023-12-31', 10, 0], [0, '2024-01-01', 5, 0], [1, '2024-01-15', 7, 0]]), 2);
    expect(t.cohorts).toEqual(['2023-12', '2024-01']);
    expect(t.sizes).toEqual([1, 1]);
    expect(t.active).toEqual([[1, 1], [1]]);
    expect(t.revenue).toEqual([[10, 5], [7]]);
  });

  it('skips NaN amounts in revenue (the purchase still counts) and NO_DAY lines', () => {
    const t = cohortTable(lines([[0, '2024-01-10', 10, 0], [0, '2024-02-10', NaN, 0], [0, NO_DAY, 99, 0], [1, NO_DAY, 5, 0]]), 2);
    expect(t).toEqual({ cohorts: ['2024-01'], sizes: [1], active: [[1, 1]], revenue: [[10, 0]] });
  });

  it('agrees with a direct count on random data', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const rows: [number, number, number, 0 | 1][] = [];
    const start = dayFromCivil(2022, 11, 20);
    for (let i = 0; i < 3000; i++) {
      const ret = rnd() < 0.1 ? 1 : 0;
      rows.push([Math.floor(rnd() * 200), start + Math.floor(rnd() * 400), ret ? -Math.round(rnd() * 50) : Math.round(rnd() * 100), ret]);
    }
    const t = cohortTable(lines(rows), 210, { maxMonths: 9 });
    // Direct: first purchase month per customer, then sets of (customer, month).
    const first = new Map<number, number>();
    for (const [c, d, , r] of rows) if (!r) first.set(c, Math.min(first.get(c) ?? Infinity, monthIndexOfDay(d)));
    const m0 = Math.min(...first.values());
    let mEnd = -Infinity;
    for (const [, d] of rows) mEnd = Math.max(mEnd, monthIndexOfDay(d));
    const sets = new Map<string, Set<number>>();
    const rev = new Map<string, number>();
    for (const [c, d, a, r] of rows) {
      const f = first.get(c);
      if (f === undefined) continue;
      const k = monthIndexOfDay(d) - f;
      if (k < 0 || k >= 9) continue;
      const key = `${f - m0},${k}`;
      rev.set(key, (rev.get(key) ?? 0) + (r ? -Math.abs(a) : a));
      if (!r) sets.set(key, (sets.get(key) ?? new Set()).add(c));
    }
    expect(t.cohorts[0]).toBe(monthLabel(m0));
    expect(t.sizes.reduce((a, b) => a + b, 0)).toBe(first.size);
    expect(t.active).toHaveLength(t.cohorts.length); // at least one: t.cohorts[0] is checked above
    t.active.forEach((row, c) => {
      expect(row.length).toBe(Math.min(9, mEnd - (m0 + c) + 1));
      row.forEach((v, k) => {
        expect(v).toBe(sets.get(`${c},${k}`)?.size ?? 0);
        expect(t.revenue[c][k]).toBeCloseTo(rev.get(`${c},${k}`) ?? 0, 9);
      });
    });
  });
});

describe('retentionRates', () => {
  it('divides by the cohort size, null for empty cohorts', () => {
    // Jan: 2/2, 1/2, 1/2, 0/2 ; Feb: size 0 ; Mar: 1/1, 0/1
    expect(retentionRates(cohortTable(lines(HAND), 5))).toEqual([[1, 0.5, 0.5, 0], [null, null, null], [1, 0]]);
    expect(retentionRates({ sizes: [], active: [] })).toEqual([]);
  });
});

describe('revenueRetention', () => {
  it('divides by the first month, null when the first month is not positive', () => {
    const r = revenueRetention(cohortTable(lines(HAND), 5));
    expect(r[0]).toEqual([1, 20 / 180, 30 / 180, 0]);
    expect(r[1]).toEqual([null, null, null]); // Feb: base 0
    expect(r[2]).toEqual([null, null]); // Mar: a zero-value first month
    // negative first month (returns exceed purchases) and NaN → null
    expect(revenueRetention({ revenue: [[-5, 10], [NaN, 1], [50, -10]] })).toEqual([[null, null], [null, null], [1, -0.2]]);
  });
});
