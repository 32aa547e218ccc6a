/**
 * Early warnings on the loaded dataset: the user's rules checked against the 11-segment RFM
 * groups (their churn in the last 30 days) and each customer's own rhythm and value tier.
 */
import { churnedInPeriod, churnRateByPeriod, defaultAnalysisDay, evaluateWarnings, NO_DAY, usualGaps, valueTiers, type WarningRule } from '../../src/lib/domain';
import { DEFAULT_RFM } from '../segments/api';
import { handleFor, resolveGrouping } from '../segments/handles';
import type { AlertCustomer, WarningsResult } from './api';
import type { LoadedDataset } from '../core/loaded';

/** Customers listed per alert (the count is always complete). */
const MAX_LISTED = 500;
const INACTIVE_AFTER_DAYS = 90;

/**
 * `before`: total CLV per 11-segment group at the latest snapshot that has values (segmentValueDrop
 * rules need it and a value fit in this session; without either they cannot fire).
 */
export function runWarnings(ds: LoadedDataset, rules: WarningRule[], before: Record<string, number> = {}): WarningsResult {
  const c = ds.indexed.customers;
  const s = ds.summary;
  const n = c.id.length;
  const analysisDay = defaultAnalysisDay(s.lastDay);
  if (analysisDay === NO_DAY) return { asOfDay: null, alerts: [] };
  const asOf = analysisDay - 1;
  // the app's default grouping (11-segment RFM), as the Segments page shows it
  const segment = resolveGrouping(ds, handleFor({ kind: 'rfm', request: DEFAULT_RFM })).labels;
  const segmentChurn: Record<string, number | null> = {};
  const segmentChurned: Record<string, string[]> = {};
  const period = { periodDays: 30, startDay: asOf - 29, endDay: asOf, inactiveAfterDays: INACTIVE_AFTER_DAYS };
  for (const key of new Set(segment)) {
    if (!key) continue;
    const members = segment.map((g, i) => (g === key ? i : -1)).filter((i) => i >= 0);
    const [churn] = churnRateByPeriod(Int32Array.from(members, (i) => s.firstDay[i]), Int32Array.from(members, (i) => s.lastDay[i]), period);
    segmentChurn[key] = churn?.rate ?? null;
    // who they are: the members who turned inactive in that period
    segmentChurned[key] = members
      .filter((i) => churnedInPeriod(s.firstDay[i], s.lastDay[i], period.startDay, period.periodDays, period.inactiveAfterDays))
      .map((i) => c.id[i]);
  }
  ds.gaps ??= usualGaps(ds.indexed.orders, n);
  const finite = Array.from(ds.gaps).filter(Number.isFinite).sort((a, b) => a - b);
  const baseGap = finite.length ? finite[finite.length >> 1] : undefined;
  const net = Float64Array.from({ length: n }, (_, i) => s.sales[i] - s.returns[i]);
  const tiers = valueTiers(net, [20, 30, 50], 'customers');
  const triggered = evaluateWarnings(rules, {
    segmentChurn,
    segmentChurned,
    customerId: c.id,
    daysSinceLast: Float64Array.from(s.lastDay, (d) => (d === NO_DAY ? NaN : asOf - d)),
    usualGap: ds.gaps,
    valueTier: Array.from(tiers.tier, (t) => `tier_${t + 1}`),
    tierOrder: ['tier_1', 'tier_2', 'tier_3'],
    baseGap,
    customerSegment: segment,
    segmentValueNow: ds.value ? sumBy(segment, ds.value.clv) : {},
    segmentValueBefore: ds.value ? before : {},
  });
  return {
    asOfDay: asOf,
    alerts: triggered.map((t) => {
      const listed = t.customerIds.slice(0, MAX_LISTED);
      return { ruleId: t.ruleId, code: t.code, params: t.params, count: t.customerIds.length, customerIds: listed, customers: listed.map((id) => alertCustomer(ds, net, id)) };
    }),
  };
}

/** What an alert's list shows of a customer: name, last order, net spend and CLV after a value fit. */
function alertCustomer(ds: LoadedDataset, net: Float64Array, id: string): AlertCustomer {
  const k = ds.indexed.customerIndex.get(id)!;
  const last = ds.summary.lastDay[k];
  const clv = ds.value?.clv[k];
  return {
    id, name: ds.indexed.customers.name[k], lastOrder: last === NO_DAY ? null : last,
    net: Math.round(net[k] * 100) / 100, clv: clv !== undefined && Number.isFinite(clv) ? clv : null,
  };
}

function sumBy(groups: string[], values: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < groups.length; i++) if (groups[i] && Number.isFinite(values[i])) out[groups[i]] = (out[groups[i]] ?? 0) + values[i];
  return out;
}
