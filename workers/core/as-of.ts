/**
 * A loaded dataset as of an analysis day: the customer summary counting only the orders dated on
 * or before it, who was a customer by then, and the per-customer facts the groupings read
 * (net spend, recency, age, tenure, average order value). Built on use and kept for a few days.
 */
import { ageOn, defaultAnalysisDay, NO_DAY, usualGaps, type CustomerSummary } from '../../src/lib/domain';
import { summaryAsOf, type LoadedDataset } from './loaded';

export interface AsOf {
  /** The day recency and tenure are counted to. */
  analysisDay: number;
  /** The last day whose orders count (the analysis day the user chose, or the last order day by default). */
  asOfDay: number;
  summary: CustomerSummary;
  /**
   * 1 for a customer by then: one who had bought by then, or who never bought (a prospect) and
   * signed up by then or has no signup date. A customer whose first order is later is not a
   * customer yet.
   */
  present: Uint8Array;
  /** Number of customers present. */
  customers: number;
  net: Float64Array;
  recency: Float64Array;
  age: Float64Array;
  tenure: Float64Array;
  aov: Float64Array;
  /** Each customer's usual days between purchases by then (built on first use). */
  gaps?: Float64Array;
}

/** Days kept per dataset besides the default. */
const KEPT = 4;

/**
 * The dataset as of `analysisDay` (orders on or before it count); without one, as of the day
 * after the last order (every order counts, everyone is present).
 */
export function asOf(ds: LoadedDataset, analysisDay?: number): AsOf {
  const key = analysisDay ?? 'default';
  ds.asOf ??= new Map();
  const kept = ds.asOf.get(key);
  if (kept) return kept;
  const made = build(ds, analysisDay);
  ds.asOf.set(key, made);
  if (ds.asOf.size > KEPT + 1) {
    for (const k of ds.asOf.keys()) {
      if (k !== 'default') {
        ds.asOf.delete(k);
        break;
      }
    }
  }
  return made;
}

/** The usual gaps between purchases as of the analysis day. */
export function gapsAsOf(ds: LoadedDataset, a: AsOf): Float64Array {
  if (a.summary === ds.summary) return (ds.gaps ??= usualGaps(ds.indexed.orders, ds.indexed.customers.id.length));
  return (a.gaps ??= usualGaps(ds.indexed.orders, ds.indexed.customers.id.length, { asOfDay: a.asOfDay }));
}

function build(ds: LoadedDataset, chosen: number | undefined): AsOf {
  const c = ds.indexed.customers;
  const n = c.id.length;
  const all = ds.summary;
  const analysisDay = chosen ?? defaultAnalysisDay(all.lastDay);
  const asOfDay = chosen ?? analysisDay - 1;
  const s = chosen === undefined ? all : summaryAsOf(ds, chosen);
  const present = new Uint8Array(n);
  const net = new Float64Array(n);
  const recency = new Float64Array(n);
  const age = new Float64Array(n);
  const tenure = new Float64Array(n);
  const aov = new Float64Array(n);
  let customers = 0;
  for (let i = 0; i < n; i++) {
    const bought = s.firstDay[i] !== NO_DAY;
    const prospect = all.firstDay[i] === NO_DAY && (c.signupDay[i] === NO_DAY || c.signupDay[i] <= asOfDay);
    if (s === all || bought || prospect) {
      present[i] = 1;
      customers++;
    }
    net[i] = s.sales[i] - s.returns[i];
    recency[i] = s.lastDay[i] === NO_DAY ? NaN : analysisDay - s.lastDay[i];
    tenure[i] = s.firstDay[i] === NO_DAY ? NaN : analysisDay - s.firstDay[i];
    age[i] = c.birthDay[i] === NO_DAY ? NaN : ageOn(c.birthDay[i], asOfDay);
    aov[i] = s.orders[i] > 0 ? s.sales[i] / s.orders[i] : NaN;
  }
  return { analysisDay, asOfDay, summary: s, present, customers, net, recency, age, tenure, aov };
}
