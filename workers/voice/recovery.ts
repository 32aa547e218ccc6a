/**
 * Voice of the customer: complaint loss and service recovery (repurchase and churn after a
 * complaint, resolved vs unresolved vs never complained), and referral value (what the customers
 * each referrer brought are worth, by segment and by NPS group of the referrer). As of the
 * analysis day; the rules are the domain's (src/lib/domain/voice/recovery.ts, referrals.ts).
 */
import {
  complaintRecovery, latestNpsGroups, medianOfGaps, NO_DAY, NPS_GROUPS, RECOVERY_GAP_FACTOR, referralGroups, referralValues,
  type LostCustomer, type NpsGroup, type RecoveryGroup, type ReferralGroup,
} from '../../src/lib/domain';
import type { EngineContext } from '../core/context';
import { asOf, gapsAsOf } from '../core/as-of';
import type { LoadedDataset } from '../core/loaded';
import { DEFAULT_RFM, type GroupingHandle } from '../segments/api';
import { handleFor, resolveGrouping } from '../segments/handles';
import { COMPLAINT } from './api';
import { answersOf, ordered } from './scores';

/** Customers listed (counts and sums are always complete). */
const MAX_LISTED = 500;

export interface RecoveryRequest {
  /** Orders and complaints dated on or before it count; silence is counted to it (default: the latest data). */
  analysisDay?: number;
  /** Silent beyond this many usual gaps between purchases counts as gone (default 2, the lifecycle's at-risk line). */
  gapFactor?: number;
}

/** A customer who complained and went silent, as the list shows them: by id and name. */
export interface LostCustomerRow extends Omit<LostCustomer, 'customer'> {
  id: string;
  name: string;
}

export interface RecoveryResult {
  /** The last day whose orders and complaints count, and the day silence is counted to (null: no orders). */
  asOfDay: number | null;
  analysisDay: number | null;
  /** Dated complaints of customers who had bought, on or before the day; undated ones left out. */
  complaints: number;
  undated: number;
  /** The dataset holds interactions at all. */
  interactions: number;
  /** Resolved, unresolved, never complained (see RECOVERY_GROUPS). */
  groups: RecoveryGroup[];
  /** The never-complained group's reference day: the median day of the first complaints. */
  referenceDay: number | null;
  gapFactor: number;
  /** The usual gap applied to one-time buyers (median of the usual gaps), days. */
  baseGap: number | null;
  /** The never-complained baseline: customers who bought in this many days up to the reference day. */
  baselineDays: number;
  basis: 'clv' | 'net';
  loss: number;
  lossOpen: number;
  lostCount: number;
  lost: LostCustomerRow[];
}

export interface ReferralRequest {
  /** The grouping of the referrers (default: the 11 RFM segments, default settings). */
  grouping?: GroupingHandle;
  analysisDay?: number;
}

export interface ReferrerRow {
  id: string;
  name: string;
  /** The referrer is a customer of this dataset. */
  known: boolean;
  referred: number;
  net: number;
  clv: number | null;
  /** The referrer's group in the grouping ('' none) and their NPS group. */
  segment: string;
  npsGroup: NpsGroup;
}

export interface ReferralResult {
  /** The last day whose orders count (null: no orders). */
  asOfDay: number | null;
  /** Customers (counted as of the day) who name a referrer, and the distinct referrers. */
  referred: number;
  referrerCount: number;
  selfReferrals: number;
  /** Σ net revenue and CLV (after a fit, else null) of the referred customers. */
  totalNet: number;
  totalClv: number | null;
  basis: 'clv' | 'net';
  grouping: { kind: GroupingHandle['definition']['kind']; id: string };
  /** Referrers most valuable first, up to 500. */
  referrers: ReferrerRow[];
  bySegment: ReferralGroup[];
  /** Referrers the dataset does not hold or in no group of the grouping: their referrals. */
  outsideSegments: { referrers: number; referred: number; net: number };
  byNps: ReferralGroup[];
}

/** What a customer's page shows of referrals: who referred them and whom they referred. */
export interface CustomerReferrals {
  /** The referrer's id and name ('' unknown to the dataset); null when nobody referred them. */
  referredBy: { id: string; name: string; known: boolean } | null;
  /** The customers they referred, most net revenue first. */
  referred: { id: string; name: string; net: number; clv: number | null }[];
  net: number;
  clv: number | null;
}

export interface RecoveryApi {
  /** Complaint loss and recovery of the loaded dataset. Refuses `voice.recoveryFactor` for a bad gap factor. */
  recovery(jobId: string, datasetId: string, request?: RecoveryRequest): Promise<RecoveryResult>;
  /** Referral value of the loaded dataset's referrers. */
  referrals(jobId: string, datasetId: string, request?: ReferralRequest): Promise<ReferralResult>;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Complaint loss and recovery as of the request's analysis day. */
export function runRecovery(ds: LoadedDataset, request: RecoveryRequest): RecoveryResult {
  const a = asOf(ds, request.analysisDay);
  const it = ds.content.interactions;
  const rows: number[] = [];
  for (let r = 0; r < it.kind.length; r++) if (it.kind[r] === COMPLAINT) rows.push(r);
  const customer = Int32Array.from(rows, (r) => ds.indexed.customerIndex.get(it.customerId[r]) ?? -1);
  const gaps = gapsAsOf(ds, a);
  const figures = complaintRecovery(
    {
      orders: ds.indexed.orders, customers: ds.indexed.customers.id.length,
      complaints: {
        customer, day: Int32Array.from(rows, (r) => it.day[r]), resolved: Uint8Array.from(rows, (r) => it.resolved[r]),
        resolvedDay: Int32Array.from(rows, (r) => it.resolvedDay[r]),
      },
      usualGap: gaps, clv: ds.value?.clv ?? null,
    },
    { asOfDay: a.asOfDay, analysisDay: a.analysisDay, gapFactor: request.gapFactor ?? RECOVERY_GAP_FACTOR, baseGap: medianOfGaps(gaps) ?? undefined },
  );
  const c = ds.indexed.customers;
  const noOrders = a.analysisDay === NO_DAY || ds.indexed.orders.length === 0;
  return {
    asOfDay: noOrders ? null : a.asOfDay, analysisDay: noOrders ? null : a.analysisDay,
    complaints: figures.complaints, undated: figures.undated, interactions: it.id.length,
    groups: figures.groups.map((g) => ({ ...g, netAfter: round2(g.netAfter) })), referenceDay: figures.referenceDay, gapFactor: figures.gapFactor,
    baseGap: figures.baseGap, baselineDays: figures.baselineDays, basis: figures.basis, loss: round2(figures.loss), lossOpen: round2(figures.lossOpen), lostCount: figures.lost.length,
    lost: figures.lost.slice(0, MAX_LISTED).map((l) => ({
      id: c.id[l.customer], name: c.name[l.customer], firstComplaint: l.firstComplaint, latestComplaint: l.latestComplaint, open: l.open,
      lastPurchase: l.lastPurchase, silentDays: l.silentDays, usualGap: l.usualGap, value: round2(l.value),
    })),
  };
}

/** Each customer's NPS group by their latest answer dated on or before the analysis day. */
function npsGroupsOf(ds: LoadedDataset, analysisDay: number | undefined): NpsGroup[] {
  const answers = answersOf(ds, analysisDay);
  const sv = ds.content.surveys;
  return latestNpsGroups(
    ds.indexed.customers.id.length, answers.customer, Int32Array.from(answers.rows, (r) => sv.day[r]), Int8Array.from(answers.rows, (r) => sv.nps[r]),
  );
}

/** Referral value per referrer, by the referrer's group of the grouping and by their NPS group. */
export function runReferrals(ds: LoadedDataset, request: ReferralRequest): ReferralResult {
  const a = asOf(ds, request.analysisDay);
  const c = ds.indexed.customers;
  const clv = ds.value?.clv ?? null;
  const refs = referralValues({ ids: c.id, referredBy: c.referredBy, present: a.present, net: a.net, clv });
  const handle = request.grouping ?? handleFor({ kind: 'rfm', request: { ...DEFAULT_RFM, analysisDay: request.analysisDay } });
  const labels = resolveGrouping(ds, handle).labels;
  const nps = npsGroupsOf(ds, request.analysisDay);
  const keys = [...new Set(labels.filter((l) => l))];
  const bySegment = referralGroups(refs, labels, ordered(handle.definition.kind, keys), a.present);
  const byNps = referralGroups(refs, nps, NPS_GROUPS, a.present);
  const outside = { referrers: 0, referred: 0, net: 0 };
  for (const r of refs.referrers) {
    if (r.customer >= 0 && labels[r.customer] && a.present[r.customer]) continue;
    outside.referrers++;
    outside.referred += r.referred;
    outside.net += r.net;
  }
  outside.net = round2(outside.net);
  return {
    asOfDay: a.analysisDay === NO_DAY || ds.indexed.orders.length === 0 ? null : a.asOfDay,
    referred: refs.referred, referrerCount: refs.referrers.length, selfReferrals: refs.selfReferrals,
    totalNet: round2(refs.totalNet), totalClv: refs.totalClv === null ? null : round2(refs.totalClv), basis: clv ? 'clv' : 'net',
    grouping: { kind: handle.definition.kind, id: handle.id },
    referrers: refs.referrers.slice(0, MAX_LISTED).map((r) => ({
      id: r.id, name: r.customer >= 0 ? c.name[r.customer] : '', known: r.customer >= 0, referred: r.referred, net: round2(r.net),
      clv: r.clv === null ? null : round2(r.clv), segment: r.customer >= 0 ? labels[r.customer] : '', npsGroup: r.customer >= 0 ? nps[r.customer] : 'none',
    })),
    bySegment, outsideSegments: outside, byNps,
  };
}

/** Who referred the customer at index k, and whom they referred (latest data, every order counted). */
export function customerReferrals(ds: LoadedDataset, k: number): CustomerReferrals {
  const c = ds.indexed.customers;
  const s = ds.summary;
  const clv = ds.value?.clv ?? null;
  const by = c.referredBy[k];
  const at = by && by !== c.id[k] ? ds.indexed.customerIndex.get(by) : undefined;
  const referredBy = by && by !== c.id[k] ? { id: by, name: at === undefined ? '' : c.name[at], known: at !== undefined } : null;
  const referred: CustomerReferrals['referred'] = [];
  const id = c.id[k];
  let net = 0, clvSum = 0;
  for (let j = 0; j < c.id.length; j++) {
    if (j === k || c.referredBy[j] !== id) continue;
    const v = s.sales[j] - s.returns[j];
    const value = clv && Number.isFinite(clv[j]) ? clv[j] : null;
    referred.push({ id: c.id[j], name: c.name[j], net: round2(v), clv: value });
    net += v;
    clvSum += value ?? 0;
  }
  referred.sort((x, y) => y.net - x.net || (x.id < y.id ? -1 : 1));
  return { referredBy, referred, net: round2(net), clv: clv ? round2(clvSum) : null };
}

export function recoveryApi(ctx: EngineContext): RecoveryApi {
  return {
    recovery(jobId, datasetId, request = {}) {
      return ctx.run(jobId, async () => runRecovery(ctx.current(datasetId), request));
    },
    referrals(jobId, datasetId, request = {}) {
      return ctx.run(jobId, async () => runReferrals(ctx.current(datasetId), request));
    },
  };
}

