/**
 * The ready lists of the care section (issue 16), as pure rules over per-customer columns. Each
 * returns the customers' indices, in the order the list shows them. The list's day D is the day
 * the list is as of (by default the day after the last order); "days since" a day d is D − d.
 *
 * - win-back (挽回): valuable customers (the top 50% of buyers by net revenue, value tiers
 *   20/30/50 by customers) whose days since their last order exceed factor × their usual gap
 *   (median days between purchase days; one-time buyers: the median of all usual gaps). Longest
 *   overdue first (days since ÷ usual gap).
 * - VIP care: the top value tier (the top 20% of buyers by net revenue) or, by choice, the RFM
 *   Champions (the caller passes the labels). Highest net revenue first.
 * - second-purchase onboarding: exactly one order, placed 15–60 days before D. Most recent first.
 * - complaint follow-up: a complaint resolved before D and no purchase after the day it was
 *   resolved (the latest resolution counts). Longest waiting first.
 */
import { valueTiers } from '../segments/value-tiers';
import { NO_DAY, type Notice } from '../types';

/** The win-back factor by default and its bounds. */
export const WINBACK_FACTOR = 2;
export const WINBACK_FACTOR_RANGE = [1, 10] as const;
/** Share of buyers (by net revenue) a win-back customer is among, and a VIP. */
export const WINBACK_TOP = 0.5;
export const VIP_TOP = 0.2;
/** Days since the one order of a second-purchase customer. */
export const SECOND_PURCHASE_DAYS = [15, 60] as const;

/** Tier shares the lists use (Pareto 20/30/50 by customers): tier 0 = top 20%, tiers 0–1 = top 50%. */
const TIER_SHARES = [20, 30, 50];

/** Throws `care.factorInvalid` unless the factor is a number 1–10. */
export function checkWinbackFactor(factor: number): void {
  if (!(Number.isFinite(factor) && factor >= WINBACK_FACTOR_RANGE[0] && factor <= WINBACK_FACTOR_RANGE[1])) {
    throw { code: 'care.factorInvalid', params: { factor: String(factor), min: WINBACK_FACTOR_RANGE[0], max: WINBACK_FACTOR_RANGE[1] } } satisfies Notice;
  }
}

/**
 * Each buyer's value tier by net revenue (0: top 20%, 1: next 30%, 2: the rest); 255 for a
 * customer without purchases (not ranked).
 * @param orders purchases per customer
 * @param net net revenue (sales − returns) per customer
 */
export function buyerTiers(orders: ArrayLike<number>, net: ArrayLike<number>): Uint8Array {
  const buyers: number[] = [];
  for (let k = 0; k < orders.length; k++) if (orders[k] > 0) buyers.push(k);
  const out = new Uint8Array(orders.length).fill(255);
  if (buyers.length === 0) return out;
  const tiers = valueTiers(buyers.map((k) => net[k]), TIER_SHARES, 'customers').tier;
  buyers.forEach((k, i) => (out[k] = tiers[i]));
  return out;
}

/** The median of the finite gaps (mean of the two middle ones); NaN when there are none. */
export function medianGap(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) m++;
  const finite = new Float64Array(m);
  m = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite[m++] = values[i];
  finite.sort();
  if (finite.length === 0) return NaN;
  const h = finite.length >> 1;
  return finite.length % 2 ? finite[h] : (finite[h - 1] + finite[h]) / 2;
}

export interface WinbackInput {
  orders: ArrayLike<number>;
  net: ArrayLike<number>;
  lastDay: ArrayLike<number>;
  /** Usual gap per customer (NaN for one-time buyers). */
  gaps: ArrayLike<number>;
  /** The gap one-time buyers are held to (the median usual gap; NaN: none known, they are left out). */
  baseGap: number;
  day: number;
  factor?: number;
  /** buyerTiers(orders, net) when the caller has it already. */
  tiers?: Uint8Array;
}

/** The win-back list (see the file comment); longest overdue first, ties by index. */
export function winbackList(input: WinbackInput): number[] {
  const factor = input.factor ?? WINBACK_FACTOR;
  checkWinbackFactor(factor);
  const tiers = input.tiers ?? buyerTiers(input.orders, input.net);
  const hits: { k: number; overdue: number }[] = [];
  for (let k = 0; k < tiers.length; k++) {
    if (tiers[k] > 1) continue;
    const last = input.lastDay[k];
    if (last === NO_DAY || last >= input.day) continue;
    const gap = Number.isFinite(input.gaps[k]) ? input.gaps[k] : input.baseGap;
    if (!(gap > 0)) continue;
    const since = input.day - last;
    if (since > factor * gap) hits.push({ k, overdue: since / gap });
  }
  return hits.sort((a, b) => b.overdue - a.overdue || a.k - b.k).map((h) => h.k);
}

/**
 * The VIP list: the top 20% of buyers by net revenue, or (labels given) the customers labelled
 * `champions`. Highest net revenue first, ties by index.
 */
export function vipList(orders: ArrayLike<number>, net: ArrayLike<number>, labels?: readonly string[], champion = 'champions', tiers?: Uint8Array): number[] {
  const out: number[] = [];
  if (labels) {
    for (let k = 0; k < labels.length; k++) if (labels[k] === champion) out.push(k);
  } else {
    const t = tiers ?? buyerTiers(orders, net);
    for (let k = 0; k < t.length; k++) if (t[k] === 0) out.push(k);
  }
  return out.sort((a, b) => net[b] - net[a] || a - b);
}

/** Second-purchase onboarding: exactly one purchase, 15–60 days before `day`; most recent first. */
export function secondPurchaseList(orders: ArrayLike<number>, lastDay: ArrayLike<number>, day: number, range: readonly [number, number] = SECOND_PURCHASE_DAYS): number[] {
  const out: number[] = [];
  for (let k = 0; k < orders.length; k++) {
    if (orders[k] !== 1 || lastDay[k] === NO_DAY) continue;
    const since = day - lastDay[k];
    if (since >= range[0] && since <= range[1]) out.push(k);
  }
  return out.sort((a, b) => lastDay[b] - lastDay[a] || a - b);
}

/** Interactions as the complaint rule reads them (InteractionColumns fits). */
export interface ComplaintRows {
  customerId: readonly string[];
  kind: readonly string[];
  resolved: ArrayLike<number>;
  resolvedDay: ArrayLike<number>;
}

/**
 * Complaint follow-up: per customer the latest day a complaint of theirs was resolved (before
 * `day`); on the list when they made no purchase after that day. Longest waiting first.
 * @returns indices, and per index the resolution day it is for
 */
export function complaintFollowUpList(rows: ComplaintRows, customerIndex: ReadonlyMap<string, number>, lastDay: ArrayLike<number>, day: number): { customers: number[]; resolvedDay: Map<number, number> } {
  const latest = new Map<number, number>();
  for (let i = 0; i < rows.kind.length; i++) {
    if (rows.kind[i] !== 'complaint' || rows.resolved[i] !== 1) continue;
    const r = rows.resolvedDay[i];
    if (r === NO_DAY || !(r < day)) continue;
    const k = customerIndex.get(rows.customerId[i]);
    if (k === undefined) continue;
    if (!(latest.get(k)! >= r)) latest.set(k, r);
  }
  const customers: number[] = [];
  for (const [k, r] of latest) if (lastDay[k] === NO_DAY || lastDay[k] <= r) customers.push(k);
  customers.sort((a, b) => latest.get(a)! - latest.get(b)! || a - b);
  return { customers, resolvedDay: latest };
}

/** A rung of the purchase ladder as habitStep reads it (a LadderStep fits). */
interface Rung {
  orders: number;
  customers: number;
  rate: number;
}

/**
 * Where repeat buying becomes a habit: the rung n ≥ 2 whose rate rises most over rung n − 1
 * (both with at least `minCustomers` customers, default 20, so a handful of heavy buyers does not
 * decide it). Null when no rate rises.
 * @example habitStep([{ orders: 1, customers: 100, rate: 0.3 }, { orders: 2, customers: 30, rate: 0.6 }, { orders: 3, customers: 18, rate: 0.7 }])
 * // { n: 2, before: 0.3, after: 0.6 }
 */
export function habitStep(steps: readonly Rung[], minCustomers = 20): { n: number; before: number; after: number } | null {
  let best: { n: number; before: number; after: number } | null = null;
  for (let i = 1; i < steps.length; i++) {
    const a = steps[i - 1], b = steps[i];
    if (a.customers < minCustomers || b.customers < minCustomers || !Number.isFinite(a.rate) || !Number.isFinite(b.rate)) continue;
    const rise = b.rate - a.rate;
    if (rise > 0 && (!best || rise > best.after - best.before)) best = { n: b.orders, before: a.rate, after: b.rate };
  }
  return best;
}
