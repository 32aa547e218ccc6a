/**
 * Budget allocation across segments (预算分配): each segment's response to spend is a concave curve
 * R(x), and the split that maximises Σ R_s(x_s) under Σ x_s = budget and min_s ≤ x_s ≤ max_s gives
 * every segment strictly inside its bounds the same marginal return λ (the KKT conditions). For
 * both curve forms x(λ) has a closed form, so a bisection on λ solves the problem exactly.
 */
import type { Notice } from '../types';

export type ResponseCurve = 'michaelis-menten' | 'exponential';

/** One segment: β the most value it can yield, κ the spend that yields half of it (Michaelis–Menten) or 1 − 1/e of it (exponential). */
export interface BudgetSegment {
  key: string;
  beta: number;
  kappa: number;
  min?: number;
  max?: number;
}

export interface BudgetAllocation {
  allocations: { key: string; amount: number; response: number; marginal: number }[];
  totalResponse: number;
  /** The common marginal return of the segments strictly inside their bounds. */
  lambda: number;
}

/** R(x): β·x / (κ + x), or β·(1 − e^(−x/κ)). */
export function response(curve: ResponseCurve, beta: number, kappa: number, x: number): number {
  if (x <= 0 || beta === 0) return 0;
  return curve === 'exponential' ? beta * -Math.expm1(-x / kappa) : (beta * x) / (kappa + x);
}

/** R′(x): β·κ / (κ + x)², or (β/κ)·e^(−x/κ). */
export function marginalResponse(curve: ResponseCurve, beta: number, kappa: number, x: number): number {
  const at = Math.max(0, x);
  return curve === 'exponential' ? (beta / kappa) * Math.exp(-at / kappa) : (beta * kappa) / ((kappa + at) * (kappa + at));
}

/** The spend at which R′ equals λ (unbounded, ≥ 0): √(βκ/λ) − κ, or κ·ln(β/(κλ)). */
function spendAt(curve: ResponseCurve, beta: number, kappa: number, lambda: number): number {
  if (beta <= 0) return 0;
  const x = curve === 'exponential' ? kappa * Math.log(beta / (kappa * lambda)) : Math.sqrt((beta * kappa) / lambda) - kappa;
  return x > 0 ? x : 0;
}

const fail = (code: string, params?: Notice['params']): never => {
  throw params ? { code, params } : { code };
};

/**
 * The split of `budget` over the segments that maximises the total response, each segment within
 * its bounds (min default 0, max default unbounded); allocations in input order. Throws
 * `strategy.budgetInvalid` (budget negative or not finite), `strategy.segmentInvalid` (β < 0, κ ≤ 0,
 * a bound negative, not finite where it must be, or min > max) and `strategy.budgetInfeasible`
 * (Σ min > budget, or Σ max < budget).
 * @example
 * allocateBudget([{ key: 'a', beta: 100, kappa: 10 }, { key: 'b', beta: 100, kappa: 10 }], 20).allocations.map((a) => a.amount) // [10, 10]
 */
export function allocateBudget(
  segments: readonly BudgetSegment[], budget: number, options: { curve?: ResponseCurve } = {},
): BudgetAllocation {
  const curve = options.curve ?? 'michaelis-menten';
  if (curve !== 'michaelis-menten' && curve !== 'exponential') fail('strategy.curveInvalid', { curve: String(curve) });
  if (!(Number.isFinite(budget) && budget >= 0)) fail('strategy.budgetInvalid', { budget: String(budget) });
  const n = segments.length;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  let sumMin = 0, sumMax = 0;
  segments.forEach((s, i) => {
    const min = s.min ?? 0;
    const max = s.max ?? Infinity;
    const ok = Number.isFinite(s.beta) && s.beta >= 0 && Number.isFinite(s.kappa) && s.kappa > 0
      && Number.isFinite(min) && min >= 0 && !Number.isNaN(max) && max >= min;
    if (!ok) fail('strategy.segmentInvalid', { segment: String(s.key) });
    lo[i] = min;
    hi[i] = max;
    sumMin += min;
    sumMax += max;
  });
  if (sumMin > budget * (1 + 1e-12) || sumMax < budget * (1 - 1e-12)) {
    fail('strategy.budgetInfeasible', { budget, min: sumMin, max: sumMax });
  }
  const x = new Float64Array(n);
  const fill = (lambda: number): number => {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const v = spendAt(curve, segments[i].beta, segments[i].kappa, lambda);
      x[i] = v < lo[i] ? lo[i] : v > hi[i] ? hi[i] : v;
      total += x[i];
    }
    return total;
  };
  let lambda = NaN;
  if (n > 0 && budget > sumMin) {
    // λ high: every segment at its minimum; λ low: the budget is spent (or every segment at its maximum)
    let top = 0;
    for (let i = 0; i < n; i++) top = Math.max(top, marginalResponse(curve, segments[i].beta, segments[i].kappa, lo[i]));
    let a = Math.log(top > 0 ? top : Number.MIN_VALUE); // fill(e^a) = Σ min ≤ budget
    let b = a - 1;
    while (fill(Math.exp(b)) < budget && b > -745) b -= Math.max(1, a - b);
    // bisection on ln λ: fill is non-increasing in λ
    for (let it = 0; it < 200 && a - b > 1e-15 * Math.max(1, Math.abs(a)); it++) {
      const m = (a + b) / 2;
      if (fill(Math.exp(m)) >= budget) b = m;
      else a = m;
    }
    lambda = Math.exp((a + b) / 2);
    const total = fill(lambda);
    // the last rounding: spread what is left over the segments strictly inside their bounds
    const inside: number[] = [];
    for (let i = 0; i < n; i++) if (x[i] > lo[i] && x[i] < hi[i]) inside.push(i);
    const rest = budget - total;
    if (inside.length > 0 && rest !== 0) for (const i of inside) x[i] = Math.min(hi[i], Math.max(lo[i], x[i] + rest / inside.length));
  } else {
    for (let i = 0; i < n; i++) x[i] = lo[i];
  }
  let totalResponse = 0;
  const allocations = segments.map((s, i) => {
    const r = response(curve, s.beta, s.kappa, x[i]);
    totalResponse += r;
    return { key: s.key, amount: x[i], response: r, marginal: marginalResponse(curve, s.beta, s.kappa, x[i]) };
  });
  return { allocations, totalResponse, lambda };
}
