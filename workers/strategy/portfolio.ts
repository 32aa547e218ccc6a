/**
 * The customer-level portfolio matrix (客户组合): one point per customer of the grouping — current
 * value (net revenue in the last 12 months, or in total, as of the grouping's day) × future value
 * (CLV or P(alive) of the value fit, or recency) — with the thresholds (the medians over the
 * customers unless given), each customer's quadrant and the totals per quadrant; and the
 * customers of one quadrant, most valuable now first, paged or all (for the export). Customers in
 * no group of the grouping are left out, and so are those without a value on an axis (no CLV).
 */
import {
  PORTFOLIO_QUADRANTS, pointQuadrant, quadrantTotals, quantileOfSorted, QUADRANT_CODE, sortedFinite,
  type PortfolioCurrent, type PortfolioFuture, type PortfolioQuadrant, type PortfolioThresholds, type QuadrantTotals,
} from '../../src/lib/domain';
import type { EngineContext } from '../core/context';
import type { LoadedDataset, ValueModel } from '../core/loaded';
import { resolveGrouping } from '../segments/handles';
import { netInYear, strategyHandle, type StrategyRequest } from './facts';

export type { PortfolioCurrent, PortfolioFuture, PortfolioQuadrant, PortfolioThresholds, QuadrantTotals } from '../../src/lib/domain';

export interface PortfolioRequest extends StrategyRequest {
  /** Current value: 'year' (net revenue in the last 12 months, default) or 'total'. */
  current?: PortfolioCurrent;
  /** Future value: 'clv' or 'palive' (need a value fit) or 'recency' (default: 'clv' with a fit, else 'recency'). */
  future?: PortfolioFuture;
  /** The quadrant thresholds (default: the medians over the customers placed). */
  thresholds?: PortfolioThresholds;
}

/** An axis's values: range, and the 1st and 99th percentiles (a clipped scale is drawn to those). */
export interface PortfolioAxis {
  min: number;
  max: number;
  p01: number;
  p99: number;
}

export interface PortfolioPoints {
  /** The last day whose orders count. */
  asOfDay: number;
  current: PortfolioCurrent;
  future: PortfolioFuture;
  /** Customers placed. */
  count: number;
  /** Customers of the grouping left out for want of a value (no CLV or no purchase by then). */
  missing: number;
  /** Current value, future value and quadrant code (PORTFOLIO_QUADRANTS order) per customer placed. */
  x: Float64Array;
  y: Float64Array;
  quadrant: Uint8Array;
  /** The thresholds used, and the medians over the customers placed (the default thresholds). */
  thresholds: PortfolioThresholds;
  medians: PortfolioThresholds;
  /** Customers and summed values per quadrant. */
  quadrants: Record<PortfolioQuadrant, QuadrantTotals>;
  axes: { current: PortfolioAxis; future: PortfolioAxis };
  /** The value fit CLV and P(alive) come from (null: none in this session). */
  value: ValueModel | null;
}

export interface PortfolioCustomersRequest extends PortfolioRequest {
  quadrant: PortfolioQuadrant;
  /** First row (default 0) and rows wanted (default: all of them). */
  offset?: number;
  limit?: number;
}

export interface PortfolioCustomer {
  id: string;
  name: string;
  current: number;
  future: number;
}

export interface PortfolioCustomers {
  quadrant: PortfolioQuadrant;
  /** Customers in the quadrant. */
  total: number;
  offset: number;
  /** Sorted by current value, highest first; then by future value, most potential first; then by id. */
  customers: PortfolioCustomer[];
  thresholds: PortfolioThresholds;
}

export interface PortfolioApi {
  /** The customer-level matrix: every customer of the grouping as a point, with the quadrants. */
  portfolioPoints(jobId: string, datasetId: string, request?: PortfolioRequest): Promise<PortfolioPoints>;
  /** The customers of one quadrant (paged, or all of them for the export). */
  portfolioCustomers(jobId: string, datasetId: string, request: PortfolioCustomersRequest): Promise<PortfolioCustomers>;
}

export function portfolioApi(ctx: EngineContext): PortfolioApi {
  return {
    portfolioPoints(jobId, datasetId, request = {}) {
      return ctx.run(jobId, async (checkpoint) => runPortfolioPoints(ctx.current(datasetId), request, checkpoint));
    },
    portfolioCustomers(jobId, datasetId, request) {
      return ctx.run(jobId, async (checkpoint) => runPortfolioCustomers(ctx.current(datasetId), request, checkpoint));
    },
  };
}

/** Both values per customer placed, with their customer indices. */
interface Placed {
  asOfDay: number;
  current: PortfolioCurrent;
  future: PortfolioFuture;
  index: Int32Array;
  x: Float64Array;
  y: Float64Array;
  missing: number;
}

/** The last values computed per dataset (paging through a quadrant asks for the same again). */
const kept = new WeakMap<LoadedDataset, { key: string; fit: unknown; seg: unknown; placed: Placed }>();

const FUTURES: readonly PortfolioFuture[] = ['clv', 'palive', 'recency'];

function place(ds: LoadedDataset, request: PortfolioRequest, checkpoint: () => void): Placed {
  const current = request.current ?? 'year';
  if (current !== 'year' && current !== 'total') throw { code: 'portfolio.badRequest' };
  const value = ds.value;
  const future = request.future ?? (value ? 'clv' : 'recency');
  if (!FUTURES.includes(future)) throw { code: 'portfolio.badRequest' };
  if (future !== 'recency' && !value) throw { code: 'portfolio.noFit' };
  const handle = strategyHandle(request);
  const seg = resolveGrouping(ds, handle);
  checkpoint();
  // the same grouping, day and axes, and the same fit (a new fit replaces ds.value)
  const key = JSON.stringify([handle.id, seg.asOfDay, current, future]);
  const hit = kept.get(ds);
  if (hit && hit.key === key && hit.fit === value && hit.seg === seg) return hit.placed;
  const xs = current === 'year' ? netInYear(ds, seg.asOfDay) : seg.net;
  const ys = future === 'clv' ? value!.clv : future === 'palive' ? value!.pAlive : seg.recencyDays;
  const labels = seg.labels;
  const n = labels.length;
  const index = new Int32Array(n);
  const x = new Float64Array(n), y = new Float64Array(n);
  let m = 0, missing = 0;
  for (let k = 0; k < n; k++) {
    if (!labels[k]) continue;
    const a = xs[k], b = ys[k];
    if (!Number.isFinite(a) || !Number.isFinite(b)) {
      missing++;
      continue;
    }
    index[m] = k;
    x[m] = a;
    y[m] = b;
    m++;
  }
  const placed: Placed = { asOfDay: seg.asOfDay, current, future, index: index.slice(0, m), x: x.slice(0, m), y: y.slice(0, m), missing };
  kept.set(ds, { key, fit: value, seg, placed });
  return placed;
}

function axisOf(sorted: Float64Array): PortfolioAxis {
  const n = sorted.length;
  if (n === 0) return { min: NaN, max: NaN, p01: NaN, p99: NaN };
  return { min: sorted[0], max: sorted[n - 1], p01: quantileOfSorted(sorted, 0.01), p99: quantileOfSorted(sorted, 0.99) };
}

function medianOfSorted(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function usedThresholds(given: PortfolioThresholds | undefined, medians: PortfolioThresholds): PortfolioThresholds {
  return {
    current: given && Number.isFinite(given.current) ? given.current : medians.current,
    future: given && Number.isFinite(given.future) ? given.future : medians.future,
  };
}

/** The customer-level matrix of the grouping (see PortfolioPoints). */
export function runPortfolioPoints(ds: LoadedDataset, request: PortfolioRequest, checkpoint: () => void): PortfolioPoints {
  const p = place(ds, request, checkpoint);
  const sx = sortedFinite(p.x), sy = sortedFinite(p.y);
  const medians = { current: medianOfSorted(sx), future: medianOfSorted(sy) };
  const thresholds = usedThresholds(request.thresholds, medians);
  const n = p.x.length;
  const quadrant = new Uint8Array(n);
  for (let i = 0; i < n; i++) quadrant[i] = QUADRANT_CODE[pointQuadrant(p.x[i], p.y[i], thresholds, p.future)];
  return {
    asOfDay: p.asOfDay, current: p.current, future: p.future, count: n, missing: p.missing,
    x: p.x.slice(), y: p.y.slice(), quadrant, thresholds, medians,
    quadrants: quadrantTotals(p.x, p.y, quadrant),
    axes: { current: axisOf(sx), future: axisOf(sy) },
    value: ds.value && ds.valueModel ? ds.valueModel : null,
  };
}

/** The customers of one quadrant, most valuable now first (see PortfolioCustomers). */
export function runPortfolioCustomers(ds: LoadedDataset, request: PortfolioCustomersRequest, checkpoint: () => void): PortfolioCustomers {
  if (!PORTFOLIO_QUADRANTS.includes(request.quadrant)) throw { code: 'portfolio.badRequest' };
  const p = place(ds, request, checkpoint);
  let thresholds = request.thresholds;
  if (!thresholds || !Number.isFinite(thresholds.current) || !Number.isFinite(thresholds.future)) {
    thresholds = usedThresholds(thresholds, { current: medianOfSorted(sortedFinite(p.x)), future: medianOfSorted(sortedFinite(p.y)) });
  }
  const t = thresholds;
  const inIt: number[] = [];
  for (let i = 0; i < p.x.length; i++) if (pointQuadrant(p.x[i], p.y[i], t, p.future) === request.quadrant) inIt.push(i);
  checkpoint();
  const ids = ds.indexed.customers.id;
  const names = ds.indexed.customers.name;
  // more potential first on ties: higher CLV or P(alive), fewer days since the last purchase
  const sign = p.future === 'recency' ? 1 : -1;
  inIt.sort((a, b) => p.x[b] - p.x[a] || sign * (p.y[a] - p.y[b]) || (ids[p.index[a]] < ids[p.index[b]] ? -1 : 1));
  const offset = Math.max(0, Math.floor(request.offset ?? 0));
  const limit = request.limit === undefined ? inIt.length : Math.max(0, Math.floor(request.limit));
  const customers = inIt.slice(offset, offset + limit).map((i): PortfolioCustomer => {
    const k = p.index[i];
    return { id: ids[k], name: names?.[k] ?? '', current: p.x[i], future: p.y[i] };
  });
  return { quadrant: request.quadrant, total: inIt.length, offset, customers, thresholds: t };
}
