/**
 * The loyalty tier designer's design (会员等级): what a tier is earned by (the basis), the tiers
 * with their thresholds, names and benefits, and what a point costs; its defaults, its
 * validation, the basis per customer, who is close to the next tier, who would drop a tier, the
 * yearly cost of the benefits and the retention gain that pays for them. Pure: no UI, no store.
 */
import { civilFromDay, dayFromCivil } from '../days';
import { loyaltyTiers } from './loyalty';

/**
 * What a tier is earned by: net spend (purchases − returns) in the last 12 months (the 365 days
 * up to the day, as the rest of the Strategy page), net spend since the first order, or points
 * (points per unit of net spend, each purchase's points expiring after some months).
 */
export const LOYALTY_BASES = ['spend12', 'lifetime', 'points'] as const;
export type LoyaltyBasis = (typeof LOYALTY_BASES)[number];

/** The four default tiers' keys (their names are catalog words: 普通/银卡/金卡/钻石 Member/Silver/Gold/Diamond). */
export const DEFAULT_TIER_KEYS = ['member', 'silver', 'gold', 'diamond'] as const;
export type DefaultTierKey = (typeof DEFAULT_TIER_KEYS)[number];

export interface LoyaltyTierDesign {
  /** Stable key ('member', 'silver', … for the defaults; 'tier-5' … for tiers added). */
  key: string;
  /** The name the user gave; null: the default tier's catalog word (follows the language). */
  name: string | null;
  /** The basis a customer needs to reach it (money, or points on the points basis). */
  minSpend: number;
  /** Discount on every purchase, in percent (0–100). */
  discount: number;
  /** Points per unit of spend are multiplied by this (1 = the base rate). */
  multiplier: number;
  /** Fixed yearly cost per member (a birthday gift, a lounge…), in money. */
  fixedCost: number;
}

export interface LoyaltyDesign {
  basis: LoyaltyBasis;
  /** Points earned per unit of net spend (before the tier's multiplier). */
  pointsPerUnit: number;
  /** On the points basis, a purchase's points count for this many calendar months. */
  expiryMonths: number;
  /** What one point costs the company when redeemed, in money. */
  pointCost: number;
  /** Lowest first; thresholds increasing. */
  tiers: LoyaltyTierDesign[];
}

/** Tiers a design may have. */
export const MIN_LOYALTY_TIERS = 2;
export const MAX_LOYALTY_TIERS = 8;
/** The upgrade-nudge list: customers whose basis is at least 90% of the next tier's threshold. */
export const LOYALTY_NUDGE_SHARE = 0.1;
/** The would-drop list looks this many days ahead (about 3 months). */
export const LOYALTY_DROP_DAYS = 90;
/** Days of the 12-month window (as workers/strategy/facts.ts YEAR_DAYS). */
export const LOYALTY_YEAR_DAYS = 365;
/** The upper tiers of the default design start at these percentiles of the basis of customers who spent. */
export const LOYALTY_PERCENTILES = [50, 80, 95] as const;
/** Thresholds used when there is no spend to take percentiles of. */
export const LOYALTY_FALLBACK_THRESHOLDS = [0, 1000, 5000, 20000] as const;

const DEFAULT_BENEFITS: Record<DefaultTierKey, Pick<LoyaltyTierDesign, 'discount' | 'multiplier' | 'fixedCost'>> = {
  member: { discount: 0, multiplier: 1, fixedCost: 0 },
  silver: { discount: 2, multiplier: 1.2, fixedCost: 20 },
  gold: { discount: 5, multiplier: 1.5, fixedCost: 50 },
  diamond: { discount: 8, multiplier: 2, fixedCost: 150 },
};

/**
 * The default design: spend in the last 12 months, the four default tiers with the thresholds
 * given (default: the fallback figures), 1 point per unit of spend worth 0.01, points expiring
 * after 12 months.
 * @param thresholds four increasing thresholds, the first usually 0 (see suggestTierThresholds)
 */
export function defaultLoyaltyDesign(thresholds: readonly number[] = LOYALTY_FALLBACK_THRESHOLDS): LoyaltyDesign {
  return {
    basis: 'spend12',
    pointsPerUnit: 1,
    expiryMonths: 12,
    pointCost: 0.01,
    tiers: DEFAULT_TIER_KEYS.map((key, i) => ({ key, name: null, minSpend: thresholds[i] ?? LOYALTY_FALLBACK_THRESHOLDS[i], ...DEFAULT_BENEFITS[key] })),
  };
}

/** Whether a key is one of the four default tiers (its name can then be the catalog word). */
export function isDefaultTierKey(key: string): key is DefaultTierKey {
  return (DEFAULT_TIER_KEYS as readonly string[]).includes(key);
}

/**
 * A figure rounded to two significant digits (1,234 → 1,200; 567 → 570; 0 and below → 0).
 * @example roundTierFigure(1234) // 1200
 */
export function roundTierFigure(v: number): number {
  if (!(v > 0)) return 0;
  const step = 10 ** (Math.floor(Math.log10(v)) - 1);
  return Math.round(v / step) * step;
}

/** The p-th percentile (0–100) of sorted values, interpolated linearly between ranks (as Excel's PERCENTILE.INC). */
export function tierPercentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The percentiles the upper tiers of a design with `count` tiers start at: 50/80/95 for four tiers, else evenly from the 50th to the 95th. */
export function suggestedTierPercentiles(count: number): number[] {
  const upper = Math.max(1, count - 1);
  if (upper === LOYALTY_PERCENTILES.length) return [...LOYALTY_PERCENTILES];
  if (upper === 1) return [50];
  return Array.from({ length: upper }, (_, i) => 50 + (45 * i) / (upper - 1));
}

/**
 * Thresholds from the data: 0 for the base tier, then the upper tiers at the suggested
 * percentiles of the basis of the customers whose basis is above 0, each rounded to two
 * significant digits (raised to the next round figure when it would not be above the one
 * below). Without any such customer, the fallback figures (scaled by `scale`).
 * @param values each customer's basis
 * @param count tiers (default 4)
 * @param scale multiplies the fallback figures (points per unit on the points basis)
 */
export function suggestTierThresholds(values: ArrayLike<number>, count: number = DEFAULT_TIER_KEYS.length, scale = 1): number[] {
  const positive: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] > 0) positive.push(values[i]);
  if (positive.length === 0) {
    return Array.from({ length: count }, (_, i) => (i < LOYALTY_FALLBACK_THRESHOLDS.length ? LOYALTY_FALLBACK_THRESHOLDS[i] : LOYALTY_FALLBACK_THRESHOLDS[3] * 2 ** (i - 3)) * scale);
  }
  positive.sort((a, b) => a - b);
  const out = [0];
  for (const p of suggestedTierPercentiles(count)) {
    const prev = out[out.length - 1];
    let t = roundTierFigure(tierPercentile(positive, p));
    if (!(t > prev)) {
      const step = prev > 0 ? 10 ** (Math.floor(Math.log10(prev)) - 1) : 1;
      t = roundTierFigure(prev + step);
    }
    out.push(t);
  }
  return out;
}

/** A validation issue: its notice code and params, and which field it is about. */
export interface LoyaltyIssue {
  code: string;
  params?: Record<string, string | number>;
  /** The tier's index (undefined: a programme-wide setting). */
  tier?: number;
  field: 'tiers' | 'minSpend' | 'name' | 'discount' | 'multiplier' | 'fixedCost' | 'pointsPerUnit' | 'expiryMonths' | 'pointCost';
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * What is wrong with a design (empty: nothing): at least 2 and at most 8 tiers; thresholds 0 or
 * more and increasing from tier to tier; names not empty and distinct (compared trimmed and
 * ignoring case); discounts 0–100%; multipliers 0–100; fixed costs and the cost of a point 0 or
 * more; points per unit above 0; expiry a whole number of months from 1 to 120.
 * @param label the tier's name as shown (default: its own name, else its key)
 */
export function validateLoyaltyDesign(design: LoyaltyDesign, label: (t: LoyaltyTierDesign) => string = (t) => t.name ?? t.key): LoyaltyIssue[] {
  const issues: LoyaltyIssue[] = [];
  const tiers = design.tiers;
  if (tiers.length < MIN_LOYALTY_TIERS) issues.push({ code: 'loyalty.error.fewTiers', params: { min: MIN_LOYALTY_TIERS }, field: 'tiers' });
  if (tiers.length > MAX_LOYALTY_TIERS) issues.push({ code: 'loyalty.error.manyTiers', params: { max: MAX_LOYALTY_TIERS }, field: 'tiers' });
  const seen = new Map<string, number>();
  tiers.forEach((t, i) => {
    const n = i + 1;
    const name = label(t).trim();
    if (name === '') issues.push({ code: 'loyalty.error.nameEmpty', params: { n }, tier: i, field: 'name' });
    else if (seen.has(name.toLowerCase())) issues.push({ code: 'loyalty.error.nameDuplicate', params: { name }, tier: i, field: 'name' });
    else seen.set(name.toLowerCase(), i);
    if (!finite(t.minSpend) || t.minSpend < 0) issues.push({ code: 'loyalty.error.threshold', params: { name: name || String(n) }, tier: i, field: 'minSpend' });
    else if (i > 0 && finite(tiers[i - 1].minSpend) && t.minSpend <= tiers[i - 1].minSpend) {
      issues.push({ code: 'loyalty.error.thresholdOrder', params: { name: name || String(n), previous: label(tiers[i - 1]).trim() || String(i) }, tier: i, field: 'minSpend' });
    }
    if (!finite(t.discount) || t.discount < 0 || t.discount > 100) issues.push({ code: 'loyalty.error.discount', params: { name: name || String(n) }, tier: i, field: 'discount' });
    if (!finite(t.multiplier) || t.multiplier < 0 || t.multiplier > 100) issues.push({ code: 'loyalty.error.multiplier', params: { name: name || String(n) }, tier: i, field: 'multiplier' });
    if (!finite(t.fixedCost) || t.fixedCost < 0) issues.push({ code: 'loyalty.error.fixedCost', params: { name: name || String(n) }, tier: i, field: 'fixedCost' });
  });
  if (!finite(design.pointsPerUnit) || design.pointsPerUnit <= 0) issues.push({ code: 'loyalty.error.pointsPerUnit', field: 'pointsPerUnit' });
  if (!finite(design.expiryMonths) || !Number.isInteger(design.expiryMonths) || design.expiryMonths < 1 || design.expiryMonths > 120) {
    issues.push({ code: 'loyalty.error.expiry', field: 'expiryMonths' });
  }
  if (!finite(design.pointCost) || design.pointCost < 0) issues.push({ code: 'loyalty.error.pointCost', field: 'pointCost' });
  return issues;
}

/**
 * A design read back from storage, normalised: unknown or missing settings take the defaults'
 * values, tiers without a key or with a broken shape are dropped, numbers stay as stored (the
 * validation says what is wrong). null when nothing usable is left (fewer than 2 tiers).
 */
export function restoreLoyaltyDesign(raw: unknown): LoyaltyDesign | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const base = defaultLoyaltyDesign();
  const num = (v: unknown, fallback: number) => (finite(v) ? v : fallback);
  const tiers: LoyaltyTierDesign[] = [];
  const keys = new Set<string>();
  for (const t of Array.isArray(r.tiers) ? r.tiers : []) {
    if (!t || typeof t !== 'object') continue;
    const x = t as Record<string, unknown>;
    if (typeof x.key !== 'string' || x.key === '' || keys.has(x.key) || !finite(x.minSpend)) continue;
    keys.add(x.key);
    tiers.push({
      key: x.key,
      name: typeof x.name === 'string' ? x.name : isDefaultTierKey(x.key) ? null : x.key,
      minSpend: x.minSpend,
      discount: num(x.discount, 0),
      multiplier: num(x.multiplier, 1),
      fixedCost: num(x.fixedCost, 0),
    });
  }
  if (tiers.length < MIN_LOYALTY_TIERS) return null;
  return {
    basis: (LOYALTY_BASES as readonly unknown[]).includes(r.basis) ? (r.basis as LoyaltyBasis) : base.basis,
    pointsPerUnit: num(r.pointsPerUnit, base.pointsPerUnit),
    expiryMonths: num(r.expiryMonths, base.expiryMonths),
    pointCost: num(r.pointCost, base.pointCost),
    tiers,
  };
}

/**
 * The same date `months` calendar months later (earlier when negative), at the month's last day
 * when the month is shorter (31 Jan + 1 month → 28 or 29 Feb).
 * @example addTierMonths(parseIsoDay('2025-12-01'), 12) // 2026-12-01
 */
export function addTierMonths(day: number, months: number): number {
  const [y, m, d] = civilFromDay(day);
  const index = y * 12 + (m - 1) + months;
  const y2 = Math.floor(index / 12);
  const m2 = index - y2 * 12 + 1;
  const last = civilFromDay(dayFromCivil(m2 === 12 ? y2 + 1 : y2, m2 === 12 ? 1 : m2 + 1, 1) - 1)[2];
  return dayFromCivil(y2, m2, Math.min(d, last));
}

/** Orders as the engine indexes them (signed by isReturn: a return takes its amount off). */
export interface LoyaltyOrders {
  length: number;
  customer: ArrayLike<number>;
  day: ArrayLike<number>;
  amount: ArrayLike<number>;
  isReturn: ArrayLike<number>;
}

const signed = (o: LoyaltyOrders, i: number) => (o.isReturn[i] ? -Math.abs(o.amount[i]) : o.amount[i]);

/**
 * The day an order stops counting toward the basis (null: never, lifetime spend): 365 days after
 * it on spend in the last 12 months; on points, the same date `expiryMonths` later (points of an
 * order on 1 Dec 2025 with 12 months count up to 30 Nov 2026 and are gone on 1 Dec 2026).
 */
export function loyaltyCountsUntil(design: Pick<LoyaltyDesign, 'basis' | 'expiryMonths'>, orderDay: number): number | null {
  if (design.basis === 'lifetime') return null;
  if (design.basis === 'spend12') return orderDay + LOYALTY_YEAR_DAYS;
  return addTierMonths(orderDay, design.expiryMonths);
}

/**
 * The first order day that still counts on `day` (null: every earlier order counts): day − 364
 * on spend in the last 12 months; on points, the first day whose points have not expired by then.
 */
export function loyaltyWindowStart(design: Pick<LoyaltyDesign, 'basis' | 'expiryMonths'>, day: number): number | null {
  if (design.basis === 'lifetime') return null;
  if (design.basis === 'spend12') return day - LOYALTY_YEAR_DAYS + 1;
  let from = addTierMonths(day, -design.expiryMonths) - 4;
  while (loyaltyCountsUntil(design, from)! <= day) from++;
  return from;
}

/**
 * Each customer's basis on `day` (orders dated after it do not count): net spend in the window
 * of the basis, in points (× points per unit) on the points basis. Returns net of returns can
 * make it negative (a tier treats it as 0).
 * @param customers the number of customers (the result's length)
 */
export function loyaltyBasis(orders: LoyaltyOrders, customers: number, design: LoyaltyDesign, day: number): Float64Array {
  const out = new Float64Array(customers);
  for (let i = 0; i < orders.length; i++) {
    const d = orders.day[i];
    if (d > day) continue;
    const until = loyaltyCountsUntil(design, d);
    if (until !== null && until <= day) continue;
    out[orders.customer[i]] += signed(orders, i);
  }
  if (design.basis === 'points') for (let c = 0; c < customers; c++) out[c] *= design.pointsPerUnit;
  return out;
}

/** Net spend per customer in the 365 days up to and including `day` (the benefits' yearly spend). */
export function loyaltyNet12(orders: LoyaltyOrders, customers: number, day: number): Float64Array {
  return loyaltyBasis(orders, customers, { ...defaultLoyaltyDesign(), basis: 'spend12' }, day);
}

/** Each customer's tier key by their basis ('' in none), via loyaltyTiers. */
export function loyaltyTiersOf(design: LoyaltyDesign, values: ArrayLike<number>): string[] {
  return loyaltyTiers(values, design.tiers.map((t) => ({ key: t.key, minSpend: t.minSpend })));
}

/** A customer close to the next tier. */
export interface LoyaltyNudge {
  /** Index of the customer. */
  customer: number;
  /** Their tier ('' in none) and the next one. */
  tier: string;
  next: string;
  /** Their basis and what they lack to reach the next tier. */
  value: number;
  gap: number;
}

/**
 * The upgrade-nudge list: customers whose basis is at least 90% of the next tier's threshold but
 * below it (900 of a 1,000 threshold is in, 899 is out), closest first.
 * @param tiers each customer's tier key (from loyaltyTiersOf)
 */
export function loyaltyNudges(design: LoyaltyDesign, values: ArrayLike<number>, tiers: readonly string[]): LoyaltyNudge[] {
  const sorted = [...design.tiers].sort((a, b) => a.minSpend - b.minSpend);
  const rank = new Map(sorted.map((t, i) => [t.key, i]));
  const out: LoyaltyNudge[] = [];
  for (let c = 0; c < values.length; c++) {
    const v = Math.max(0, values[c]);
    if (!Number.isFinite(v)) continue;
    const r = tiers[c] === '' ? -1 : rank.get(tiers[c]) ?? -1;
    const next = sorted[r + 1];
    if (!next || !(next.minSpend > 0)) continue;
    const gap = next.minSpend - v;
    // at 90% in: gap ≤ 10% of the threshold (a hair of tolerance for binary fractions)
    if (gap > 0 && gap <= next.minSpend * LOYALTY_NUDGE_SHARE * (1 + 1e-12)) out.push({ customer: c, tier: tiers[c], next: next.key, value: v, gap });
  }
  return out.sort((a, b) => a.gap / (a.gap + a.value) - b.gap / (b.gap + b.value) || a.customer - b.customer);
}

/** A difference that is rounding noise (below a billionth of the figure it came from) as 0. */
const snap = (v: number, of: number) => (Math.abs(v) <= 1e-9 * Math.max(1, Math.abs(of)) ? 0 : v);

/** A customer who would drop a tier if they bought nothing more. */
export interface LoyaltyDrop {
  customer: number;
  /** Their tier now and on the horizon's last day. */
  tier: string;
  to: string;
  /** The first day they are below their tier now. */
  day: number;
  /** Their basis now and on the horizon's last day. */
  value: number;
  after: number;
  /** What they would have to add by that day to keep their tier (threshold − basis on that day). */
  keep: number;
}

/**
 * The would-drop list on a rolling window: customers who, if they buy nothing more, are in a
 * lower tier `horizon` days after `day` than on `day`, because purchases fall out of the window
 * (older than 12 months on spend in the last 12 months; expired on points). The day they drop is
 * the first day on which they are below their current tier. Lifetime spend never falls: nobody.
 * Earliest drop first.
 * @param values each customer's basis on `day`; @param tiers their tier keys then
 */
export function loyaltyDrops(
  orders: LoyaltyOrders, design: LoyaltyDesign, day: number, values: ArrayLike<number>, tiers: readonly string[], horizon = LOYALTY_DROP_DAYS,
): LoyaltyDrop[] {
  if (design.basis === 'lifetime') return [];
  const scale = design.basis === 'points' ? design.pointsPerUnit : 1;
  const threshold = new Map(design.tiers.map((t) => [t.key, t.minSpend]));
  // orders that still count on `day` and stop counting within the horizon, per customer
  const leaving = new Map<number, [number, number][]>();
  for (let i = 0; i < orders.length; i++) {
    const d = orders.day[i];
    if (d > day) continue;
    const until = loyaltyCountsUntil(design, d)!;
    if (until <= day || until > day + horizon) continue;
    const c = orders.customer[i];
    if (tiers[c] === '' || !(threshold.get(tiers[c])! > 0)) continue;
    let list = leaving.get(c);
    if (!list) leaving.set(c, (list = []));
    list.push([until, signed(orders, i) * scale]);
  }
  const out: LoyaltyDrop[] = [];
  for (const [c, list] of leaving) {
    list.sort((a, b) => a[0] - b[0]);
    const need = threshold.get(tiers[c])!;
    let v = values[c];
    let dropDay: number | null = null;
    let keepAt = 0;
    for (let k = 0; k < list.length; k++) {
      v -= list[k][1];
      // orders leaving on the same day leave together
      if (k + 1 < list.length && list[k + 1][0] === list[k][0]) continue;
      if (dropDay === null && v < need) {
        dropDay = list[k][0];
        keepAt = need - v;
      }
    }
    if (dropDay === null) continue;
    // sums of binary fractions: what is left of a customer's basis is 0 when nothing is
    v = snap(v, values[c]);
    keepAt = snap(keepAt, need);
    const to = loyaltyTiersOf(design, [v])[0];
    if (to === tiers[c]) continue; // back in it by the horizon (a return fell out too)
    out.push({ customer: c, tier: tiers[c], to, day: dropDay, value: values[c], after: v, keep: keepAt });
  }
  return out.sort((a, b) => a.day - b.day || a.customer - b.customer);
}

/** A tier's members and their spend, as the cost needs them. */
export interface LoyaltyTierSpend {
  key: string;
  members: number;
  /** Their net spend in the last 12 months (each customer's at least 0). */
  spend12: number;
}

export interface LoyaltyTierCost {
  key: string;
  /** discount % × spend12; points given (spend12 × points per unit × multiplier) × cost per point; fixed cost × members. */
  discount: number;
  points: number;
  pointsCost: number;
  fixed: number;
  total: number;
  /** total ÷ members (NaN without members). */
  perMember: number;
}

/**
 * The yearly cost of each tier's benefits: the discount on its members' spend of the last 12
 * months, the points they earn on it (× the tier's multiplier) at the cost of a point, and the
 * fixed cost per member.
 * @example discount 5%, 2 members spending 10,000, 1 point per unit × 1.5, 0.01 a point, 50 fixed: 500 + 150 + 100 = 750
 */
export function loyaltyCosts(design: LoyaltyDesign, spend: readonly LoyaltyTierSpend[]): LoyaltyTierCost[] {
  const byKey = new Map(spend.map((s) => [s.key, s]));
  return design.tiers.map((t) => {
    const s = byKey.get(t.key) ?? { key: t.key, members: 0, spend12: 0 };
    const discount = (t.discount / 100) * s.spend12;
    const points = s.spend12 * design.pointsPerUnit * t.multiplier;
    const pointsCost = points * design.pointCost;
    const fixed = t.fixedCost * s.members;
    const total = discount + pointsCost + fixed;
    return { key: t.key, discount, points, pointsCost, fixed, total, perMember: s.members > 0 ? total / s.members : NaN };
  });
}

/**
 * The retention gain that pays for a tier's benefits, in percentage points: the yearly cost per
 * member ÷ the value of a customer (CLV per customer), × 100. null when there is nobody or the
 * value is not above 0 (no gain could pay for it).
 * @example loyaltyRetentionGain(31, 1000) // 3.1: members must stay 3.1 points more often
 */
export function loyaltyRetentionGain(costPerMember: number, valuePerMember: number): number | null {
  if (!Number.isFinite(costPerMember) || !(valuePerMember > 0) || !Number.isFinite(valuePerMember)) return null;
  return (100 * costPerMember) / valuePerMember;
}
