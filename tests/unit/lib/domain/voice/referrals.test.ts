// Referral value on a small hand case: per referrer, by group (with the Agresti–Coull interval of
// the share who referred), and each customer's NPS group by their latest answer.
import { describe, expect, it } from 'vitest';
import { latestNpsGroups, NO_DAY, referralGroups, referralValues } from '../../../../../src/lib/domain';

/*
 * A referred B and C; B referred D; E names X (not a customer); F names itself; G was referred by A
 * but is not counted (not present). Net: A 100, B 50, C 30, D 20, E 10, F 5, G 999.
 * → A: 2 referred (B 50 + C 30 = 80); B: 1 (D 20); X: 1 (E 10). Referred 4 (B, C, D, E), one self-referral.
 */
const ids = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
const referredBy = ['', 'A', 'A', 'B', 'X', 'F', 'A'];
const present = Uint8Array.of(1, 1, 1, 1, 1, 1, 0);
const net = Float64Array.of(100, 50, 30, 20, 10, 5, 999);

describe('referralValues', () => {
  it('adds up what each referrer brought, most valuable first, an unknown referrer kept by id', () => {
    const r = referralValues({ ids, referredBy, present, net, clv: null });
    expect(r.referred).toBe(4);
    expect(r.selfReferrals).toBe(1);
    expect(r.referrers).toEqual([
      { id: 'A', customer: 0, referred: 2, net: 80, clv: null },
      { id: 'B', customer: 1, referred: 1, net: 20, clv: null },
      { id: 'X', customer: -1, referred: 1, net: 10, clv: null },
    ]);
    expect(r.totalNet).toBe(110);
    expect(r.totalClv).toBeNull();
    expect(Array.from(r.count)).toEqual([2, 1, 0, 0, 0, 0, 0]);
  });

  it('after a fit, sums the CLV of the customers brought and ranks by it', () => {
    // CLV: B 10, C 5, D 90, E 1 → A 15, B 90, X 1: B first
    const clv = Float64Array.of(0, 10, 5, 90, 1, 0, 0);
    const r = referralValues({ ids, referredBy, present, net, clv });
    expect(r.referrers.map((x) => [x.id, x.clv])).toEqual([['B', 90], ['A', 15], ['X', 1]]);
    expect(r.totalClv).toBe(106);
  });
});

describe('referralGroups', () => {
  it('per group: customers, who referred, the share with its 95% Agresti–Coull interval, and the value per customer', () => {
    const r = referralValues({ ids, referredBy, present, net, clv: null });
    // A and B are 'top', C D E F 'rest', G 'top' but not present
    const labels = ['top', 'top', 'rest', 'rest', 'rest', 'rest', 'top'];
    const [top, rest] = referralGroups(r, labels, ['top', 'rest', 'empty'], present);
    expect(top).toMatchObject({ key: 'top', customers: 2, referrers: 2, share: 1, referred: 3, net: 100, meanNet: 50, clv: null });
    expect(rest).toMatchObject({ key: 'rest', customers: 4, referrers: 0, share: 0, referred: 0, net: 0, meanNet: 0 });
    // Agresti–Coull, z = 1.959964: 2 of 2 → ñ = 2 + 3.841459 = 5.841459, p̃ = (2 + 1.920729)/5.841459 = 0.671190,
    // half = 1.959964·√(0.671190·0.328810/5.841459) = 1.959964·0.194373 = 0.380963 → [0.290227, 1 (clipped from 1.052153)]
    expect(top.ci[0]).toBeCloseTo(0.290227, 5);
    expect(top.ci[1]).toBe(1);
    // 0 of 4 → ñ = 7.841459, p̃ = 1.920729/7.841459 = 0.244945, half = 1.959964·√(0.244945·0.755055/7.841459) = 0.301005 → [0 (clipped), 0.545950]
    expect(rest.ci[0]).toBe(0);
    expect(rest.ci[1]).toBeCloseTo(0.54595, 5);
  });
});

describe('latestNpsGroups', () => {
  it('takes each customer’s latest dated answer (an undated one only without a dated one)', () => {
    // customer 0: 3 on day 10, 9 on day 20 → promoter; 1: 10 undated, 7 on day 5 → passive;
    // 2: 6 undated → detractor; 3: no answer; answers of unknown customers and non-NPS values ignored
    const customer = [0, 0, 1, 1, 2, -1, 3];
    const day = [10, 20, NO_DAY, 5, NO_DAY, 1, 1];
    const nps = [3, 9, 10, 7, 6, 10, -1];
    expect(latestNpsGroups(4, customer, day, nps)).toEqual(['promoter', 'passive', 'detractor', 'none']);
  });
});
