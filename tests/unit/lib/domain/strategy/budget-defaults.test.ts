// The budget panel's defaults from the data, checked against hand arithmetic on a 3-segment fixture.
import { describe, expect, it } from 'vitest';
import {
  allocateBudget, defaultBudget, defaultCostPerContact, defaultCurves, defaultHorizon, expectedValue, naiveSplit, revenuePace, roundFigure,
  stageWeight, valuePerCustomer, type BudgetSegmentFacts,
} from '../../../../../src/lib/domain';

// A: 100 established customers, ¥60,000; B: 200 new customers, ¥30,000; C: a cluster (no archetype)
// of 100 customers, 40% of them new, ¥10,000. Σ net12 = 100,000; 400 customers.
const FIXTURE: BudgetSegmentFacts[] = [
  { key: 'champions', customers: 100, net12: 60_000, netTotal: 120_000, meanClv: null, newShare: 0.02, archetype: 'high_value' },
  { key: 'new_customers', customers: 200, net12: 30_000, netTotal: 30_000, meanClv: null, newShare: 0.9, archetype: 'new' },
  { key: 'cluster_1', customers: 100, net12: 10_000, netTotal: 50_000, meanClv: null, newShare: 0.4, archetype: null },
];
// lifetime 200,000, of it 100,000 in the last 12 months: pace 0.5. Lifetime per customer × 0.5:
// 600, 75, 250 — the cluster's 250 is more than its recent 100 (it has slowed down)
const MATURE = { horizonMonths: 12, upliftShare: 0.1, costPerContact: 5, stage: 'mature' as const };

describe('roundFigure', () => {
  it('keeps two significant figures', () => {
    expect(roundFigure(172_839)).toBe(170_000);
    expect(roundFigure(5_000)).toBe(5_000);
    expect(roundFigure(0.0456)).toBeCloseTo(0.046, 12);
    expect(roundFigure(-1_234)).toBe(-1_200);
    expect(roundFigure(0)).toBe(0);
    expect(roundFigure(Number.NaN)).toBe(0);
  });
});

describe('budget defaults', () => {
  it('proposes 5% of the last 12 months net revenue as the budget, rounded', () => {
    // 5% × 100,000 = 5,000
    expect(defaultBudget(FIXTURE)).toEqual({ budget: 5_000, net12: 100_000, share: 0.05 });
    // 5% × (3,456,789 + 0: a segment with more returns than sales counts 0) = 172,839.45 → 170,000
    expect(defaultBudget([{ net12: 3_456_789 }, { net12: -50_000 }]).budget).toBe(170_000);
  });

  it('prices a contact at 2% of the yearly net revenue per customer', () => {
    // 100,000 / 400 = 250 per customer; × 2% = 5
    expect(defaultCostPerContact(FIXTURE)).toEqual({ cost: 5, perCustomer: 250, share: 0.02 });
    // nothing sold: the smallest positive cost, so κ stays above 0
    expect(defaultCostPerContact([{ customers: 3, net12: 0 }]).cost).toBe(0.01);
  });

  it('plans over the fit months, else 12', () => {
    expect(defaultHorizon(null)).toBe(12);
    expect(defaultHorizon({ months: 24 })).toBe(24);
  });

  it('values a customer by mean CLV after a fit (scaled to the horizon), else by net12 per customer', () => {
    // 60,000 / 100 = 600 a year; over 6 months 300
    expect(valuePerCustomer(FIXTURE[0], 6, null)).toEqual({ value: 300, basis: 'net12' });
    // CLV 300 over the fit's 6 months; horizon 12 → 600
    expect(valuePerCustomer({ ...FIXTURE[0], meanClv: 300 }, 12, { months: 6 })).toEqual({ value: 600, basis: 'clv' });
    // a fit without a CLV for the segment (NaN): net12 instead
    expect(valuePerCustomer({ ...FIXTURE[0], meanClv: Number.NaN }, 12, { months: 6 }).basis).toBe('net12');
    // returns above sales: no value, not a negative one
    expect(valuePerCustomer({ customers: 10, net12: -100, meanClv: null }, 12, null).value).toBe(0);
    // lapsed: nothing in 12 months, ¥20,000 before over 100 customers; at a pace of 0.3 a year → 200 × 0.3 = 60
    expect(valuePerCustomer({ customers: 100, net12: 0, netTotal: 20_000, meanClv: null }, 12, null, 0.3)).toEqual({ value: 60, basis: 'history' });
    // over 6 months half of it
    expect(valuePerCustomer({ customers: 100, net12: 0, netTotal: 20_000, meanClv: null }, 6, null, 0.3).value).toBe(30);
  });

  it('finds the yearly pace of revenue', () => {
    // 100,000 of 200,000
    expect(revenuePace(FIXTURE)).toBe(0.5);
    expect(revenuePace([{ net12: 0, netTotal: 0 }])).toBe(0);
  });

  it('builds β from customers × value × uplift × stage weight and κ from customers × cost per contact', () => {
    const curves = defaultCurves(FIXTURE, MATURE, null);
    // value per customer: 600 (recent = past), 150 (recent; past 75), 250 (past; recent 100)
    expect(curves.map((c) => [c.valuePerCustomer, c.valueBasis])).toEqual([[600, 'net12'], [150, 'net12'], [250, 'history']]);
    // base β: 100 × 600 × 0.1 = 6,000; 200 × 150 × 0.1 = 3,000; 100 × 250 × 0.1 = 2,500
    expect(curves.map((c) => c.baseBeta)).toEqual([6_000, 3_000, 2_500]);
    // mature weights 1.5 − newness: high value 1.5, new 0.5, the cluster 1.5 − 0.4 = 1.1
    expect(curves.map((c) => c.stage.weight)).toEqual([1.5, 0.5, 1.1]);
    expect(curves.map((c) => c.beta)).toEqual([9_000, 1_500, expect.closeTo(2_750, 9)]);
    // κ: 100 × 5 = 500; 200 × 5 = 1,000; 100 × 5 = 500
    expect(curves.map((c) => c.kappa)).toEqual([500, 1_000, 500]);
    expect(curves.map((c) => c.stage.basis)).toEqual(['archetype', 'archetype', 'newShare']);
  });

  it('moves β toward new customers at launch and toward existing ones in a mature market', () => {
    const launch = defaultCurves(FIXTURE, { ...MATURE, stage: 'launch' }, null);
    const mature = defaultCurves(FIXTURE, MATURE, null);
    // launch weights 0.5 + newness: high value 0.5 → β 3,000; new 1.5 → 4,500; the cluster 0.9 → 2,250
    expect(launch.map((c) => c.beta)).toEqual([3_000, 4_500, expect.closeTo(2_250, 9)]);
    expect(launch[1].beta).toBeGreaterThan(mature[1].beta);
    expect(launch[0].beta).toBeLessThan(mature[0].beta);
    // κ does not depend on the stage
    expect(launch.map((c) => c.kappa)).toEqual(mature.map((c) => c.kappa));
    // the optimum follows: the new customers get more of the budget at launch
    const share = (curves: typeof launch) => allocateBudget(curves, 5_000).allocations[1].amount;
    expect(share(launch)).toBeGreaterThan(share(mature));
  });

  it('weighs the archetypes in between', () => {
    expect(stageWeight('launch', 'growing', 0).weight).toBe(1.25);
    expect(stageWeight('mature', 'at_risk', 0.9).weight).toBe(1.5);
    // no archetype: by its share of new customers, clipped to 0–1
    expect(stageWeight('launch', null, 0.25)).toEqual({ weight: 0.75, newness: 0.25, basis: 'newShare' });
    expect(stageWeight('mature', null, Number.NaN).weight).toBe(1.5);
  });
});

describe('naive splits', () => {
  it('splits equally, by customers and by revenue', () => {
    expect(naiveSplit('equal', FIXTURE, 6_000)).toEqual([2_000, 2_000, 2_000]);
    // customers 100 : 200 : 100 of 5,000
    expect(naiveSplit('customers', FIXTURE, 5_000)).toEqual([1_250, 2_500, 1_250]);
    // revenue 60 : 30 : 10 of 5,000
    expect(naiveSplit('revenue', FIXTURE, 5_000)).toEqual([3_000, 1_500, 500]);
    // no revenue anywhere: equal
    expect(naiveSplit('revenue', [{ customers: 1, net12: 0 }, { customers: 1, net12: -5 }], 10)).toEqual([5, 5]);
    expect(naiveSplit('equal', [], 10)).toEqual([]);
  });

  it('values a split by Σ R', () => {
    // Michaelis–Menten β = 100, κ = 10 at x = 10: 100 × 10 / 20 = 50; twice → 100
    expect(expectedValue('michaelis-menten', [{ beta: 100, kappa: 10 }, { beta: 100, kappa: 10 }], [10, 10])).toBe(100);
    // exponential at x = κ: 100 × (1 − e^−1) = 63.212…
    expect(expectedValue('exponential', [{ beta: 100, kappa: 10 }], [10])).toBeCloseTo(63.2121, 4);
    // the fixture's mature curves split by customers: 9,000 × 1,250/1,750 + 1,500 × 2,500/3,500 + 2,750 × 1,250/1,750
    // = 6,428.571 + 1,071.429 + 1,964.286 = 9,464.286
    const curves = defaultCurves(FIXTURE, MATURE, null);
    expect(expectedValue('michaelis-menten', curves, naiveSplit('customers', FIXTURE, 5_000))).toBeCloseTo(9_464.286, 3);
    // and the optimum beats every naive split
    const best = allocateBudget(curves, 5_000).totalResponse;
    for (const rule of ['equal', 'customers', 'revenue'] as const) expect(best).toBeGreaterThan(expectedValue('michaelis-menten', curves, naiveSplit(rule, FIXTURE, 5_000)));
  });
});
