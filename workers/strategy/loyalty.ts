/**
 * Loyalty tiers on the data (会员等级): the loaded dataset's customers placed in the tiers of a
 * design (loyaltyTiers on their basis as of the analysis day), per tier the members, their net
 * revenue in the basis's window, the yearly cost of the benefits and the retention gain that pays
 * for them; the customers within 10% of the next tier and those who would drop a tier if they
 * bought nothing more in the next 90 days. The customers are those present by the analysis day
 * (prospects without purchases count with a basis of 0: in the base tier when its threshold is 0).
 */
import {
  defaultLoyaltyDesign, LOYALTY_DROP_DAYS, loyaltyBasis, loyaltyCosts, loyaltyDrops, loyaltyNet12, loyaltyNudges,
  loyaltyRetentionGain, loyaltyTiersOf, loyaltyWindowStart, suggestTierThresholds,
  type LoyaltyDesign, type LoyaltyTierCost,
} from '../../src/lib/domain';
import type { EngineContext } from '../core/context';
import { asOf } from '../core/as-of';
import type { LoadedDataset, ValueModel } from '../core/loaded';

export type { LoyaltyDesign, LoyaltyTierDesign, LoyaltyBasis, LoyaltyTierCost } from '../../src/lib/domain';

export interface LoyaltyRequest {
  /** The design (default: the default design with thresholds from the data). */
  design?: LoyaltyDesign;
  /** Orders dated on or before this day count (default: every order). */
  analysisDay?: number;
}

/** One tier on the data. */
export interface LoyaltyTierFigures {
  key: string;
  members: number;
  /** Its share of the customers (0–1). */
  share: number;
  /** Members' net revenue (sales − returns) in the basis's window (all their orders on lifetime spend). */
  revenue: number;
  /** Members' net spend in the last 12 months, each at least 0 (what the benefits are paid on). */
  spend12: number;
  cost: LoyaltyTierCost;
  /** The value of a member the gain is measured against: mean CLV after a value fit, else net revenue per member in 12 months. */
  valuePerMember: number;
  valueBasis: 'clv' | 'net12';
  /** Percentage points of retention the benefits need (null: no members, or no value to pay them). */
  retentionGain: number | null;
}

/** A customer of the nudge or the drop list. */
export interface LoyaltyNudgeRow {
  id: string;
  name: string;
  tier: string;
  next: string;
  value: number;
  gap: number;
}

export interface LoyaltyDropRow {
  id: string;
  name: string;
  tier: string;
  to: string;
  day: number;
  value: number;
  after: number;
  keep: number;
}

export interface LoyaltyResult {
  /** The design the figures are for (the default one from the data when none was given). */
  design: LoyaltyDesign;
  /** Orders in the dataset; 0: nothing to place (the figures below are empty). */
  orders: number;
  /** The last day whose orders count, and the first order day that counts toward the basis (null: every order, lifetime spend). */
  asOfDay: number | null;
  windowFrom: number | null;
  /** Customers present by then; those in no tier. */
  customers: number;
  untiered: number;
  tiers: LoyaltyTierFigures[];
  /** All tiers: members, revenue, yearly cost. */
  total: { members: number; revenue: number; cost: number };
  /** Thresholds from the data for this design's basis and number of tiers (see suggestTierThresholds). */
  suggested: number[];
  /** The value fit CLV comes from (null: none; the proxy is used). */
  value: ValueModel | null;
  /** Customers within 10% of the next tier, closest first (at most LIST_MAX), and how many there are. */
  nudges: { count: number; customers: LoyaltyNudgeRow[] };
  /** Customers who would drop a tier within the horizon, earliest first (at most LIST_MAX). */
  drops: { count: number; horizonDays: number; customers: LoyaltyDropRow[] };
}

export interface LoyaltyApi {
  /** The design's tiers on the loaded dataset as of the analysis day. */
  loyaltyOnData(jobId: string, datasetId: string, request?: LoyaltyRequest): Promise<LoyaltyResult>;
}

/** Rows of a list sent to the page (and its export). */
export const LIST_MAX = 20_000;

export function loyaltyApi(ctx: EngineContext): LoyaltyApi {
  return {
    loyaltyOnData(jobId, datasetId, request = {}) {
      return ctx.run(jobId, async (checkpoint) => runLoyalty(ctx.current(datasetId), request, checkpoint));
    },
  };
}

export function runLoyalty(ds: LoadedDataset, request: LoyaltyRequest, checkpoint: () => void): LoyaltyResult {
  const o = ds.indexed.orders;
  const c = ds.indexed.customers;
  const n = c.id.length;
  if (o.length === 0) {
    const design = request.design ?? defaultLoyaltyDesign();
    return {
      design, orders: 0, asOfDay: null, windowFrom: null, customers: 0, untiered: 0, tiers: [], total: { members: 0, revenue: 0, cost: 0 },
      suggested: suggestTierThresholds([], design.tiers.length), value: null, nudges: { count: 0, customers: [] }, drops: { count: 0, horizonDays: LOYALTY_DROP_DAYS, customers: [] },
    };
  }
  const a = asOf(ds, request.analysisDay);
  const day = a.asOfDay;
  const given = request.design;
  const scale = (d: LoyaltyDesign) => (d.basis === 'points' ? d.pointsPerUnit : 1);
  // money in the basis's window, per customer; the basis is that × points per unit on points
  const moneyOf = (d: LoyaltyDesign) => loyaltyBasis(o, n, { ...d, pointsPerUnit: 1 }, day);
  const design = given ?? defaultLoyaltyDesign(suggestTierThresholds(presentOnly(moneyOf(defaultLoyaltyDesign()), a.present)));
  const money = moneyOf(design);
  const values = design.basis === 'points' ? money.map((v) => v * design.pointsPerUnit) : money;
  checkpoint();
  const present = a.present;
  const placed = loyaltyTiersOf(design, values);
  for (let k = 0; k < n; k++) if (!present[k]) placed[k] = '';
  const net12 = loyaltyNet12(o, n, day);
  const clv = ds.value?.clv;
  type Sum = { members: number; revenue: number; spend12: number; net12: number; clv: number; clvN: number };
  const sums = new Map<string, Sum>(design.tiers.map((t) => [t.key, { members: 0, revenue: 0, spend12: 0, net12: 0, clv: 0, clvN: 0 }]));
  let customers = 0, untiered = 0;
  for (let k = 0; k < n; k++) {
    if (!present[k]) continue;
    customers++;
    const s = sums.get(placed[k]);
    if (!s) {
      untiered++;
      continue;
    }
    s.members++;
    s.revenue += money[k];
    s.spend12 += Math.max(0, net12[k]);
    s.net12 += net12[k];
    if (clv && Number.isFinite(clv[k])) {
      s.clv += clv[k];
      s.clvN++;
    }
  }
  checkpoint();
  const costs = loyaltyCosts(design, design.tiers.map((t) => ({ key: t.key, ...sums.get(t.key)! })));
  const tiers = design.tiers.map((t, i): LoyaltyTierFigures => {
    const s = sums.get(t.key)!;
    const cost = costs[i];
    const byClv = s.clvN > 0;
    const valuePerMember = byClv ? s.clv / s.clvN : s.members > 0 ? s.net12 / s.members : NaN;
    return {
      key: t.key, members: s.members, share: customers > 0 ? s.members / customers : NaN, revenue: s.revenue, spend12: s.spend12, cost,
      valuePerMember, valueBasis: byClv ? 'clv' : 'net12',
      retentionGain: s.members > 0 ? loyaltyRetentionGain(cost.perMember, valuePerMember) : null,
    };
  });
  const nudgeList = loyaltyNudges(design, values, placed);
  const dropList = loyaltyDrops(o, design, day, values, placed);
  checkpoint();
  const s = scale(design);
  return {
    design,
    orders: o.length,
    asOfDay: day,
    windowFrom: loyaltyWindowStart(design, day),
    customers,
    untiered,
    tiers,
    total: {
      members: tiers.reduce((t, x) => t + x.members, 0),
      revenue: tiers.reduce((t, x) => t + x.revenue, 0),
      cost: tiers.reduce((t, x) => t + x.cost.total, 0),
    },
    suggested: suggestTierThresholds(presentOnly(values, present), design.tiers.length, s),
    value: ds.value && ds.valueModel ? ds.valueModel : null,
    nudges: {
      count: nudgeList.length,
      customers: nudgeList.slice(0, LIST_MAX).map((x) => ({ id: c.id[x.customer], name: c.name[x.customer] ?? '', tier: x.tier, next: x.next, value: x.value, gap: x.gap })),
    },
    drops: {
      count: dropList.length,
      horizonDays: LOYALTY_DROP_DAYS,
      customers: dropList.slice(0, LIST_MAX).map((x) => ({
        id: c.id[x.customer], name: c.name[x.customer] ?? '', tier: x.tier, to: x.to, day: x.day, value: x.value, after: x.after, keep: x.keep,
      })),
    },
  };
}

/** The values of the customers present by the analysis day. */
function presentOnly(values: Float64Array, present: Uint8Array): Float64Array {
  return values.filter((_, k) => present[k] === 1);
}
