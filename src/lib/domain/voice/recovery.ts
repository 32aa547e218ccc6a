/**
 * Complaint loss and service recovery: do customers buy again after a complaint, and does it
 * matter whether the complaint was resolved? Pure: the engine passes typed columns in.
 *
 * As of a day (`asOfDay`: the last day whose orders and complaints count; `analysisDay`: the day
 * silence is counted to), every customer who had bought by then falls in one of three groups:
 * - **resolved** — complained (a dated complaint on or before asOfDay), and every such complaint
 *   was resolved by then (a resolved day after asOfDay means it was still open then);
 * - **unresolved** — complained, with at least one complaint still open then;
 * - **never** — never complained. Their baseline is taken from the **reference day** D, the median
 *   day of the complainers' first complaints (the lower middle day of an even count): the group
 *   holds the non-complainers who bought in the `baselineDays` (default 90) days up to D — active
 *   customers then, as a complainer is when complaining — and "after" means after D, so both sides
 *   are measured from about the same time.
 *
 * Per group: customers; repurchase rate = share who bought on a later day than their reference day
 * (the first complaint; D for the never group), up to asOfDay; churn share = share silent beyond
 * `gapFactor` × their usual gap as of analysisDay (the lifecycle's "at risk" rule: own usual gap,
 * the base gap for one-time buyers); mean net revenue (purchases − returns) dated after the
 * reference day, up to asOfDay.
 *
 * **Complaint loss**: complainers who went silent beyond gapFactor × their usual gap and have not
 * bought since their latest complaint. Each is valued at their CLV after a value fit, else their
 * net revenue in the 12 months (365 days) up to their last purchase — a year of what they brought
 * (never below 0). The loss is the sum.
 */
import { NO_DAY } from '../types';

/** The three groups, in the order shown. */
export const RECOVERY_GROUPS = ['resolved', 'unresolved', 'never'] as const;
export type RecoveryGroupKey = (typeof RECOVERY_GROUPS)[number];

/** Default silence factor: the lifecycle's at-risk line (twice the usual gap). */
export const RECOVERY_GAP_FACTOR = 2;
/** The never-complained baseline: customers who bought in this many days up to the reference day. */
export const BASELINE_WINDOW_DAYS = 90;
/** Days of net revenue a lost customer is valued at without a value fit. */
export const LOSS_WINDOW_DAYS = 365;

export interface RecoveryInput {
  /** Order lines (returns carry a negative amount and isReturn 1), with customer indices. */
  orders: { length: number; customer: Int32Array; day: Int32Array; amount: Float64Array; isReturn: Uint8Array };
  /** Number of customers (indices 0 … customers − 1). */
  customers: number;
  /** Complaints: customer index (−1: unknown customer), day (NO_DAY undated), resolved 1/0, resolved day (NO_DAY unknown). */
  complaints: { customer: Int32Array; day: Int32Array; resolved: Uint8Array; resolvedDay: Int32Array };
  /** Each customer's usual days between purchases as of asOfDay (NaN: fewer than two purchase days). */
  usualGap: Float64Array;
  /** CLV per customer after a value fit (NaN unknown), or null: lost customers are valued at 12 months of net revenue. */
  clv: Float64Array | null;
}

export interface RecoveryOptions {
  /** The last day whose orders and complaints count. */
  asOfDay: number;
  /** The day silence is counted to (recency = analysisDay − last purchase day). */
  analysisDay: number;
  /** Silent beyond this many usual gaps counts as gone; default 2. */
  gapFactor?: number;
  /** Usual gap of one-time buyers; default the median of the finite usual gaps. */
  baseGap?: number;
  /** The never-complained baseline holds those who bought in this many days up to the reference day; default 90. */
  baselineDays?: number;
}

export interface RecoveryGroup {
  key: RecoveryGroupKey;
  customers: number;
  /** Bought on a later day than their reference day. */
  repurchased: number;
  repurchaseRate: number;
  /** Silent beyond gapFactor × their usual gap. */
  churned: number;
  churnShare: number;
  /** Net revenue after the reference day: total and mean per customer (NaN without customers). */
  netAfter: number;
  meanNetAfter: number;
}

export interface LostCustomer {
  /** Customer index. */
  customer: number;
  firstComplaint: number;
  latestComplaint: number;
  /** A complaint of theirs was still open as of the day. */
  open: boolean;
  lastPurchase: number;
  /** analysisDay − last purchase day. */
  silentDays: number;
  /** Their own usual gap (null for a one-time buyer: the base gap applied). */
  usualGap: number | null;
  /** CLV, or net revenue of the 12 months up to the last purchase (≥ 0). */
  value: number;
}

export interface RecoveryFigures {
  groups: RecoveryGroup[];
  /** The never group's reference day D (null without complaints). */
  referenceDay: number | null;
  /** Dated complaints on or before asOfDay of customers who had bought; undated complaints left out. */
  complaints: number;
  undated: number;
  gapFactor: number;
  baseGap: number | null;
  baselineDays: number;
  basis: 'clv' | 'net';
  /** Σ value of the lost customers, and the part of it from customers with an open complaint. */
  loss: number;
  lossOpen: number;
  /** Every lost customer, most valuable first (ties: by customer index). */
  lost: LostCustomer[];
}

/** Median of the finite values ≥ 0 (mean of the two middle ones), null when there is none — as the lifecycle stages take it. */
export function medianOfGaps(gaps: Float64Array): number | null {
  const v = Array.from(gaps).filter((g) => g >= 0 && g < Infinity).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const h = v.length >> 1;
  return v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
}

/**
 * The three groups' repurchase, churn and revenue after, and the complaint loss (see the file comment).
 * Throws `voice.recoveryFactor` for a gap factor that is not a finite number > 0.
 * @example // C0 complained on day 100 (resolved on 102) and bought on 150: resolved group, repurchased
 */
export function complaintRecovery(input: RecoveryInput, options: RecoveryOptions): RecoveryFigures {
  const factor = options.gapFactor ?? RECOVERY_GAP_FACTOR;
  if (!(Number.isFinite(factor) && factor > 0)) throw { code: 'voice.recoveryFactor', params: { factor: String(factor) } };
  const { orders, customers: n, complaints: cp, usualGap } = input;
  const { asOfDay, analysisDay } = options;
  const window = options.baselineDays ?? BASELINE_WINDOW_DAYS;

  // order lines on or before the day, by customer (CSR)
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < orders.length; i++) if (orders.day[i] <= asOfDay) offsets[orders.customer[i] + 1]++;
  for (let k = 0; k < n; k++) offsets[k + 1] += offsets[k];
  const fill = offsets.slice(0, n);
  const lines = new Int32Array(offsets[n]);
  for (let i = 0; i < orders.length; i++) if (orders.day[i] <= asOfDay) lines[fill[orders.customer[i]]++] = i;
  const lastPurchase = new Int32Array(n).fill(NO_DAY);
  for (let j = 0; j < lines.length; j++) {
    const i = lines[j];
    if (!orders.isReturn[i] && orders.day[i] > lastPurchase[orders.customer[i]]) lastPurchase[orders.customer[i]] = orders.day[i];
  }

  // complaints per customer: first and latest day, and whether one was open as of the day
  const first = new Int32Array(n).fill(NO_DAY);
  const latest = new Int32Array(n).fill(NO_DAY);
  const open = new Uint8Array(n);
  let complaints = 0, undated = 0;
  for (let r = 0; r < cp.customer.length; r++) {
    const k = cp.customer[r];
    if (k < 0 || lastPurchase[k] === NO_DAY) continue;
    const d = cp.day[r];
    if (d === NO_DAY) {
      undated++;
      continue;
    }
    if (d > asOfDay) continue;
    complaints++;
    if (first[k] === NO_DAY || d < first[k]) first[k] = d;
    if (d > latest[k]) latest[k] = d;
    const rd = cp.resolvedDay[r];
    if (!cp.resolved[r] || (rd !== NO_DAY && rd > asOfDay)) open[k] = 1;
  }
  const firsts = Array.from(first).filter((d) => d !== NO_DAY).sort((a, b) => a - b);
  const referenceDay = firsts.length ? firsts[(firsts.length - 1) >> 1] : null;

  const baseGap = options.baseGap ?? medianOfGaps(usualGap);
  const churned = (k: number): boolean => {
    const gap = usualGap[k] >= 0 ? usualGap[k] : (baseGap ?? NaN);
    return analysisDay - lastPurchase[k] > factor * gap; // NaN compares false
  };
  /** Whether k bought on a later day than `ref`, and their net revenue after it. */
  const after = (k: number, ref: number): { bought: boolean; net: number } => {
    let bought = false, net = 0;
    for (let j = offsets[k]; j < offsets[k + 1]; j++) {
      const i = lines[j];
      if (orders.day[i] <= ref) continue;
      net += orders.amount[i];
      if (!orders.isReturn[i]) bought = true;
    }
    return { bought, net };
  };

  const tally = new Map<RecoveryGroupKey, { customers: number; repurchased: number; churned: number; net: number }>(
    RECOVERY_GROUPS.map((g) => [g, { customers: 0, repurchased: 0, churned: 0, net: 0 }]),
  );
  const lost: LostCustomer[] = [];
  const clv = input.clv;
  for (let k = 0; k < n; k++) {
    if (lastPurchase[k] === NO_DAY) continue;
    const complained = first[k] !== NO_DAY;
    let key: RecoveryGroupKey;
    let ref: number;
    if (complained) {
      key = open[k] ? 'unresolved' : 'resolved';
      ref = first[k];
    } else {
      if (referenceDay === null) continue;
      // a non-complainer counts from D when they bought in the window up to it
      let boughtByD = false;
      for (let j = offsets[k]; j < offsets[k + 1] && !boughtByD; j++) {
        const i = lines[j];
        if (!orders.isReturn[i] && orders.day[i] <= referenceDay && orders.day[i] > referenceDay - window) boughtByD = true;
      }
      if (!boughtByD) continue;
      key = 'never';
      ref = referenceDay;
    }
    const t = tally.get(key)!;
    const a = after(k, ref);
    const gone = churned(k);
    t.customers++;
    if (a.bought) t.repurchased++;
    if (gone) t.churned++;
    t.net += a.net;
    if (complained && gone && lastPurchase[k] <= latest[k]) {
      let value: number;
      if (clv) value = Number.isFinite(clv[k]) ? clv[k] : 0;
      else {
        value = 0;
        for (let j = offsets[k]; j < offsets[k + 1]; j++) {
          const i = lines[j];
          if (orders.day[i] > lastPurchase[k] - LOSS_WINDOW_DAYS && orders.day[i] <= lastPurchase[k]) value += orders.amount[i];
        }
      }
      lost.push({
        customer: k, firstComplaint: first[k], latestComplaint: latest[k], open: open[k] === 1, lastPurchase: lastPurchase[k],
        silentDays: analysisDay - lastPurchase[k], usualGap: usualGap[k] >= 0 ? usualGap[k] : null, value: Math.max(0, value),
      });
    }
  }
  lost.sort((a, b) => b.value - a.value || a.customer - b.customer);
  let loss = 0, lossOpen = 0;
  for (const l of lost) {
    loss += l.value;
    if (l.open) lossOpen += l.value;
  }
  const share = (x: number, of: number) => (of > 0 ? x / of : NaN);
  return {
    groups: RECOVERY_GROUPS.map((key) => {
      const t = tally.get(key)!;
      return {
        key, customers: t.customers, repurchased: t.repurchased, repurchaseRate: share(t.repurchased, t.customers),
        churned: t.churned, churnShare: share(t.churned, t.customers), netAfter: t.net, meanNetAfter: share(t.net, t.customers),
      };
    }),
    referenceDay, complaints, undated, gapFactor: factor, baseGap, baselineDays: window, basis: clv ? 'clv' : 'net', loss, lossOpen, lost,
  };
}
