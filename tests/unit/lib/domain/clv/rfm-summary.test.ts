import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rfmSummary, rfmSummaryColumns, type RfmSummaryOrder } from '../../../../../src/lib/domain/clv/rfm-summary';
import { dayFromCivil } from '../../../../../src/lib/domain/days';
import { NO_DAY } from '../../../../../src/lib/domain/types';
import { thrown } from '../../../../support/errors';

const cdnow = (name: string) => readFileSync(new URL(`../../../../../../shared/data/cdnow/${name}`, import.meta.url), 'utf8');

const readCsv = (text: string): Record<string, string>[] => {
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0].split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
};

/** Round half up to 2 decimals, as the published summary files are (22.345 → 22.35). */
const round2 = (v: number) => Math.round(v * 100 + 1e-6) / 100;

describe('rfmSummary', () => {
  it('merges same-day orders, drops negative days, keeps zero-value days', () => {
    const orders: RfmSummaryOrder[] = [
      { customerId: 'b', date: '2024-01-03', amount: 5 },
      { customerId: 'a', date: '2024-01-01', amount: 10 },
      { customerId: 'a', date: '2024-01-01', amount: 2 }, // same day: one purchase day of 12
      { customerId: 'a', date: '2024-01-05', amount: 0 }, // zero-value day counts
      { customerId: 'a', date: '2024-01-08', amount: 30 },
      { customerId: 'a', date: '2024-01-08', amount: -6 }, // netted into the day: 24
      { customerId: 'a', date: '2024-01-09', amount: -8 }, // a pure return day is dropped
      { customerId: 'a', date: '2024-01-20', amount: 100 }, // after the end: ignored
      { customerId: 'c', date: '2024-01-12', amount: 7 }, // only after the end: no row
    ];
    expect(rfmSummary(orders, { observationEnd: '2024-01-10' })).toEqual([
      { customerId: 'b', frequency: 0, recency: 0, T: 7, monetaryValue: 0 },
      { customerId: 'a', frequency: 2, recency: 7, T: 9, monetaryValue: 12 },
    ]);
    const weeks = rfmSummary(orders, { observationEnd: '2024-01-10', timeUnit: 'W' });
    expect(weeks[1].recency).toBeCloseTo(1, 12);
    expect(weeks[1].T).toBeCloseTo(9 / 7, 12);
  });

  it('rejects malformed dates with a code', () => {
    expect(() => rfmSummary([{ customerId: 'a', date: '2024-02-30', amount: 1 }], { observationEnd: '2024-03-01' })).toThrow();
    expect(thrown(() => rfmSummary([], { observationEnd: '2024/03/01' }))).toMatchObject({
      code: 'model.invalidDate',
      params: { value: '2024/03/01' },
    });
  });

  it('reproduces the published CDNOW calibration summaries', () => {
    const orders: RfmSummaryOrder[] = cdnow('CDNOW_sample.txt')
      .trim()
      .split('\n')
      .map((line) => {
        const [, sampleId, ymd, , dollars] = line.trim().split(/\s+/);
        return {
          customerId: String(Number(sampleId)),
          date: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`,
          amount: Number(dollars),
        };
      });
    expect(orders).toHaveLength(6919);
    const summary = rfmSummary(orders, { observationEnd: '1997-09-30', timeUnit: 'W' });
    const ref = readCsv(cdnow('cdnow_customers_summary.csv'));
    const refZ = new Map(readCsv(cdnow('cdnow_customers_summary_with_transactions.csv')).map((r) => [r.ID, r]));
    expect(summary).toHaveLength(2357);
    expect(ref).toHaveLength(2357);
    // The published files hold 2 decimals (half up); our full-precision values must round to them.
    summary.forEach((row, i) => {
      const r = ref[i];
      const z = refZ.get(row.customerId)!;
      expect(row.customerId).toBe(r.ID);
      expect(row.frequency).toBe(Number(r.frequency));
      expect(row.frequency).toBe(Number(z.x));
      expect(Math.abs(round2(row.recency) - Number(r.recency))).toBeLessThan(1e-6);
      expect(Math.abs(round2(row.T) - Number(r.T))).toBeLessThan(1e-6);
      expect(Math.abs(round2(row.recency) - Number(z.t_x))).toBeLessThan(1e-6);
      expect(Math.abs(round2(row.monetaryValue) - Number(z.zbar))).toBeLessThan(1e-6);
    });
    expect(summary.filter((r) => r.frequency > 0)).toHaveLength(946);
    expect(summary.reduce((s, r) => s + r.frequency, 0)).toBe(2457);
  });
});

describe('rfmSummaryColumns', () => {
  it('handles unsorted rows and customers without purchase days', () => {
    const d0 = dayFromCivil(2024, 1, 1);
    const customer = Int32Array.of(1, 0, 1, 1, 2, 1);
    const day = Int32Array.of(d0 + 14, d0, d0, d0 + 7, d0 + 3, d0 + 7);
    const amount = Float64Array.of(8, 3, 10, 1, -4, 2);
    const s = rfmSummaryColumns(customer, day, amount, 4, { observationEndDay: d0 + 21, unitDays: 7 });
    expect(Array.from(s.frequency.subarray(0, 2))).toEqual([0, 2]);
    expect(Array.from(s.recency.subarray(0, 2))).toEqual([0, 2]);
    expect(Array.from(s.T.subarray(0, 2))).toEqual([3, 3]);
    expect(Array.from(s.monetaryValue.subarray(0, 2))).toEqual([0, 5.5]);
    expect(Array.from(s.firstDay)).toEqual([d0, d0, NO_DAY, NO_DAY]);
    expect(s.frequency[2]).toBeNaN(); // only a return
    expect(s.T[3]).toBeNaN(); // no orders at all
  });

  it('summarises 1,000,000 rows quickly', () => {
    const n = 1_000_000;
    const customers = 100_000;
    const customer = new Int32Array(n);
    const day = new Int32Array(n);
    const amount = new Float64Array(n);
    let seed = 1;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
    for (let i = 0; i < n; i++) {
      customer[i] = Math.floor(rand() * customers);
      day[i] = Math.floor(rand() * 730);
      amount[i] = rand() * 100 - 5;
    }
    const t0 = performance.now();
    const s = rfmSummaryColumns(customer, day, amount, customers, { observationEndDay: 600, unitDays: 7 });
    const ms = performance.now() - t0;
    expect(s.frequency).toHaveLength(customers);
    expect(ms).toBeLessThan(2000);
  });
});
