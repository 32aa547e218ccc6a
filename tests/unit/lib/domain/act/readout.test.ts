/**
 * The read-out (issue 16) on hand-computed cases. Conversion: rates, difference and the Wald
 * interval d ± z·√(r_A(1 − r_A)/n_A + r_B(1 − r_B)/n_B) with z_{0.975} = 1.959963985 and
 * z_{0.95} = 1.644853627; revenue from the sums; the chance from SciPy 1.17.1 (integrate.quad of
 * beta(1 + c_A, 1 + n_A − c_A).pdf(x) · beta(1 + c_B, 1 + n_B − c_B).sf(x)); the sample-ratio
 * p from scipy.stats.chi2.sf.
 */
import { describe, expect, it } from 'vitest';
import { MIN_GROUP_SIZE, SRM_WARN_P, readout, type ArmSums } from '../../../../../src/lib/domain';

const arm = (n: number, conversions: number, sum = 0, sumSquares = 0): ArmSums => ({ n, conversions, sum, sumSquares });
const notice = (fn: () => unknown): { code: string; params?: Record<string, unknown> } => {
  try {
    fn();
  } catch (e) {
    return e as { code: string };
  }
  throw new Error('expected a notice');
};

describe('readout', () => {
  // control: 100 of 1000 converted, revenue Σx = 5000, Σx² = 100000; treated: 130 of 1000, Σx = 6500, Σx² = 130000
  const control = arm(1000, 100, 5000, 100000);
  const treated = arm(1000, 130, 6500, 130000);

  it('reads out a lift with its cost', () => {
    const r = readout(control, treated, { cost: 300 });
    // SE = √(0.1·0.9/1000 + 0.13·0.87/1000) = √0.0002031 = 0.01425131…; 1.959963985 × SE = 0.02793205…
    expect(r.conversion.rateA).toBe(0.1);
    expect(r.conversion.rateB).toBe(0.13);
    expect(r.conversion.difference).toBeCloseTo(0.03, 12);
    expect(r.conversion.ci[0]).toBeCloseTo(0.03 - 0.02793205, 7);
    expect(r.conversion.ci[1]).toBeCloseTo(0.03 + 0.02793205, 7);
    // means 5 and 6.5; s² = (100000 − 5000²/1000)/999 = 75.0750…, (130000 − 6500²/1000)/999 = 87.8378…;
    // SciPy ttest_ind_from_stats(6.5, √87.8378, 1000, 5, √75.0751, 1000, equal_var=False): t = 3.716323, p = 0.00020774
    expect(r.revenue).not.toBeNull();
    expect(r.revenue!.meanA).toBe(5);
    expect(r.revenue!.meanB).toBe(6.5);
    expect(r.revenue!.t).toBeCloseTo(3.716323, 5);
    expect(r.revenue!.pValue).toBeCloseTo(0.00020774, 7);
    // SciPy quad: P(p_B > p_A) = 0.98216507
    expect(r.chance).toBeCloseTo(0.98216507, 5);
    // (6.5 − 5) × 1000 = 1500; net 1500 − 300 = 1200
    expect(r.incrementalRevenue).toBeCloseTo(1500, 9);
    expect(r.cost).toBe(300);
    expect(r.net).toBeCloseTo(1200, 9);
    expect(r.srm).toBeNull();
    expect(r.verdict.code).toBe('readout.verdict.liftCost');
    expect(r.verdict.params).toMatchObject({ from: 0.1, to: 0.13, level: 0.95, cost: 300, control: 1000, treated: 1000 });
    expect(r.verdict.params.diff).toBeCloseTo(0.03, 12);
    expect(r.verdict.params.low).toBeCloseTo(0.00206795, 7);
    expect(r.verdict.params.high).toBeCloseTo(0.05793205, 7);
    expect(r.verdict.params.incremental).toBeCloseTo(1500, 9);
    expect(r.verdict.params.net).toBeCloseTo(1200, 9);
  });

  it('without a cost has no cost, no net and the plain verdict', () => {
    const r = readout(control, treated);
    expect(r.cost).toBeNull();
    expect(r.net).toBeNull();
    expect(r.verdict.code).toBe('readout.verdict.lift');
    expect(r.verdict.params).not.toHaveProperty('cost');
  });

  it('uses the confidence asked for', () => {
    // 1.644853627 × 0.0142513157 = 0.0234413284
    const r = readout(control, treated, { confidence: 0.9 });
    expect(r.conversion.ci[0]).toBeCloseTo(0.03 - 0.0234413284, 8);
    expect(r.verdict.params.level).toBe(0.9);
  });

  it('says worse when the interval lies below 0', () => {
    // the groups swapped: difference −0.03, interval −0.05793 to −0.00207; SciPy chance 0.01783493
    const r = readout(treated, control, { cost: 0 });
    expect(r.verdict.code).toBe('readout.verdict.worseCost');
    expect(r.chance).toBeCloseTo(0.01783493, 5);
    expect(r.incrementalRevenue).toBeCloseTo(-1500, 9);
    expect(r.net).toBeCloseTo(-1500, 9);
  });

  it('says no detectable difference when the interval spans 0', () => {
    // 100/1000 against 110/1000: SE = √(0.09/1000 + 0.0979/1000) = 0.0137076621; 1.959963985 × SE = 0.0268665240 → −0.0169 to 0.0369
    const r = readout(arm(1000, 100, 100, 200), arm(1000, 110, 110, 220));
    expect(r.conversion.ci[0]).toBeCloseTo(0.01 - 0.026866524, 8);
    expect(r.verdict.code).toBe('readout.verdict.none');
  });

  it('says too few customers when a group is tiny, and has no revenue test below 2', () => {
    expect(MIN_GROUP_SIZE).toBe(30);
    const r = readout(arm(29, 5, 50, 500), arm(500, 60, 600, 6000));
    expect(r.verdict).toEqual({ code: 'readout.verdict.tooFew', params: { control: 29, treated: 500, min: 30 } });
    const one = readout(arm(1, 1, 10, 100), arm(500, 60, 600, 6000));
    expect(one.revenue).toBeNull();
    // (600/500 − 10/1) × 500 = (1.2 − 10) × 500 = −4400
    expect(one.incrementalRevenue).toBeCloseTo(-4400, 9);
    expect(one.verdict.code).toBe('readout.verdict.tooFew');
  });

  it('says nobody converted yet when neither group did', () => {
    const r = readout(arm(100, 0), arm(900, 0));
    expect(r.verdict.code).toBe('readout.verdict.noConversions');
    // Beta(1, 101) against Beta(1, 901): P(p_B > p_A) = ∫ 101(1 − x)¹⁰⁰ · (1 − x)⁹⁰¹ dx = 101/1002
    expect(r.chance).toBeCloseTo(101 / 1002, 6);
    expect(r.incrementalRevenue).toBe(0);
  });

  it('computes the incremental revenue per treated customer', () => {
    // means 400/40 = 10 and 4320/360 = 12: (12 − 10) × 360 = 720
    const r = readout(arm(40, 4, 400, 8000), arm(360, 40, 4320, 100000));
    expect(r.incrementalRevenue).toBeCloseTo(720, 9);
  });

  it('checks the sample ratio against the planned control share', () => {
    expect(SRM_WARN_P).toBe(0.001);
    // 1000 control of 10000 planned at 10%: exactly as expected, χ² = 0, p = 1
    const fine = readout(arm(1000, 100, 0, 0), arm(9000, 1000, 0, 0), { plannedControlShare: 0.1 });
    expect(fine.srm).toEqual({ chiSquare: 0, pValue: 1, warn: false, plannedControlShare: 0.1 });
    // 1100 and 8900 against 1000 and 9000: χ² = 100²/1000 + 100²/9000 = 11.1111; chi2.sf(11.1111, 1) = 0.00085812
    const off = readout(arm(1100, 110, 0, 0), arm(8900, 900, 0, 0), { plannedControlShare: 0.1 });
    expect(off.srm!.chiSquare).toBeCloseTo(11.111111, 5);
    expect(off.srm!.pValue).toBeCloseTo(0.00085812, 7);
    expect(off.srm!.warn).toBe(true);
    // 1040 and 8960: χ² = 1.6 + 0.17778 = 1.77778, p = 0.1824 — no warning
    expect(readout(arm(1040, 1, 0, 0), arm(8960, 1, 0, 0), { plannedControlShare: 0.1 }).srm!.warn).toBe(false);
  });

  it('refuses broken input with notices', () => {
    expect(notice(() => readout(arm(0, 0), arm(10, 1))).code).toBe('act.groupEmpty');
    expect(notice(() => readout(arm(10, 11), arm(10, 1))).code).toBe('act.countsInvalid');
    expect(notice(() => readout(arm(10, 1, 10, 1), arm(10, 1, 10, 100))).code).toBe('act.sumsInvalid');
    expect(notice(() => readout(arm(1, 1, NaN, 0), arm(10, 1))).code).toBe('act.sumsInvalid');
    expect(notice(() => readout(control, treated, { cost: -1 })).code).toBe('readout.costInvalid');
    expect(notice(() => readout(control, treated, { cost: NaN })).code).toBe('readout.costInvalid');
    for (const share of [0, 1, 1.5, NaN]) {
      expect(notice(() => readout(control, treated, { plannedControlShare: share })).code).toBe('act.shareInvalid');
    }
    expect(notice(() => readout(control, treated, { confidence: 1 })).code).toBe('act.confidenceInvalid');
  });
});
