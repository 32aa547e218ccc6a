/**
 * The portfolio matrix's arithmetic (客户组合), shared by the group level (the page) and the
 * customer level (the engine): which values the axes are, the medians that are the default
 * thresholds, the quadrant of a point when the future axis is recency (fewer days = more
 * potential, so it is compared negated and `portfolioQuadrant` keeps "high ≥ threshold"), the
 * counts per quadrant and the percentiles a clipped money axis is drawn to.
 */
import { portfolioQuadrant, type PortfolioQuadrant } from './portfolio';

/** Current value: net revenue per customer in the last 12 months, or in total. */
export type PortfolioCurrent = 'year' | 'total';
/** Future value: mean predicted CLV or P(alive) (after a value fit), or recency (days since the last purchase). */
export type PortfolioFuture = 'clv' | 'palive' | 'recency';

export interface PortfolioThresholds {
  current: number;
  future: number;
}

/** The quadrants in the order the page lists them; their index is the customer-level quadrant code. */
export const PORTFOLIO_QUADRANTS: readonly PortfolioQuadrant[] = ['invest', 'develop', 'maintain', 'basic'];

/** The code of each quadrant in PORTFOLIO_QUADRANTS (invest 0, develop 1, maintain 2, basic 3). */
export const QUADRANT_CODE: Readonly<Record<PortfolioQuadrant, number>> = { invest: 0, develop: 1, maintain: 2, basic: 3 };

/** The future-value choices there are: CLV and P(alive) only with a value fit. */
export function futureChoices(fitted: boolean): PortfolioFuture[] {
  return fitted ? ['clv', 'palive', 'recency'] : ['recency'];
}

/** The default future value: mean CLV with a value fit, else recency. */
export function defaultFuture(fitted: boolean): PortfolioFuture {
  return fitted ? 'clv' : 'recency';
}

/** The future choice kept when the fit changes: CLV or P(alive) without a fit fall back to recency. */
export function usableFuture(choice: PortfolioFuture | null, fitted: boolean): PortfolioFuture {
  if (choice === null) return defaultFuture(fitted);
  return futureChoices(fitted).includes(choice) ? choice : defaultFuture(fitted);
}

/** Whether a higher value on the future axis means less potential (recency: more days since the last purchase). */
export const reversedFuture = (future: PortfolioFuture): boolean => future === 'recency';

/**
 * The quadrant of a point. With recency as the future axis the comparison is −recency ≥ −threshold
 * (as recent as the threshold or more recent counts as high potential).
 * @example pointQuadrant(100, 30, { current: 100, future: 30 }, 'recency') // 'invest'
 * @example pointQuadrant(100, 31, { current: 100, future: 30 }, 'recency') // 'maintain'
 */
export function pointQuadrant(current: number, future: number, thresholds: PortfolioThresholds, basis: PortfolioFuture): PortfolioQuadrant {
  return reversedFuture(basis)
    ? portfolioQuadrant(current, -future, { current: thresholds.current, future: -thresholds.future })
    : portfolioQuadrant(current, future, thresholds);
}

/**
 * The median of the finite values (the mean of the two middle ones for an even count); NaN when
 * there is none. The values are not changed.
 * @example medianOfFinite([3, 1, 2]) // 2
 * @example medianOfFinite([4, 1, 3, 2]) // 2.5
 */
export function medianOfFinite(values: ArrayLike<number>): number {
  const finite = sortedFinite(values);
  const n = finite.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
}

/**
 * The q-quantile (0–1) of the finite values, linear between the closest ranks (type 7, as R and
 * NumPy's default); NaN when there is none.
 * @example quantileOfFinite([1, 2, 3, 4, 5], 0.25) // 2
 */
export function quantileOfFinite(values: ArrayLike<number>, q: number): number {
  return quantileOfSorted(sortedFinite(values), q);
}

/** The q-quantile of values already sorted ascending (all finite). */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The finite values, sorted ascending, as a new typed array. */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) out[n++] = v;
  }
  return out.subarray(0, n).sort();
}

/** What one group of the grouping is worth on the matrix's two axes. */
export interface GroupFacts {
  key: string;
  customers: number;
  net12: number;
  netTotal: number;
  meanClv: number | null;
  meanPAlive: number | null;
  meanRecency: number;
  nps: number;
  npsAnswers: number;
}

/** One group placed on the matrix (current and future NaN when it has no such value: left off the chart). */
export interface GroupPoint {
  key: string;
  customers: number;
  current: number;
  future: number;
  /** NPS points, null without answers. */
  nps: number | null;
  npsAnswers: number;
  /** null when a value is missing. */
  quadrant: PortfolioQuadrant | null;
}

/** A group's current value per customer. */
export function groupCurrent(g: Pick<GroupFacts, 'customers' | 'net12' | 'netTotal'>, basis: PortfolioCurrent): number {
  if (g.customers <= 0) return NaN;
  return (basis === 'year' ? g.net12 : g.netTotal) / g.customers;
}

/** A group's future value: its mean CLV, mean P(alive) or mean recency in days (NaN without one). */
export function groupFuture(g: Pick<GroupFacts, 'meanClv' | 'meanPAlive' | 'meanRecency'>, basis: PortfolioFuture): number {
  const v = basis === 'clv' ? g.meanClv : basis === 'palive' ? g.meanPAlive : g.meanRecency;
  return v === null ? NaN : v;
}

/**
 * The groups on the matrix and the thresholds used: those given, else the medians of the groups'
 * values (each group counts once, whatever its size).
 */
export function groupPortfolio(
  groups: readonly GroupFacts[], current: PortfolioCurrent, future: PortfolioFuture, thresholds?: Partial<PortfolioThresholds>,
): { points: GroupPoint[]; thresholds: PortfolioThresholds; medians: PortfolioThresholds } {
  const xs = groups.map((g) => groupCurrent(g, current));
  const ys = groups.map((g) => groupFuture(g, future));
  const medians = { current: medianOfFinite(xs), future: medianOfFinite(ys) };
  const used = {
    current: thresholds?.current !== undefined && Number.isFinite(thresholds.current) ? thresholds.current : medians.current,
    future: thresholds?.future !== undefined && Number.isFinite(thresholds.future) ? thresholds.future : medians.future,
  };
  const points = groups.map((g, i): GroupPoint => {
    const ok = Number.isFinite(xs[i]) && Number.isFinite(ys[i]) && Number.isFinite(used.current) && Number.isFinite(used.future);
    return {
      key: g.key, customers: g.customers, current: xs[i], future: ys[i],
      nps: g.npsAnswers > 0 && Number.isFinite(g.nps) ? g.nps : null, npsAnswers: g.npsAnswers,
      quadrant: ok ? pointQuadrant(xs[i], ys[i], used, future) : null,
    };
  });
  return { points, thresholds: used, medians };
}

/** The keys of the groups in each quadrant, in the groups' order. */
export function groupsByQuadrant(points: readonly Pick<GroupPoint, 'key' | 'quadrant'>[]): Record<PortfolioQuadrant, string[]> {
  const out: Record<PortfolioQuadrant, string[]> = { invest: [], develop: [], maintain: [], basic: [] };
  for (const p of points) if (p.quadrant) out[p.quadrant].push(p.key);
  return out;
}

/** Customers and summed values of one quadrant at customer level. */
export interface QuadrantTotals {
  customers: number;
  /** Sum of the current values of its customers. */
  current: number;
  /** Sum of their future values (for recency: of their days). */
  future: number;
}

/** Customers and summed values per quadrant, from the quadrant codes (QUADRANT_CODE) of the points. */
export function quadrantTotals(x: ArrayLike<number>, y: ArrayLike<number>, quadrant: ArrayLike<number>): Record<PortfolioQuadrant, QuadrantTotals> {
  const n = new Float64Array(4), cx = new Float64Array(4), cy = new Float64Array(4);
  for (let i = 0; i < quadrant.length; i++) {
    const q = quadrant[i];
    n[q]++;
    cx[q] += x[i];
    cy[q] += y[i];
  }
  const out = {} as Record<PortfolioQuadrant, QuadrantTotals>;
  PORTFOLIO_QUADRANTS.forEach((key, q) => (out[key] = { customers: n[q], current: cx[q], future: cy[q] }));
  return out;
}

/** A threshold typed by the user: a finite number, or null (not one: the field says so and the last good value stays). */
export function parseThreshold(text: string): number | null {
  const cleaned = text.trim().replace(/[,，\s]/g, '');
  if (cleaned === '') return null;
  const v = Number(cleaned);
  return Number.isFinite(v) ? v : null;
}
