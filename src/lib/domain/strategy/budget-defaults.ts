/**
 * The budget panel's defaults from the data (预算分配的默认值): a budget near a small share of the
 * grouped customers' net revenue in the last 12 months, a cost per contact from the revenue per
 * customer, and per segment a response curve — β (the most value it can yield) from its customers ×
 * value per customer × an uplift share × its market-stage weight, κ (the spend that yields half of
 * it) from its customers × the cost per contact. Also the naive splits the optimum is compared with.
 * Pure: the words are in the catalogs, the optimiser in allocate.ts.
 */
import type { Archetype } from './archetypes';
import { response, type ResponseCurve } from './allocate';

/** 新产品上市 launch (acquisition and trial matter) or 成熟期 mature (retention and share of wallet of existing customers). */
export type MarketStage = 'launch' | 'mature';
export const MARKET_STAGES: readonly MarketStage[] = ['launch', 'mature'];

/** The default assumptions (shares 0–1). */
export const BUDGET_DEFAULTS = Object.freeze({
  /** The budget: this share of the last 12 months' net revenue of the grouped customers. */
  budgetShare: 0.05,
  /** The most value marketing can add: this share of a segment's value over the horizon. */
  upliftShare: 0.1,
  /** A contact costs this share of the yearly net revenue per customer (all grouped customers). */
  contactShare: 0.02,
  /** The planning horizon without a value fit, in months. */
  horizonMonths: 12,
  stage: 'mature' as MarketStage,
  curve: 'michaelis-menten' as ResponseCurve,
});

/**
 * How new each archetype's customers are: 1 all new or potential customers, 0 all existing ones.
 * A group without an archetype counts by its share of new customers.
 */
export const ARCHETYPE_NEWNESS: Readonly<Record<Archetype, number>> = Object.freeze({
  new: 1,
  growing: 0.75,
  young_digital: 0.5,
  low_value: 0.5,
  older_personal: 0.25,
  high_value: 0,
  at_risk: 0,
});

/** The facts of a segment the defaults need (a StrategyFacts segment has them all). */
export interface BudgetSegmentFacts {
  key: string;
  customers: number;
  net12: number;
  /** Net revenue in total up to the grouping's day. */
  netTotal: number;
  meanClv: number | null;
  newShare: number;
  archetype: Archetype | null;
}

/** The value fit the CLV comes from (null: none). */
export interface BudgetFit {
  months: number;
}

/** The user's assumptions behind the default curves. */
export interface BudgetAssumptions {
  /** Months the value is counted over (≥ 1). */
  horizonMonths: number;
  /** Share of the value marketing can add at most (0–1). */
  upliftShare: number;
  /** The money one contact with one customer costs (> 0). */
  costPerContact: number;
  stage: MarketStage;
}

/**
 * A figure rounded to `digits` significant figures (a round budget: 172,839 → 170,000); 0 stays 0.
 * @example roundFigure(172_839) // 170000
 */
export function roundFigure(x: number, digits = 2): number {
  if (!Number.isFinite(x) || x === 0) return 0;
  const step = 10 ** (Math.floor(Math.log10(Math.abs(x))) - digits + 1);
  return Math.round(x / step) * step;
}

/** Positive net revenue only: a segment whose returns exceed its sales counts 0. */
const positive = (x: number): number => (Number.isFinite(x) && x > 0 ? x : 0);

/**
 * The default budget: `share` of the grouped customers' net revenue in the last 12 months, rounded
 * to two significant figures; with the revenue it comes from.
 * @example defaultBudget([{ net12: 600_000 }, { net12: 400_000 }]) // { budget: 50000, net12: 1000000, share: 0.05 }
 */
export function defaultBudget(segments: readonly Pick<BudgetSegmentFacts, 'net12'>[], share = BUDGET_DEFAULTS.budgetShare): { budget: number; net12: number; share: number } {
  const net12 = segments.reduce((s, g) => s + positive(g.net12), 0);
  return { budget: roundFigure(net12 * share), net12, share };
}

/**
 * The default cost of one contact: `share` of the yearly net revenue per grouped customer, rounded
 * to two significant figures (at least 0.01, so κ stays above 0); with the revenue per customer.
 * @example defaultCostPerContact([{ customers: 100, net12: 50_000 }]) // { cost: 10, perCustomer: 500, share: 0.02 }
 */
export function defaultCostPerContact(
  segments: readonly Pick<BudgetSegmentFacts, 'customers' | 'net12'>[], share = BUDGET_DEFAULTS.contactShare,
): { cost: number; perCustomer: number; share: number } {
  const customers = segments.reduce((s, g) => s + g.customers, 0);
  const perCustomer = customers > 0 ? segments.reduce((s, g) => s + positive(g.net12), 0) / customers : 0;
  return { cost: Math.max(0.01, roundFigure(perCustomer * share)), perCustomer, share };
}

/** The planning horizon by default: the value fit's months, else 12. */
export function defaultHorizon(fit: BudgetFit | null): number {
  return fit && Number.isFinite(fit.months) && fit.months > 0 ? fit.months : BUDGET_DEFAULTS.horizonMonths;
}

/** A segment's market-stage weight and why: its newness (from the archetype, else its share of new customers). */
export interface StageWeight {
  weight: number;
  newness: number;
  basis: 'archetype' | 'newShare';
}

/**
 * The weight a segment's β gets in a market stage: at launch 0.5 + newness (new customers ×1.5,
 * existing ones ×0.5), in a mature market 1.5 − newness (the other way round).
 * @example stageWeight('launch', 'new', 0).weight // 1.5
 */
export function stageWeight(stage: MarketStage, archetype: Archetype | null, newShare: number): StageWeight {
  const byArchetype = archetype !== null;
  const raw = byArchetype ? ARCHETYPE_NEWNESS[archetype] : newShare;
  const newness = Number.isFinite(raw) ? Math.min(1, Math.max(0, raw)) : 0;
  return { weight: stage === 'launch' ? 0.5 + newness : 1.5 - newness, newness, basis: byArchetype ? 'archetype' : 'newShare' };
}

/**
 * The share of the grouped customers' lifetime net revenue that fell in the last 12 months: the
 * dataset's yearly pace, which turns a segment's lifetime revenue into a yearly figure.
 * @example revenuePace([{ net12: 30, netTotal: 100 }, { net12: 0, netTotal: 50 }]) // 0.2
 */
export function revenuePace(segments: readonly Pick<BudgetSegmentFacts, 'net12' | 'netTotal'>[]): number {
  const total = segments.reduce((s, g) => s + positive(g.netTotal), 0);
  return total > 0 ? segments.reduce((s, g) => s + positive(g.net12), 0) / total : 0;
}

/**
 * The value of one customer of the segment over the horizon: the mean CLV after a fit (scaled from
 * the fit's months to the horizon); else the greater of its net revenue in the last 12 months per
 * customer and its lifetime net revenue per customer × the dataset's yearly pace (so customers who
 * lapsed are valued at what winning them back would restore), × horizon / 12; never below 0.
 * @param pace revenuePace of all the grouping's segments (0: recent revenue only)
 */
export function valuePerCustomer(
  segment: Pick<BudgetSegmentFacts, 'customers' | 'net12' | 'meanClv'> & { netTotal?: number }, horizonMonths: number, fit: BudgetFit | null, pace = 0,
): { value: number; basis: 'clv' | 'net12' | 'history' } {
  if (fit && segment.meanClv !== null && Number.isFinite(segment.meanClv) && fit.months > 0) {
    return { value: positive(segment.meanClv) * (horizonMonths / fit.months), basis: 'clv' };
  }
  const c = segment.customers;
  const recent = c > 0 ? positive(segment.net12 / c) : 0;
  const past = c > 0 && segment.netTotal !== undefined ? positive(segment.netTotal / c) * positive(pace) : 0;
  return past > recent ? { value: past * (horizonMonths / 12), basis: 'history' } : { value: recent * (horizonMonths / 12), basis: 'net12' };
}

/** A segment's default curve and the figures behind it. */
export interface DefaultCurve {
  key: string;
  beta: number;
  kappa: number;
  /** β before the stage weight: customers × value per customer × uplift share. */
  baseBeta: number;
  valuePerCustomer: number;
  valueBasis: 'clv' | 'net12' | 'history';
  stage: StageWeight;
}

/**
 * The default response curve of each segment: β = customers × value per customer × uplift share ×
 * stage weight, κ = customers × cost per contact (a segment without customers gets κ = cost per
 * contact, so the curve stays valid, and β = 0).
 */
export function defaultCurves(
  segments: readonly BudgetSegmentFacts[], assumptions: BudgetAssumptions, fit: BudgetFit | null,
): DefaultCurve[] {
  const pace = revenuePace(segments);
  return segments.map((s) => {
    const v = valuePerCustomer(s, assumptions.horizonMonths, fit, pace);
    const stage = stageWeight(assumptions.stage, s.archetype, s.newShare);
    const baseBeta = s.customers * v.value * assumptions.upliftShare;
    return {
      key: s.key,
      beta: baseBeta * stage.weight,
      kappa: Math.max(1, s.customers) * assumptions.costPerContact,
      baseBeta,
      valuePerCustomer: v.value,
      valueBasis: v.basis,
      stage,
    };
  });
}

export type NaiveSplit = 'equal' | 'customers' | 'revenue';
export const NAIVE_SPLITS: readonly NaiveSplit[] = ['equal', 'customers', 'revenue'];

/**
 * The rule-of-thumb splits of the budget: equal per segment, by customers, and by revenue (the
 * positive net12; equal when no segment has any). Bounds are not applied.
 * @example naiveSplit('customers', [{ customers: 1, net12: 0 }, { customers: 3, net12: 0 }], 100) // [25, 75]
 */
export function naiveSplit(rule: NaiveSplit, segments: readonly Pick<BudgetSegmentFacts, 'customers' | 'net12'>[], budget: number): number[] {
  const n = segments.length;
  if (n === 0) return [];
  const weights = rule === 'equal' ? segments.map(() => 1) : rule === 'customers' ? segments.map((s) => Math.max(0, s.customers)) : segments.map((s) => positive(s.net12));
  const total = weights.reduce((a, b) => a + b, 0);
  return total > 0 ? weights.map((w) => (budget * w) / total) : segments.map(() => budget / n);
}

/** Σ R_s(x_s): the expected value of spending `amounts` on the segments' curves. */
export function expectedValue(curve: ResponseCurve, curves: readonly { beta: number; kappa: number }[], amounts: readonly number[]): number {
  return curves.reduce((sum, c, i) => sum + response(curve, c.beta, c.kappa, amounts[i] ?? 0), 0);
}

/** What a typed figure must be: an amount ≥ 0, more than 0, a whole number of months 1–120, or a percentage 0–100. */
export type FigureRule = 'amount' | 'positive' | 'months' | 'percent';
/** The longest planning horizon accepted, in months. */
export const MAX_HORIZON = 120;

/**
 * A figure typed in a field (thousands separators, spaces and a leading currency sign allowed:
 * "¥5,000", "1 200"), or the notice saying why it is refused: `strategy.budget.fieldEmpty`,
 * `fieldNotNumber`, `fieldNegative`, `fieldNotPositive`, `fieldMonths` (params max), `fieldPercent`.
 * @example parseFigure('¥5,000', 'amount') // { value: 5000 }
 */
export function parseFigure(text: string, rule: FigureRule): { value: number } | { error: { code: string; params?: Record<string, string | number> } } {
  const clean = text.trim().replace(/^[¥$€£￥]/u, '').replace(/[,，\s_]/gu, '').replace(/%$/u, '');
  if (clean === '') return { error: { code: 'strategy.budget.fieldEmpty' } };
  const value = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/iu.test(clean) ? Number(clean) : Number.NaN;
  if (!Number.isFinite(value)) return { error: { code: 'strategy.budget.fieldNotNumber', params: { text: text.trim() } } };
  if (value < 0) return { error: { code: 'strategy.budget.fieldNegative' } };
  if (rule === 'positive' && value === 0) return { error: { code: 'strategy.budget.fieldNotPositive' } };
  if (rule === 'months' && !(Number.isInteger(value) && value >= 1 && value <= MAX_HORIZON)) return { error: { code: 'strategy.budget.fieldMonths', params: { max: MAX_HORIZON } } };
  if (rule === 'percent' && value > 100) return { error: { code: 'strategy.budget.fieldPercent' } };
  return { value };
}
