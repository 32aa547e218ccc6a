// The budget panel's state alone: defaults from the facts, the optimal split and what the playbook
// reads of it (shareOf, amountOf), typed figures refused at the field, bounds, and the inputs
// remembered per dataset.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { StrategyState } from '../../../../src/lib/state/strategy.svelte';
import { BudgetState, budgetSettingsKey, normaliseInputs } from '../../../../src/lib/state/strategy/budget.svelte';
import type { VoiceGroupingSource } from '../../../../src/lib/state/voice.svelte';
import { getSetting } from '../../../../src/lib/db';
import type { EngineApi, StrategyFacts } from '../../../../workers/api';
import { fakeContext, freshDatabase } from '../../fakes';
import { BUDGET_FACTS } from '../../views/strategy/budget-fixture';

const noSegments: VoiceGroupingSource = { analysisDay: undefined, groupingHandle: () => null };

async function budgetOn(facts: StrategyFacts = BUDGET_FACTS, db = freshDatabase()) {
  const strategyFacts = vi.fn<EngineApi['strategyFacts']>(async () => facts);
  const ctx = fakeContext({ strategyFacts }, { db });
  const strategy = new StrategyState(ctx, noSegments);
  const budget = new BudgetState(strategy);
  await strategy.sync();
  await budget.sync();
  return { strategy, budget, db };
}

describe('BudgetState', () => {
  it('says nothing before the facts are in', () => {
    const strategy = new StrategyState(fakeContext({}), noSegments);
    const budget = new BudgetState(strategy);
    expect(budget.view).toBeNull();
    expect(budget.shareOf('champions')).toBeNull();
    expect(budget.amountOf('champions')).toBeNull();
  });

  it('starts from the data: budget 5% of net12, κ from the cost per contact, β weighted for a mature market', async () => {
    const { budget } = await budgetOn();
    const v = budget.view!;
    // Σ net12 = 40,000 + 30,000 + 5,000 = 75,000; × 5% = 3,750 → two significant figures: 3,800
    expect(v.budget).toBe(3_800);
    // 75,000 / 300 customers = 250; × 2% = 5 per contact; κ = 100 × 5 = 500
    expect(v.costPerContact).toBe(5);
    expect(v.rows.map((r) => r.kappa)).toEqual([500, 500, 500]);
    // β: 100 × 400 × 10% × 1.5 = 6,000; 100 × 300 × 10% × 0.5 = 1,500; 100 × 50 × 10% × 1.0 = 500
    expect(v.rows.map((r) => r.beta)).toEqual([6_000, 1_500, 500]);
    expect(v.horizonMonths).toBe(12);
  });

  it('gives the playbook each segment’s amount and share of the optimal split', async () => {
    const { budget } = await budgetOn();
    expect(await budget.setField('budget', '1,000')).toBe(true);
    // champions and new customers funded: x + κ ∝ √β, √6000 : √1500 = 2 : 1 of 1,000 + 2 × 500 = 2,000
    // → 1,333.33 and 666.67, so x = 833.33 and 166.67; λ = 6,000 × 500 / 1,333.33² = 1.6875;
    // hibernating's first unit returns 500 / 500 = 1 < 1.6875: nothing
    expect(budget.amountOf('champions')).toBeCloseTo(833.333, 2);
    expect(budget.amountOf('new_customers')).toBeCloseTo(166.667, 2);
    expect(budget.amountOf('hibernating')).toBe(0);
    expect(budget.shareOf('champions')).toBeCloseTo(0.83333, 4);
    expect(budget.shareOf('hibernating')).toBe(0);
    expect(budget.shareOf('nobody')).toBeNull();
    expect(budget.amountOf('nobody')).toBeNull();
    const o = budget.view!.optimum!;
    expect(o.lambda).toBeCloseTo(1.6875, 6);
    expect(o.splits.map((s) => s.status)).toEqual(['funded', 'funded', 'unfunded']);
    // R: 6,000 × 833.33 / 1,333.33 = 3,750; 1,500 × 166.67 / 666.67 = 375
    expect(o.totalResponse).toBeCloseTo(4_125, 6);
    // equal (and by customers: 100 each): 333.33 each → 2,400 + 600 + 200 = 3,200
    const naive = Object.fromEntries(budget.view!.naive.map((n) => [n.rule, n]));
    expect(naive.equal.value).toBeCloseTo(3_200, 6);
    expect(naive.customers.value).toBeCloseTo(3_200, 6);
    expect(naive.equal.gain).toBeCloseTo(925, 6);
    // by revenue 40 : 30 : 5 → 533.33, 400, 66.67 → 3,096.77 + 666.67 + 58.82 = 3,822.26
    expect(naive.revenue.value).toBeCloseTo(3_822.26, 1);
  });

  it('refuses a bad figure at the field and keeps the previous one', async () => {
    const { budget } = await budgetOn();
    await budget.setField('budget', '1000');
    for (const [text, code] of [['-5', 'strategy.budget.fieldNegative'], ['abc', 'strategy.budget.fieldNotNumber'], ['  ', 'strategy.budget.fieldEmpty']]) {
      expect(await budget.setField('budget', text)).toBe(false);
      expect(budget.fieldError('budget')?.code).toBe(code);
      expect(budget.view!.budget).toBe(1_000);
    }
    expect(await budget.setField('horizon', '6.5')).toBe(false);
    expect(budget.fieldError('horizon')?.code).toBe('strategy.budget.fieldMonths');
    expect(await budget.setField('uplift', '120')).toBe(false);
    expect(budget.fieldError('uplift')?.code).toBe('strategy.budget.fieldPercent');
    expect(await budget.setSegment('champions', 'kappa', '0')).toBe(false);
    expect(budget.view!.rows[0].kappa).toBe(500);
    // a good figure clears the error
    expect(await budget.setField('budget', '¥2,000')).toBe(true);
    expect(budget.fieldError('budget')).toBeNull();
    expect(budget.view!.budget).toBe(2_000);
  });

  it('uses typed β, κ and bounds, and says when the bounds cannot be met', async () => {
    const { budget } = await budgetOn();
    await budget.setField('budget', '1000');
    // hibernating given a minimum of 100: it is held there, the other two share 900
    await budget.setSegment('hibernating', 'min', '100');
    expect(budget.amountOf('hibernating')).toBeCloseTo(100, 6);
    expect(budget.view!.optimum!.splits[2].status).toBe('atMin');
    // champions at most 500: held at its maximum, new customers take the rest (400)
    await budget.setSegment('champions', 'max', '500');
    expect(budget.amountOf('champions')).toBeCloseTo(500, 6);
    expect(budget.amountOf('new_customers')).toBeCloseTo(400, 6);
    expect(budget.view!.optimum!.splits[0].status).toBe('atMax');
    // minimums above the budget: no split, the notice says why
    await budget.setSegment('new_customers', 'min', '2000');
    expect(budget.view!.optimum).toBeNull();
    expect(budget.view!.error).toMatchObject({ code: 'strategy.budgetInfeasible', params: { budget: 1_000, min: 2_100 } });
    expect(budget.shareOf('champions')).toBeNull();
    // reset the segment: back to its defaults
    await budget.resetSegment('new_customers');
    expect(budget.view!.optimum).not.toBeNull();
    await budget.setSegment('champions', 'beta', '100');
    expect(budget.view!.rows[0].beta).toBe(100);
    expect(budget.view!.rows[0].own.beta).toBe(true);
    await budget.resetAll();
    expect(budget.view!.rows[0].beta).toBe(6_000);
    expect(budget.view!.budget).toBe(3_800);
  });

  it('plans over the fit’s months with its mean CLV after a value fit', async () => {
    const fitted: StrategyFacts = {
      ...BUDGET_FACTS, value: { model: 'bgnbd', months: 6, margin: 1 },
      segments: BUDGET_FACTS.segments.map((g, i) => ({ ...g, meanClv: [300, 80, 10][i] })),
    };
    const { budget } = await budgetOn(fitted);
    expect(budget.view!.horizonMonths).toBe(6);
    // β = 100 × CLV × 10% × stage weight: 300 → 4,500; 80 → 400; 10 → 100
    expect(budget.view!.rows.map((r) => [r.beta, r.defaults.valueBasis])).toEqual([[4_500, 'clv'], [400, 'clv'], [100, 'clv']]);
    // a 12-month horizon doubles the 6-month CLV
    await budget.setField('horizon', '12');
    expect(budget.view!.rows[0].beta).toBe(9_000);
  });

  it('switches every segment to the exponential curve', async () => {
    const { budget } = await budgetOn();
    await budget.setField('budget', '1000');
    await budget.setCurve('exponential');
    // x = κ·ln(β/(κλ)): x₁ − x₂ = 500·ln(6,000/1,500) = 693.147, x₁ + x₂ = 1,000 → 846.574 and 153.426;
    // λ = (6,000/500)·e^(−846.574/500) = 2.2073; hibernating's first unit returns 500/500 = 1 < λ: nothing
    expect(budget.amountOf('champions')).toBeCloseTo(846.574, 2);
    expect(budget.amountOf('new_customers')).toBeCloseTo(153.426, 2);
    expect(budget.amountOf('hibernating')).toBe(0);
    expect(budget.view!.optimum!.lambda).toBeCloseTo(2.2073, 3);
  });

  it('moves budget toward new customers at launch', async () => {
    const { budget } = await budgetOn();
    const mature = budget.shareOf('new_customers')!;
    await budget.setStage('launch');
    // launch: champions 4,000 × 0.5 = 2,000; new customers 3,000 × 1.5 = 4,500
    expect(budget.view!.rows.map((r) => r.beta)).toEqual([2_000, 4_500, 500]);
    expect(budget.shareOf('new_customers')!).toBeGreaterThan(mature);
  });

  it('remembers the inputs per dataset', async () => {
    const db = freshDatabase();
    const first = await budgetOn(BUDGET_FACTS, db);
    await first.budget.setField('budget', '1000');
    await first.budget.setStage('launch');
    await first.budget.setSegment('champions', 'max', '700');
    expect(await getSetting<{ budget: number } | null>(db, budgetSettingsKey('d'), null)).toMatchObject({ budget: 1_000, stage: 'launch' });
    const again = await budgetOn(BUDGET_FACTS, db);
    expect(again.budget.view!.budget).toBe(1_000);
    expect(again.budget.view!.stage).toBe('launch');
    expect(again.budget.view!.rows[0].max).toBe(700);
  });

  it('does not trust what is stored', () => {
    expect(normaliseInputs({ budget: -1, horizonMonths: 2.5, upliftShare: 3, stage: 'x', curve: 'y', segments: { a: { b: { beta: -1, kappa: 0, min: 5 } } } }))
      .toEqual({ budget: null, horizonMonths: null, upliftShare: 0.1, costPerContact: null, stage: 'mature', curve: 'michaelis-menten', segments: { a: { b: { min: 5 } } } });
    expect(normaliseInputs('junk').budget).toBeNull();
  });
});
