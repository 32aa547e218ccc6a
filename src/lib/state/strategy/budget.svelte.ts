/**
 * The Strategy page's budget panel (预算分配): the budget, horizon, uplift share, cost per contact,
 * market stage and curve form (defaults from the groups' facts), each segment's response curve
 * (β, κ, min, max; default or typed), the optimal split (allocateBudget) beside the naive splits,
 * and each segment's amount and share of the budget for the playbook. No engine call: everything
 * comes from the shared facts. The inputs are remembered per dataset (settings table).
 */
import {
  allocateBudget, BUDGET_DEFAULTS, marginalResponse, defaultBudget, defaultCostPerContact, defaultCurves, defaultHorizon, expectedValue,
  NAIVE_SPLITS, naiveSplit, parseFigure, revenuePace, type BudgetAllocation, type DefaultCurve, type FigureRule, type MarketStage,
  type NaiveSplit, type ResponseCurve,
} from '../../domain';
import type { Notice } from '../../domain/types';
import { toCsv } from '../../domain/import';
import { getSetting, setSetting, toNotice } from '../../db';
import type { SegmentFacts, StrategyFacts } from '../../../../workers/api';
import type { StrategyState } from '../strategy.svelte';

/** A segment's own figures (absent: the default; max null: no maximum). */
export interface SegmentInputs {
  beta?: number;
  kappa?: number;
  min?: number;
  max?: number | null;
}

/** What is remembered per dataset (null: the default from the data). */
export interface BudgetInputs {
  budget: number | null;
  horizonMonths: number | null;
  /** 0–1. */
  upliftShare: number;
  costPerContact: number | null;
  stage: MarketStage;
  curve: ResponseCurve;
  /** Per grouping (kind:scheme), per segment key. */
  segments: Record<string, Record<string, SegmentInputs>>;
}

export const DEFAULT_INPUTS: BudgetInputs = Object.freeze({
  budget: null, horizonMonths: null, upliftShare: BUDGET_DEFAULTS.upliftShare, costPerContact: null,
  stage: BUDGET_DEFAULTS.stage, curve: BUDGET_DEFAULTS.curve, segments: {},
});

/** The settings key of a dataset's budget inputs. */
export const budgetSettingsKey = (datasetId: string): string => `strategy-budget:${datasetId}`;

/** The fields of the whole budget; a segment's are `segmentField(key, part)`. */
export type BudgetField = 'budget' | 'horizon' | 'uplift' | 'cost';
export type SegmentPart = 'beta' | 'kappa' | 'min' | 'max';
export const segmentField = (key: string, part: SegmentPart): string => `${key}\u0000${part}`;

/** Where a segment ends up in the optimal split. */
export type SegmentStatus = 'funded' | 'unfunded' | 'atMin' | 'atMax';

/** One segment of the panel. */
export interface BudgetRow {
  key: string;
  facts: SegmentFacts;
  /** The curve the data suggests, with its reasoning figures. */
  defaults: DefaultCurve;
  beta: number;
  kappa: number;
  min: number;
  max: number | null;
  /** Which figures the user typed. */
  own: { beta: boolean; kappa: boolean; min: boolean; max: boolean };
}

export interface BudgetSplit {
  key: string;
  amount: number;
  /** amount ÷ budget (NaN for a budget of 0). */
  share: number;
  response: number;
  marginal: number;
  /** R′ at the segment's minimum: what its first unit returns. */
  firstMarginal: number;
  status: SegmentStatus;
}

export interface NaiveResult {
  rule: NaiveSplit;
  amounts: number[];
  value: number;
  /** How much more the optimum gives (its value − this one), and relatively (NaN when this one is 0). */
  gain: number;
  gainShare: number;
}

/** Everything the panel shows, computed from the facts and the inputs. */
export interface BudgetView {
  facts: StrategyFacts;
  budget: number;
  /** The default budget and what it comes from. */
  budgetDefault: ReturnType<typeof defaultBudget>;
  horizonMonths: number;
  horizonDefault: number;
  /** The share of the grouped customers' lifetime net revenue in the last 12 months (revenuePace). */
  pace: number;
  upliftShare: number;
  costPerContact: number;
  costDefault: ReturnType<typeof defaultCostPerContact>;
  stage: MarketStage;
  curve: ResponseCurve;
  rows: BudgetRow[];
  /** null when allocateBudget refused (error says why). */
  optimum: (Omit<BudgetAllocation, 'allocations'> & { splits: BudgetSplit[] }) | null;
  error: Notice | null;
  naive: NaiveResult[];
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const tagOf = (facts: StrategyFacts): string => `${facts.grouping.kind}:${facts.grouping.scheme}`;

/** Stored inputs made safe: anything out of range falls back to its default. */
export function normaliseInputs(saved: unknown): BudgetInputs {
  const s = (saved && typeof saved === 'object' ? saved : {}) as Partial<Record<keyof BudgetInputs, unknown>>;
  const segments: BudgetInputs['segments'] = {};
  if (s.segments && typeof s.segments === 'object') {
    for (const [tag, byKey] of Object.entries(s.segments as Record<string, unknown>)) {
      if (!byKey || typeof byKey !== 'object') continue;
      const clean: Record<string, SegmentInputs> = {};
      for (const [key, v] of Object.entries(byKey as Record<string, unknown>)) {
        if (!v || typeof v !== 'object') continue;
        const o = v as Record<string, unknown>;
        const one: SegmentInputs = {};
        if (isNumber(o.beta) && o.beta >= 0) one.beta = o.beta;
        if (isNumber(o.kappa) && o.kappa > 0) one.kappa = o.kappa;
        if (isNumber(o.min) && o.min >= 0) one.min = o.min;
        if ((isNumber(o.max) && o.max >= 0) || o.max === null) one.max = o.max;
        if (Object.keys(one).length) clean[key] = one;
      }
      segments[tag] = clean;
    }
  }
  return {
    budget: isNumber(s.budget) && s.budget >= 0 ? s.budget : null,
    horizonMonths: isNumber(s.horizonMonths) && Number.isInteger(s.horizonMonths) && s.horizonMonths >= 1 && s.horizonMonths <= 120 ? s.horizonMonths : null,
    upliftShare: isNumber(s.upliftShare) && s.upliftShare >= 0 && s.upliftShare <= 1 ? s.upliftShare : DEFAULT_INPUTS.upliftShare,
    costPerContact: isNumber(s.costPerContact) && s.costPerContact > 0 ? s.costPerContact : null,
    stage: s.stage === 'launch' || s.stage === 'mature' ? s.stage : DEFAULT_INPUTS.stage,
    curve: s.curve === 'exponential' || s.curve === 'michaelis-menten' ? s.curve : DEFAULT_INPUTS.curve,
    segments,
  };
}

/** The panel's figures for these facts and inputs (pure; the state derives it). */
export function budgetView(facts: StrategyFacts, inputs: BudgetInputs): BudgetView {
  const fit = facts.value;
  const budgetDefault = defaultBudget(facts.segments);
  const costDefault = defaultCostPerContact(facts.segments);
  const horizonDefault = defaultHorizon(fit);
  const budget = inputs.budget ?? budgetDefault.budget;
  const horizonMonths = inputs.horizonMonths ?? horizonDefault;
  const costPerContact = inputs.costPerContact ?? costDefault.cost;
  const curve = inputs.curve;
  const curves = defaultCurves(facts.segments, { horizonMonths, upliftShare: inputs.upliftShare, costPerContact, stage: inputs.stage }, fit);
  const own = inputs.segments[tagOf(facts)] ?? {};
  const rows: BudgetRow[] = facts.segments.map((f, i) => {
    const o = Object.hasOwn(own, f.key) ? own[f.key] : {};
    return {
      key: f.key, facts: f, defaults: curves[i],
      beta: o.beta ?? curves[i].beta, kappa: o.kappa ?? curves[i].kappa, min: o.min ?? 0, max: o.max ?? null,
      own: { beta: o.beta !== undefined, kappa: o.kappa !== undefined, min: o.min !== undefined, max: o.max !== undefined && o.max !== null },
    };
  });
  let optimum: BudgetView['optimum'] = null;
  let error: Notice | null = null;
  try {
    const a = allocateBudget(rows.map((r) => ({ key: r.key, beta: r.beta, kappa: r.kappa, min: r.min, max: r.max ?? undefined })), budget, { curve });
    const tol = 1e-6 * Math.max(1, budget);
    const splits = a.allocations.map((x, i): BudgetSplit => {
      const r = rows[i];
      const firstMarginal = marginalResponse(curve, r.beta, r.kappa, r.min);
      const status: SegmentStatus = r.max !== null && x.amount >= r.max - tol && r.max > r.min ? 'atMax'
        : x.amount <= r.min + tol ? (r.min > 0 ? 'atMin' : 'unfunded') : 'funded';
      return { ...x, share: budget > 0 ? x.amount / budget : Number.NaN, firstMarginal, status };
    });
    optimum = { totalResponse: a.totalResponse, lambda: a.lambda, splits };
  } catch (e) {
    error = toNotice(e);
  }
  const best = optimum?.totalResponse ?? Number.NaN;
  const naive = NAIVE_SPLITS.map((rule): NaiveResult => {
    const amounts = naiveSplit(rule, facts.segments, budget);
    const value = expectedValue(curve, rows, amounts);
    return { rule, amounts, value, gain: best - value, gainShare: value > 0 ? (best - value) / value : Number.NaN };
  });
  return {
    facts, budget, budgetDefault, horizonMonths, horizonDefault, pace: revenuePace(facts.segments), upliftShare: inputs.upliftShare, costPerContact, costDefault,
    stage: inputs.stage, curve, rows, optimum, error, naive,
  };
}

const FIELD_RULES: Record<BudgetField, FigureRule> = { budget: 'amount', horizon: 'months', uplift: 'percent', cost: 'positive' };
const PART_RULES: Record<SegmentPart, FigureRule> = { beta: 'amount', kappa: 'positive', min: 'amount', max: 'amount' };

export class BudgetState {
  readonly strategy: StrategyState;
  #inputs = $state.raw<BudgetInputs>(DEFAULT_INPUTS);
  /** The dataset whose inputs are loaded. */
  #inputsFor: string | null = null;
  /** Why a typed figure was refused, by field (the previous figure stays). */
  #fieldErrors = $state.raw<Record<string, Notice>>({});
  #storeError = $state.raw<Notice | null>(null);

  readonly view = $derived.by((): BudgetView | null => {
    const facts = this.strategy.facts.value;
    return facts && facts.segments.length > 0 ? budgetView(facts, this.#inputs) : null;
  });

  constructor(strategy: StrategyState) {
    this.strategy = strategy;
  }

  get inputs(): BudgetInputs { return this.#inputs; }
  /** Why the inputs could not be loaded or stored (null when they were). */
  get storeError(): Notice | null { return this.#storeError; }

  /** Why the figure typed in a field was refused (null: accepted). */
  fieldError(field: BudgetField | string): Notice | null {
    return Object.hasOwn(this.#fieldErrors, field) ? this.#fieldErrors[field] : null;
  }

  /** The segment's share of the budget in the optimal split (null when not computed or no such segment). */
  shareOf(key: string): number | null {
    const s = this.view?.optimum?.splits.find((x) => x.key === key);
    return s && Number.isFinite(s.share) ? s.share : null;
  }

  /** The segment's amount in the optimal split (null when not computed or no such segment). */
  amountOf(key: string): number | null {
    return this.view?.optimum?.splits.find((x) => x.key === key)?.amount ?? null;
  }

  /**
   * Set the budget, horizon (months), uplift share (typed in %) or cost per contact from the text
   * typed; false (fieldError says why, the previous figure stays) when refused.
   */
  async setField(field: BudgetField, text: string): Promise<boolean> {
    const parsed = this.#parse(field, text, FIELD_RULES[field]);
    if (parsed === null) return false;
    const next = { ...this.#inputs };
    if (field === 'budget') next.budget = parsed;
    else if (field === 'horizon') next.horizonMonths = parsed;
    else if (field === 'uplift') next.upliftShare = parsed / 100;
    else next.costPerContact = parsed;
    return this.#store(next);
  }

  /** Set a segment's β, κ, min or max from the text typed (max: empty for none); false when refused. */
  async setSegment(key: string, part: SegmentPart, text: string): Promise<boolean> {
    const view = this.view;
    if (!view) return false;
    const id = segmentField(key, part);
    let value: number | null;
    if (part === 'max' && text.trim() === '') {
      value = null;
      this.#clearError(id);
    } else {
      value = this.#parse(id, text, PART_RULES[part]);
      if (value === null) return false;
    }
    const tag = tagOf(view.facts);
    const byKey = { ...(this.#inputs.segments[tag] ?? {}) };
    const one = { ...(byKey[key] ?? {}) };
    if (part === 'max') one.max = value;
    else one[part] = value!;
    byKey[key] = one;
    return this.#store({ ...this.#inputs, segments: { ...this.#inputs.segments, [tag]: byKey } });
  }

  async setStage(stage: MarketStage): Promise<boolean> {
    return this.#store({ ...this.#inputs, stage });
  }

  async setCurve(curve: ResponseCurve): Promise<boolean> {
    return this.#store({ ...this.#inputs, curve });
  }

  /** Back to the data's figures for one segment (β, κ, min, max). */
  async resetSegment(key: string): Promise<boolean> {
    const view = this.view;
    if (!view) return false;
    const tag = tagOf(view.facts);
    const byKey = { ...(this.#inputs.segments[tag] ?? {}) };
    delete byKey[key];
    this.#fieldErrors = Object.fromEntries(Object.entries(this.#fieldErrors).filter(([f]) => !f.startsWith(`${key}\u0000`)));
    return this.#store({ ...this.#inputs, segments: { ...this.#inputs.segments, [tag]: byKey } });
  }

  /** Every input back to its default. */
  async resetAll(): Promise<boolean> {
    this.#fieldErrors = {};
    return this.#store({ ...DEFAULT_INPUTS, segments: {} });
  }

  /** Load the remembered inputs when the dataset changed. */
  async sync(): Promise<void> {
    const id = this.strategy.ctx.currentDatasetId;
    if (!id || this.#inputsFor === id) return;
    this.#inputsFor = id;
    this.#fieldErrors = {};
    let loaded = DEFAULT_INPUTS;
    try {
      loaded = normaliseInputs(await getSetting<unknown>(this.strategy.ctx.db, budgetSettingsKey(id), null));
      this.#storeError = null;
    } catch (error) {
      this.#storeError = toNotice(error);
    }
    if (this.strategy.ctx.currentDatasetId === id) this.#inputs = loaded;
  }

  /**
   * The optimal split as CSV (segment, amount, share of budget, expected value, marginal return,
   * min, max, β, κ), formula-injection safe.
   * @param name a segment's name as the page shows it
   */
  splitCsv(header: string[], name: (key: string) => string): string {
    const view = this.view;
    if (!view?.optimum) return toCsv(header, []);
    const round = (x: number, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : '');
    return toCsv(header, view.optimum.splits.map((s, i) => {
      const r = view.rows[i];
      return [name(s.key), round(s.amount), round(s.share * 100, 2), round(s.response), round(s.marginal, 4), round(r.min), r.max === null ? '' : round(r.max), round(r.beta), round(r.kappa)];
    }));
  }

  #parse(field: string, text: string, rule: FigureRule): number | null {
    const parsed = parseFigure(text, rule);
    if ('error' in parsed) {
      this.#fieldErrors = { ...this.#fieldErrors, [field]: parsed.error };
      return null;
    }
    this.#clearError(field);
    return parsed.value;
  }

  #clearError(field: string): void {
    if (!Object.hasOwn(this.#fieldErrors, field)) return;
    const next = { ...this.#fieldErrors };
    delete next[field];
    this.#fieldErrors = next;
  }

  async #store(next: BudgetInputs): Promise<boolean> {
    this.#inputs = next;
    const id = this.strategy.ctx.currentDatasetId;
    if (!id) return true;
    try {
      await setSetting(this.strategy.ctx.db, budgetSettingsKey(id), $state.snapshot(next));
      this.#storeError = null;
      return true;
    } catch (error) {
      this.#storeError = toNotice(error);
      return false;
    }
  }
}
