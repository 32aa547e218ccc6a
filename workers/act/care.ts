/**
 * Act and measure: the care calendar, the ready lists and the purchase ladder (issue 16).
 *
 * Every list is worked out from its request alone (list, options, day) on the loaded dataset:
 * birthdays and anniversaries in the next N days, win-back, VIP care, second-purchase onboarding,
 * complaint follow-up and the upgrade nudge (the dataset's saved tier design, or the default one).
 * Exports go through forContact (consent). The rules are in src/lib/domain/act/care-lists.ts and
 * calendar.ts.
 */
import {
  CARE_DEFAULT_DAYS, complaintFollowUpList, maskId, maskPersonal, medianGap, NO_DAY, purchaseLadder, secondPurchaseList,
  upcomingAnniversaries, upcomingBirthdays, vipList, WINBACK_FACTOR, winbackList, checkCareDays, checkWinbackFactor,
  isoDate, defaultLoyaltyDesign, loyaltyBasis, loyaltyNudges, loyaltyTiersOf, suggestTierThresholds, buyerTiers,
  type LadderStep, type LoyaltyDesign,
} from '../../src/lib/domain';
import { toCsv } from '../../src/lib/domain/import';
import { loadTierDesign } from '../../src/lib/db';
import type { EngineContext } from '../core/context';
import { asOf, gapsAsOf, type AsOf } from '../core/as-of';
import { summaryAsOf, type LoadedDataset, type ValueModel } from '../core/loaded';
import { DEFAULT_RFM, type GroupingHandle } from '../segments/api';
import { handleFor, resolveGrouping } from '../segments/handles';
import { strategyHandle } from '../strategy/facts';
import { ordered } from '../voice/scores';
import { forContact } from './contact';
import type { CareListKey, CareListRequest } from './sources';

/** The lists in the order the care section shows them. */
export const CARE_LISTS: readonly CareListKey[] = ['birthdays', 'anniversaries', 'winback', 'vip', 'secondPurchase', 'complaintFollowUp', 'upgradeNudge'];

/** Who the VIP list is: the top value tier (top 20% by net revenue) or the RFM Champions. */
export type VipBasis = 'tier' | 'champions';

/** The settings all lists share (each list reads those it needs; see CareListRequest.options). */
export interface CareListsRequest {
  /** The lists' day (default: the day after the last order). */
  day?: number;
  /** Birthdays and anniversaries in the next N days (1–366, default 30). */
  days?: number;
  /** Win-back: silent beyond factor × usual gap (1–10, default 2). */
  factor?: number;
  /** VIP care: top tier (default) or RFM Champions. */
  vip?: VipBasis;
}

/** One list's size, value and how many may be contacted. */
export interface CareListFigures {
  list: CareListKey;
  size: number;
  /** Sum of the customers' value (CLV after a value fit, else net revenue). */
  value: number;
  /** Customers an export for contact holds (consent), those left out, and whether the dataset has consent at all. */
  contactable: number;
  leftOut: number;
  hasConsent: boolean;
}

export interface CareListsResult {
  /** The lists' day (null: the dataset has no orders) and the last order day counted. */
  day: number | null;
  lastOrderDay: number | null;
  /** The window of birthdays and anniversaries: [day, windowEnd]. */
  days: number;
  windowEnd: number | null;
  factor: number;
  vip: VipBasis;
  /** What a list's value is: CLV of the last value fit, or net revenue. */
  valueBasis: 'clv' | 'net';
  valueModel: ValueModel | null;
  /** The gap one-time buyers are held to in win-back (median usual gap, days; null: none). */
  baseGap: number | null;
  /** Whether the upgrade nudge uses the dataset's saved tier design or the default one, and whether its gaps are points (else money). */
  design: 'saved' | 'default';
  nudgePoints: boolean;
  /** Of customers with 1 order, the share who placed a 2nd, and of those with 2, a 3rd (the reason for onboarding). */
  ladder: { rate1: number; rate2: number; customers1: number };
  /** Birthdays and anniversaries per day of the window (index 0 = the lists' day). */
  perDay: { birthdays: number[]; anniversaries: number[] };
  lists: CareListFigures[];
}

/** One customer of a list, with what the list is about (its meaning depends on the list). */
export interface CareListRow {
  id: string;
  name: string;
  orders: number;
  lastOrder: number | null;
  net: number;
  clv: number | null;
  /** The day the list is about: birthday, anniversary, complaint resolution, last order. */
  when: number | null;
  /** Age turned, years of the anniversary, days silent, money to the next tier. */
  figure: number | null;
  /** Anniversary: 'signup' | 'firstPurchase'; upgrade nudge: the next tier; birthday: 'feb28' when moved. */
  note: string;
}

export interface CareListPage {
  list: CareListKey;
  total: number;
  offset: number;
  rows: CareListRow[];
}

export interface CareListCsvOptions {
  header: string[];
  /** Mask ids and names (privacy.mask). */
  mask: boolean;
  /** Include customers without marketing consent (only for lists not used for marketing). */
  includeWithoutConsent?: boolean;
  /** The words of the rows' notes in the user's language (e.g. signup → 注册), by note. */
  notes?: Record<string, string>;
}

export interface CareListCsv {
  csv: string;
  rows: number;
  leftOut: number;
  hasConsent: boolean;
}

export interface LadderRequest {
  grouping?: GroupingHandle;
  analysisDay?: number;
  /** Rungs n = 1…maxOrders (default 10). */
  maxOrders?: number;
}

export interface LadderResult {
  asOfDay: number;
  grouping: { kind: GroupingHandle['definition']['kind']; id: string };
  overall: LadderStep[];
  segments: { key: string; customers: number; steps: LadderStep[] }[];
}

export interface CareApi {
  /** Every ready list's size, value and contactable count. */
  careLists(jobId: string, datasetId: string, request?: CareListsRequest): Promise<CareListsResult>;
  /** A page of a list's customers. */
  careListPage(jobId: string, datasetId: string, request: CareListRequest, offset: number, limit: number): Promise<CareListPage>;
  /** A list as CSV for contact (consent applied, masked when asked; formula-injection safe). */
  careListCsv(jobId: string, datasetId: string, request: CareListRequest, options: CareListCsvOptions): Promise<CareListCsv>;
  /** The purchase ladder overall and by the groups of a grouping. */
  careLadder(jobId: string, datasetId: string, request?: LadderRequest): Promise<LadderResult>;
}

/** What a list is worked out of: the dataset as of the list's day. */
interface Basis {
  a: AsOf;
  day: number;
  net: Float64Array;
}

/**
 * Per as-of view of a dataset, what several lists share (buyer tiers, the median gap): a cache
 * only, a pure function of the dataset and the day (an AsOf is dropped with its dataset).
 */
const shared = new WeakMap<AsOf, { tiers?: Uint8Array; baseGap?: number }>();

function sharedOf(a: AsOf) {
  let s = shared.get(a);
  if (!s) shared.set(a, (s = {}));
  return s;
}

function tiersOf(b: Basis): Uint8Array {
  const s = sharedOf(b.a);
  return (s.tiers ??= buyerTiers(b.a.summary.orders, b.net));
}

function baseGapOf(ds: LoadedDataset, b: Basis): number {
  const s = sharedOf(b.a);
  return (s.baseGap ??= medianGap(gapsAsOf(ds, b.a)));
}

/**
 * The upgrade-nudge list as the Strategy page's loyalty panel has it (runLoyalty's nudges: the
 * design's basis as of the day, customers present by then, within 10% of the next tier), worked
 * out without the panel's other figures.
 */
function nudges(ds: LoadedDataset, given: LoyaltyDesign | undefined, analysisDay: number | undefined) {
  const o = ds.indexed.orders;
  const n = ds.indexed.customers.id.length;
  const a = asOf(ds, analysisDay);
  const moneyOf = (d: LoyaltyDesign) => loyaltyBasis(o, n, { ...d, pointsPerUnit: 1 }, a.asOfDay);
  const fallback = defaultLoyaltyDesign();
  const fallbackMoney = given && given.basis !== fallback.basis ? null : moneyOf(fallback);
  // the present customers' values sorted first (a typed sort): the thresholds are the same, and
  // suggestTierThresholds' own sort then meets them in order
  const design = given ?? defaultLoyaltyDesign(suggestTierThresholds(fallbackMoney!.filter((_, k) => a.present[k] === 1).sort()));
  const money = design.basis === fallback.basis && fallbackMoney ? fallbackMoney : moneyOf(design);
  const values = design.basis === 'points' ? money.map((v) => v * design.pointsPerUnit) : money;
  const placed = loyaltyTiersOf(design, values);
  for (let k = 0; k < n; k++) if (!a.present[k]) placed[k] = '';
  return { design, list: loyaltyNudges(design, values, placed) };
}

/** A list: its customers in order, and per customer what the list is about. */
interface Computed {
  rows: number[];
  when?: Map<number, number>;
  figure?: Map<number, number>;
  note?: Map<number, string>;
}

function basisOf(ds: LoadedDataset, day: number | undefined): Basis | null {
  if (ds.indexed.orders.length === 0) return null;
  const a = asOf(ds, day);
  return { a, day: a.analysisDay, net: a.net };
}

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/**
 * @param design the dataset's saved tier design when the caller has read it already (undefined:
 *   read it here; null: none saved)
 */
async function computeList(ctx: EngineContext, ds: LoadedDataset, request: CareListRequest, design?: LoyaltyDesign | null): Promise<Computed> {
  const b = basisOf(ds, request.day);
  if (!b) return { rows: [] };
  const o = request.options ?? {};
  const c = ds.indexed.customers;
  const s = b.a.summary;
  switch (request.list) {
    case 'birthdays': {
      const days = num(o.days, CARE_DEFAULT_DAYS);
      const hits = upcomingBirthdays(c.birthDay, b.day, days);
      return {
        rows: hits.map((h) => h.customer), when: new Map(hits.map((h) => [h.customer, h.day])), figure: new Map(hits.map((h) => [h.customer, h.years])),
        note: new Map(hits.filter((h) => h.moved).map((h) => [h.customer, 'feb28'])),
      };
    }
    case 'anniversaries': {
      const days = num(o.days, CARE_DEFAULT_DAYS);
      const hits = upcomingAnniversaries(c.signupDay, s.firstDay, b.day, days);
      return {
        rows: hits.map((h) => h.customer), when: new Map(hits.map((h) => [h.customer, h.day])), figure: new Map(hits.map((h) => [h.customer, h.years])),
        note: new Map(hits.map((h) => [h.customer, h.basis])),
      };
    }
    case 'winback': {
      const gaps = gapsAsOf(ds, b.a);
      const rows = winbackList({ orders: s.orders, net: b.net, lastDay: s.lastDay, gaps, baseGap: baseGapOf(ds, b), day: b.day, factor: num(o.factor, WINBACK_FACTOR), tiers: tiersOf(b) });
      return {
        rows, when: new Map(rows.map((k) => [k, s.lastDay[k]])), figure: new Map(rows.map((k) => [k, b.day - s.lastDay[k]])),
      };
    }
    case 'vip': {
      const labels = o.vip === 'champions' ? resolveGrouping(ds, handleFor({ kind: 'rfm', request: { ...DEFAULT_RFM, analysisDay: request.day } })).labels : undefined;
      return { rows: vipList(s.orders, b.net, labels, 'champions', labels ? undefined : tiersOf(b)) };
    }
    case 'secondPurchase': {
      const rows = secondPurchaseList(s.orders, s.lastDay, b.day);
      return { rows, when: new Map(rows.map((k) => [k, s.lastDay[k]])), figure: new Map(rows.map((k) => [k, b.day - s.lastDay[k]])) };
    }
    case 'complaintFollowUp': {
      const { customers, resolvedDay } = complaintFollowUpList(ds.content.interactions, ds.indexed.customerIndex, s.lastDay, b.day);
      return { rows: customers, when: resolvedDay, figure: new Map(customers.map((k) => [k, b.day - resolvedDay.get(k)!])) };
    }
    case 'upgradeNudge': {
      const saved = design === undefined ? (await loadTierDesign(ctx.db, ds.id))?.design : design ?? undefined;
      const { design: used, list } = nudges(ds, saved, request.day);
      // the next tier by the user's name for it, else by its key (the page words the default keys)
      const names = new Map(used.tiers.map((t) => [t.key, t.name ?? t.key]));
      return { rows: list.map((x) => x.customer), figure: new Map(list.map((x) => [x.customer, x.gap])), note: new Map(list.map((x) => [x.customer, names.get(x.next) ?? x.next])) };
    }
    default:
      throw { code: 'care.listUnknown', params: { list: String((request as { list: unknown }).list) } };
  }
}

/**
 * The customers (indices into ds.indexed.customers) of a ready list, as the care section lists
 * them. Shared contract: the actions part resolves a list source with it.
 */
export async function careListRows(ctx: EngineContext, ds: LoadedDataset, request: CareListRequest): Promise<number[]> {
  return (await computeList(ctx, ds, request)).rows;
}

function valueOf(ds: LoadedDataset, net: Float64Array): (k: number) => number {
  const clv = ds.value?.clv;
  if (clv) return (k) => (Number.isFinite(clv[k]) ? clv[k] : 0);
  return (k) => net[k];
}

function checkRequest(request: CareListsRequest): void {
  if (request.days !== undefined) checkCareDays(request.days);
  if (request.factor !== undefined) checkWinbackFactor(request.factor);
}

/** The request of one list from the shared settings. */
export function listRequest(list: CareListKey, request: CareListsRequest): CareListRequest {
  const options: Record<string, number | string | boolean> = {};
  if (list === 'birthdays' || list === 'anniversaries') options.days = request.days ?? CARE_DEFAULT_DAYS;
  if (list === 'winback') options.factor = request.factor ?? WINBACK_FACTOR;
  if (list === 'vip') options.vip = request.vip ?? 'tier';
  return { list, options, day: request.day };
}

async function runCareLists(ctx: EngineContext, ds: LoadedDataset, request: CareListsRequest, checkpoint: () => void): Promise<CareListsResult> {
  checkRequest(request);
  const days = request.days ?? CARE_DEFAULT_DAYS;
  const factor = request.factor ?? WINBACK_FACTOR;
  const vip = request.vip ?? 'tier';
  const b = basisOf(ds, request.day);
  const saved = await loadTierDesign(ctx.db, ds.id);
  const base = {
    days, factor, vip, valueBasis: ds.value ? 'clv' as const : 'net' as const, valueModel: ds.value && ds.valueModel ? ds.valueModel : null,
    design: saved ? 'saved' as const : 'default' as const, nudgePoints: saved?.design.basis === 'points',
  };
  if (!b) {
    return {
      ...base, day: null, lastOrderDay: null, windowEnd: null, baseGap: null, ladder: { rate1: NaN, rate2: NaN, customers1: 0 }, perDay: { birthdays: [], anniversaries: [] },
      lists: CARE_LISTS.map((list) => ({ list, size: 0, value: 0, contactable: 0, leftOut: 0, hasConsent: forContact(ds, []).hasConsent })),
    };
  }
  const value = valueOf(ds, b.net);
  const lists: CareListFigures[] = [];
  const perDay = { birthdays: new Array<number>(days).fill(0), anniversaries: new Array<number>(days).fill(0) };
  for (const list of CARE_LISTS) {
    const { rows, when } = await computeList(ctx, ds, listRequest(list, request), saved?.design ?? null);
    checkpoint();
    if ((list === 'birthdays' || list === 'anniversaries') && when) for (const d of when.values()) perDay[list][d - b.day]++;
    let total = 0;
    for (const k of rows) total += value(k);
    const split = forContact(ds, rows);
    lists.push({ list, size: rows.length, value: total, contactable: split.rows.length, leftOut: split.leftOut, hasConsent: split.hasConsent });
  }
  const steps = purchaseLadder(b.a.summary.orders, 2);
  const gap = baseGapOf(ds, b);
  return {
    ...base,
    day: b.day,
    lastOrderDay: b.a.asOfDay,
    windowEnd: b.day + days - 1,
    baseGap: Number.isFinite(gap) ? gap : null,
    ladder: { rate1: steps[0].rate, rate2: steps[1].rate, customers1: steps[0].customers },
    perDay,
    lists,
  };
}

function rowOf(ds: LoadedDataset, b: Basis, computed: Computed, k: number): CareListRow {
  const c = ds.indexed.customers;
  const s = b.a.summary;
  const clv = ds.value?.clv[k];
  return {
    id: c.id[k], name: c.name[k] ?? '', orders: s.orders[k], lastOrder: s.lastDay[k] === NO_DAY ? null : s.lastDay[k],
    net: Math.round(b.net[k] * 100) / 100, clv: clv !== undefined && Number.isFinite(clv) ? clv : null,
    when: computed.when?.get(k) ?? null, figure: computed.figure?.get(k) ?? null, note: computed.note?.get(k) ?? '',
  };
}

/** A CSV cell of a day ('' when none). */
const dayCell = (day: number | null): string => (day === null ? '' : isoDate(day));

const money = (v: number | null): number | string => (v === null || !Number.isFinite(v) ? '' : Math.round(v * 100) / 100);

export function careApi(ctx: EngineContext): CareApi {
  return {
    careLists(jobId, datasetId, request = {}) {
      return ctx.run(jobId, async (checkpoint) => runCareLists(ctx, ctx.current(datasetId), request, checkpoint));
    },
    careListPage(jobId, datasetId, request, offset, limit) {
      return ctx.run(jobId, async (checkpoint) => {
        const ds = ctx.current(datasetId);
        const computed = await computeList(ctx, ds, request);
        checkpoint();
        const b = basisOf(ds, request.day);
        const from = Math.max(0, Math.floor(offset) || 0);
        const size = Math.max(1, Math.min(500, Math.floor(limit) || 20));
        const rows = b ? computed.rows.slice(from, from + size).map((k) => rowOf(ds, b, computed, k)) : [];
        return { list: request.list, total: computed.rows.length, offset: from, rows };
      });
    },
    careListCsv(jobId, datasetId, request, options) {
      return ctx.run(jobId, async (checkpoint) => {
        const ds = ctx.current(datasetId);
        const computed = await computeList(ctx, ds, request);
        checkpoint();
        const b = basisOf(ds, request.day);
        const split = forContact(ds, computed.rows, { includeWithoutConsent: options.includeWithoutConsent });
        const m = options.mask;
        const rows = b ? split.rows.map((k) => {
          const r = rowOf(ds, b, computed, k);
          return [m ? maskId(r.id) : r.id, m ? maskPersonal(r.name) : r.name, r.orders, dayCell(r.lastOrder), money(r.net), money(r.clv), dayCell(r.when), r.figure ?? '', options.notes?.[r.note] ?? r.note];
        }) : [];
        return { csv: toCsv(options.header, rows), rows: rows.length, leftOut: split.leftOut, hasConsent: split.hasConsent };
      });
    },
    careLadder(jobId, datasetId, request = {}) {
      return ctx.run(jobId, async (checkpoint) => {
        const ds = ctx.current(datasetId);
        const handle = strategyHandle({ grouping: request.grouping, analysisDay: request.analysisDay });
        const seg = resolveGrouping(ds, handle);
        checkpoint();
        const counts = summaryAsOf(ds, seg.asOfDay).orders;
        const max = request.maxOrders ?? 10;
        const byKey = new Map<string, number[]>();
        seg.labels.forEach((label, k) => {
          if (!label) return;
          let list = byKey.get(label);
          if (!list) byKey.set(label, (list = []));
          list.push(counts[k]);
        });
        const keys = ordered(handle.definition.kind, [...byKey.keys()]);
        return {
          asOfDay: seg.asOfDay,
          grouping: { kind: handle.definition.kind, id: handle.id },
          overall: purchaseLadder(counts, max),
          segments: keys.map((key) => {
            const list = byKey.get(key)!;
            return { key, customers: list.length, steps: purchaseLadder(list, max) };
          }),
        };
      });
    },
  };
}
