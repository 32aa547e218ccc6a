// Complaint loss and service recovery on small hand cases: the three groups, repurchase after the
// first complaint (and after the reference day for those who never complained), churn beyond the
// usual gap, revenue after, and the complaint loss valued at 12 months of net revenue or at CLV.
import { describe, expect, it } from 'vitest';
import { complaintRecovery, NO_DAY, usualGaps, type RecoveryInput } from '../../../../../src/lib/domain';

/** Order lines from [customer, day, amount] (a negative amount is a return). */
function orders(rows: [number, number, number][]) {
  return {
    length: rows.length,
    customer: Int32Array.from(rows, (r) => r[0]),
    day: Int32Array.from(rows, (r) => r[1]),
    amount: Float64Array.from(rows, (r) => r[2]),
    isReturn: Uint8Array.from(rows, (r) => (r[2] < 0 ? 1 : 0)),
  };
}

/** Complaints from [customer, day, resolved, resolvedDay]. */
function complaints(rows: [number, number, 0 | 1, number][]) {
  return {
    customer: Int32Array.from(rows, (r) => r[0]),
    day: Int32Array.from(rows, (r) => r[1]),
    resolved: Uint8Array.from(rows, (r) => r[2]),
    resolvedDay: Int32Array.from(rows, (r) => r[3]),
  };
}

/*
 * Six customers, figures as of day 400 (analysisDay 401):
 * C0 buys 0, 100, 200, 300 (gap 100); complains day 150, resolved 152 → resolved group.
 *    After 150: bought 200 (+50) and 300 (+50) → repurchased, net after 100. Silent 401 − 300 = 101 ≤ 2 × 100 → not gone.
 * C1 buys 0, 30, 60 (gap 30) and returns 10 on day 61; complains 70, open → unresolved. After 70: nothing
 *    (the return is before it). Silent 341 > 60 → gone; last purchase 60 ≤ latest complaint 70 → lost, valued at
 *    the 12 months up to day 60: 40 + 40 + 40 = 120 (the return on day 61 is after that window).
 * C2 buys 0, 50 (gap 50); complains 20 (resolved 25) and 60 (resolved on day 420, after the day → still open then) → unresolved.
 *    First complaint 20: bought 50 after it (+30) → repurchased, net after 30. Silent 351 > 100 → gone;
 *    last purchase 50 ≤ latest complaint 60 → lost, valued 12 months up to day 50: 30 + 30 = 60.
 * C3 buys 10, 100, 390 (gaps 90, 290 → 190); never complained; bought on day 10, within the 90 days up to D → never group.
 * C4 buys 300 only (one-time, base gap = median of 100, 30, 50, 190 = 75); never complained;
 *    first purchase after D → not in the never group.
 * C5 buys 0 only; complains 100, resolved 101 → resolved. After 100: nothing. Silent 401 > 2 × 75 → gone, lost:
 *    12 months up to day 0 = 25.
 * D = median of first complaint days {150, 70, 20, 100} → lower middle of 20, 70, 100, 150 = 70.
 */
const input: RecoveryInput = {
  orders: orders([
    [0, 0, 50], [0, 100, 50], [0, 200, 50], [0, 300, 50],
    [1, 0, 40], [1, 30, 40], [1, 60, 40], [1, 61, -10],
    [2, 0, 30], [2, 50, 30],
    [3, 10, 20], [3, 100, 20], [3, 390, 20],
    [4, 300, 70],
    [5, 0, 25],
    [0, 500, 999], // after the day: never counts
  ]),
  customers: 6,
  complaints: complaints([
    [0, 150, 1, 152], [1, 70, 0, NO_DAY], [2, 20, 1, 25], [2, 60, 1, 420], [5, 100, 1, 101],
    [3, NO_DAY, 0, NO_DAY], // undated: left out, C3 stays a non-complainer
    [4, 450, 0, NO_DAY], // after the day: not counted
  ]),
  usualGap: new Float64Array(6),
  clv: null,
};
input.usualGap = usualGaps(input.orders, 6, { asOfDay: 400 });

describe('complaintRecovery', () => {
  const r = complaintRecovery(input, { asOfDay: 400, analysisDay: 401 });

  it('reads the usual gaps the lifecycle does (hand: 100, 30, 50, 190, one-time, one-time)', () => {
    expect(Array.from(input.usualGap)).toEqual([100, 30, 50, 190, NaN, NaN]);
    expect(r.baseGap).toBe(75); // median of 30, 50, 100, 190 = (50 + 100) / 2
  });

  it('splits customers into resolved, unresolved and never complained, with the reference day the median first complaint', () => {
    expect(r.referenceDay).toBe(70);
    expect(r.complaints).toBe(5);
    expect(r.undated).toBe(1);
    const [resolved, unresolved, never] = r.groups;
    // resolved: C0 (bought again, stays), C5 (did not, gone)
    expect(resolved).toMatchObject({ key: 'resolved', customers: 2, repurchased: 1, repurchaseRate: 0.5, churned: 1, churnShare: 0.5, netAfter: 100, meanNetAfter: 50 });
    // unresolved: C1 (no purchase after 70; the day-61 return is before it), C2 (bought on 50 after 20: +30); both gone
    expect(unresolved).toMatchObject({ key: 'unresolved', customers: 2, repurchased: 1, churned: 2, churnShare: 1, netAfter: 30, meanNetAfter: 15 });
    // never: C3 only (C4 first bought after day 70); after 70 it bought 100 and 390 (+40); silent 11 days → stays
    expect(never).toMatchObject({ key: 'never', customers: 1, repurchased: 1, repurchaseRate: 1, churned: 0, netAfter: 40, meanNetAfter: 40 });
  });

  it('counts the complaint loss at 12 months of net revenue up to the last purchase, most valuable first', () => {
    expect(r.basis).toBe('net');
    // C1: 40 + 40 + 40 = 120 (the return on day 61 is after the last purchase day 60); C2: 60; C5: 25
    expect(r.lost.map((l) => [l.customer, l.value])).toEqual([[1, 120], [2, 60], [5, 25]]);
    expect(r.loss).toBe(205);
    // still open on the day: C1 and C2 (C2's second complaint was resolved only on day 420)
    expect(r.lossOpen).toBe(180);
    expect(r.lost[0]).toMatchObject({ firstComplaint: 70, latestComplaint: 70, open: true, lastPurchase: 60, silentDays: 341, usualGap: 30 });
    expect(r.lost[2].usualGap).toBeNull();
  });

  it('values lost customers at their CLV after a fit', () => {
    const clv = Float64Array.of(500, 80, 12.5, 300, 70, NaN);
    const v = complaintRecovery({ ...input, clv }, { asOfDay: 400, analysisDay: 401 });
    expect(v.basis).toBe('clv');
    // C1 80, C2 12.5, C5 no CLV → 0
    expect(v.lost.map((l) => [l.customer, l.value])).toEqual([[1, 80], [2, 12.5], [5, 0]]);
    expect(v.loss).toBe(92.5);
  });

  it('does not count a customer who bought again after the latest complaint, and follows the silence factor', () => {
    // factor 6: C1 341 > 6 × 30 = 180 → lost; C2 351 > 300 → lost; C5 401 ≤ 6 × 75 = 450 → not gone
    const wide = complaintRecovery(input, { asOfDay: 400, analysisDay: 401, gapFactor: 6 });
    expect(wide.lost.map((l) => l.customer)).toEqual([1, 2]);
    expect(wide.groups[0].churned).toBe(0);
    // C0 is silent 101 days, beyond 1 × 100, but it bought after its complaint: gone, not a complaint loss
    const tight = complaintRecovery(input, { asOfDay: 400, analysisDay: 401, gapFactor: 1 });
    expect(tight.groups[0].churned).toBe(2);
    expect(tight.lost.map((l) => l.customer)).toEqual([1, 2, 5]);
  });

  it('as of an earlier day, a complaint resolved later is still open, and later orders and complaints do not count', () => {
    // as of day 151: C0's complaint (150, resolved 152) was open → unresolved
    const early = complaintRecovery({ ...input, usualGap: usualGaps(input.orders, 6, { asOfDay: 151 }) }, { asOfDay: 151, analysisDay: 151 });
    expect(early.groups[1].customers).toBe(3); // C0, C1, C2
    expect(early.groups[0].customers).toBe(1); // C5
  });

  it('the never-complained baseline holds only those who bought in the window up to the reference day', () => {
    // window 50 days: (70 − 50, 70] = days 21–70; C3 bought on 10 and 100, neither inside → nobody in the baseline
    const narrow = complaintRecovery(input, { asOfDay: 400, analysisDay: 401, baselineDays: 50 });
    expect(narrow.baselineDays).toBe(50);
    expect(narrow.groups[2].customers).toBe(0);
    expect(r.baselineDays).toBe(90);
  });

  it('without complaints: no reference day, nobody in a group and no loss; a bad factor is refused', () => {
    const none = complaintRecovery({ ...input, complaints: complaints([]) }, { asOfDay: 400, analysisDay: 401 });
    expect(none.referenceDay).toBeNull();
    expect(none.groups.map((g) => g.customers)).toEqual([0, 0, 0]);
    expect(Number.isNaN(none.groups[0].repurchaseRate)).toBe(true);
    expect(none.loss).toBe(0);
    expect(() => complaintRecovery(input, { asOfDay: 400, analysisDay: 401, gapFactor: 0 })).toThrow(expect.objectContaining({ code: 'voice.recoveryFactor' }));
  });
});
