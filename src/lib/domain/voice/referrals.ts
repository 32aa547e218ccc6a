/**
 * Referral value: who brought whom (a customers file's `referred_by` / 推荐人 column) and what the
 * customers they brought are worth — their net revenue, and after a value fit their CLV — per
 * referrer, and summed over the referrers of each group (a segment, an NPS group: do promoters
 * really refer?). Pure: the engine passes the columns in.
 *
 * A referred customer counts when they are counted (`present`: a customer by the analysis day).
 * A referral naming the customer themself is ignored (bad data, counted apart); one naming an id
 * the dataset does not hold counts for that id, which belongs to no group.
 */
import { NO_DAY } from '../types';
import { normalQuantile } from './normal';

export interface ReferralInput {
  /** Customer ids, by index. */
  ids: readonly string[];
  /** Who referred each customer ('' nobody or unknown). */
  referredBy: readonly string[];
  /** 1 for a customer counted as of the day (null: everyone). */
  present: Uint8Array | null;
  /** Net revenue per customer as of the day. */
  net: Float64Array;
  /** CLV per customer after a value fit (NaN unknown), or null. */
  clv: Float64Array | null;
}

/** What one referrer brought. */
export interface ReferrerValue {
  /** The referrer's id, and their index (−1: an id the dataset does not hold). */
  id: string;
  customer: number;
  referred: number;
  net: number;
  /** Σ CLV of the customers they brought (null without a value fit). */
  clv: number | null;
}

export interface Referrals {
  /** Counted customers who name a referrer (not themselves). */
  referred: number;
  /** Referrals naming the customer themself (ignored). */
  selfReferrals: number;
  /** Every referrer, most valuable first (by CLV after a fit, else by net revenue; ties: more referred, then id). */
  referrers: ReferrerValue[];
  /** Per customer index: customers referred, their net revenue and CLV sums (0 for non-referrers). */
  count: Int32Array;
  net: Float64Array;
  clv: Float64Array | null;
  /** Σ over every referral. */
  totalNet: number;
  totalClv: number | null;
}

/** Referral counts and values per referrer (see the file comment). */
export function referralValues(input: ReferralInput): Referrals {
  const { ids, referredBy, present, net, clv } = input;
  const n = ids.length;
  const index = new Map<string, number>();
  ids.forEach((id, k) => index.set(id, k));
  const count = new Int32Array(n);
  const netBy = new Float64Array(n);
  const clvBy = clv ? new Float64Array(n) : null;
  const outside = new Map<string, ReferrerValue>();
  let referred = 0, selfReferrals = 0, totalNet = 0, totalClv = 0;
  for (let k = 0; k < n; k++) {
    const by = referredBy[k];
    if (!by || (present && !present[k])) continue;
    if (by === ids[k]) {
      selfReferrals++;
      continue;
    }
    referred++;
    const v = Number.isFinite(net[k]) ? net[k] : 0;
    const c = clv && Number.isFinite(clv[k]) ? clv[k] : 0;
    totalNet += v;
    totalClv += c;
    const r = index.get(by);
    if (r !== undefined) {
      count[r]++;
      netBy[r] += v;
      if (clvBy) clvBy[r] += c;
    } else {
      let o = outside.get(by);
      if (!o) outside.set(by, (o = { id: by, customer: -1, referred: 0, net: 0, clv: clv ? 0 : null }));
      o.referred++;
      o.net += v;
      if (o.clv !== null) o.clv += c;
    }
  }
  const referrers: ReferrerValue[] = [];
  for (let k = 0; k < n; k++) {
    if (count[k] > 0) referrers.push({ id: ids[k], customer: k, referred: count[k], net: netBy[k], clv: clvBy ? clvBy[k] : null });
  }
  referrers.push(...outside.values());
  const worth = (r: ReferrerValue) => (clv ? (r.clv ?? 0) : r.net);
  referrers.sort((a, b) => worth(b) - worth(a) || b.referred - a.referred || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { referred, selfReferrals, referrers, count, net: netBy, clv: clvBy, totalNet, totalClv: clv ? totalClv : null };
}

/** How often the customers of one group referred, and what their referrals are worth. */
export interface ReferralGroup {
  key: string;
  /** Counted customers in the group. */
  customers: number;
  /** Of them, those who referred at least one customer; the share, with its 95% Agresti–Coull interval. */
  referrers: number;
  share: number;
  ci: [number, number];
  /** Customers they brought, and those customers' net revenue and CLV (null without a fit). */
  referred: number;
  net: number;
  clv: number | null;
  /** Referral value per customer of the group (non-referrers count as 0): net, CLV. */
  meanNet: number;
  meanClv: number | null;
}

/**
 * The referral figures of each group: its counted customers, how many of them referred, the share
 * with a 95% Agresti–Coull interval (ñ = n + z², p̃ = (x + z²/2)/ñ, p̃ ± z·√(p̃(1 − p̃)/ñ), clipped
 * to 0–1), and what they brought. Customers labelled '' are in no group. Groups in `order`; a
 * group with no customers is left out.
 */
export function referralGroups(referrals: Pick<Referrals, 'count' | 'net' | 'clv'>, labels: readonly string[], order: readonly string[], present: Uint8Array | null = null): ReferralGroup[] {
  const z = normalQuantile(0.975);
  const by = new Map<string, { customers: number; referrers: number; referred: number; net: number; clv: number }>();
  for (let k = 0; k < labels.length; k++) {
    const label = labels[k];
    if (!label || (present && !present[k])) continue;
    let g = by.get(label);
    if (!g) by.set(label, (g = { customers: 0, referrers: 0, referred: 0, net: 0, clv: 0 }));
    g.customers++;
    const c = referrals.count[k];
    if (c > 0) {
      g.referrers++;
      g.referred += c;
      g.net += referrals.net[k];
      if (referrals.clv) g.clv += referrals.clv[k];
    }
  }
  const out: ReferralGroup[] = [];
  for (const key of order) {
    const g = by.get(key);
    if (!g) continue;
    const nt = g.customers + z * z;
    const p = (g.referrers + (z * z) / 2) / nt;
    const half = z * Math.sqrt((p * (1 - p)) / nt);
    const hasClv = referrals.clv !== null;
    out.push({
      key, customers: g.customers, referrers: g.referrers, share: g.referrers / g.customers,
      ci: [Math.max(0, p - half), Math.min(1, p + half)],
      referred: g.referred, net: g.net, clv: hasClv ? g.clv : null,
      meanNet: g.net / g.customers, meanClv: hasClv ? g.clv / g.customers : null,
    });
  }
  return out;
}

/** NPS groups of customers, in the order shown. */
export const NPS_GROUPS = ['promoter', 'passive', 'detractor', 'none'] as const;
export type NpsGroup = (typeof NPS_GROUPS)[number];

/**
 * Each customer's NPS group by their latest NPS answer (by day; an undated answer only when they
 * have no dated one; on the same day the later row): promoter 9–10, passive 7–8, detractor 0–6,
 * 'none' without an answer. `customer` gives each answer's customer index (−1 unknown); answers
 * other than integers 0–10 are not NPS answers.
 */
export function latestNpsGroups(customers: number, customer: ArrayLike<number>, day: ArrayLike<number>, nps: ArrayLike<number>): NpsGroup[] {
  const at = new Int32Array(customers).fill(-1);
  for (let r = 0; r < customer.length; r++) {
    const k = customer[r];
    const v = nps[r];
    if (k < 0 || !(Number.isInteger(v) && v >= 0 && v <= 10)) continue;
    const before = at[k];
    if (before < 0 || day[before] === NO_DAY || (day[r] !== NO_DAY && day[r] >= day[before])) at[k] = r;
  }
  return Array.from(at, (r) => (r < 0 ? 'none' : nps[r] >= 9 ? 'promoter' : nps[r] >= 7 ? 'passive' : 'detractor'));
}
