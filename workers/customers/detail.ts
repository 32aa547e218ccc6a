import { CONSENT_NO, CONSENT_YES, defaultAnalysisDay, hasConsentColumn, NO_DAY, rhythmChurnRisk, rowsByCustomer, usualGaps } from '../../src/lib/domain';
import type { LoadedDataset } from '../core/loaded';
import type { CustomerDetail, CustomerOrderLine } from './api';
import { customerRow, customerTable } from './table';
import { entryAt } from '../voice/entries';
import { customerReferrals } from '../voice/recovery';

/** Everything the detail view shows about one customer but the segment, or null if the id is unknown. */
export function customerDetail(ds: LoadedDataset, customerId: string): Omit<CustomerDetail, 'segment'> | null {
  const k = ds.indexed.customerIndex.get(customerId);
  if (k === undefined) return null;
  const o = ds.indexed.orders;
  ds.rowsByCustomer ??= rowsByCustomer(o, ds.indexed.customers.id.length);
  const { offsets, rows } = ds.rowsByCustomer;
  const lines: CustomerOrderLine[] = [];
  for (let j = offsets[k]; j < offsets[k + 1]; j++) {
    const i = rows[j];
    lines.push({
      orderId: o.orderId[i], day: o.day[i], amount: o.amount[i],
      quantity: Number.isFinite(o.quantity[i]) ? o.quantity[i] : null, isReturn: o.isReturn[i] === 1,
    });
  }
  lines.sort((a, b) => b.day - a.day || a.orderId.localeCompare(b.orderId));
  const table = customerTable(ds);
  const row = customerRow(table, k);
  const c = ds.indexed.customers;
  const sv = ds.content.surveys;
  const surveys: CustomerDetail['surveys'] = [];
  for (let i = 0; i < sv.customerId.length; i++) {
    if (sv.customerId[i] !== customerId) continue;
    surveys.push({ day: dayOrNull(sv.day[i]), nps: sv.nps[i] >= 0 ? sv.nps[i] : null, csat: sv.csat[i] > 0 ? sv.csat[i] : null });
  }
  surveys.sort(newestFirst);
  const it = ds.content.interactions;
  // an entry the imported interactions do not hold was added by hand
  const imported = new Set(ds.interactionBase?.id ?? it.id);
  const interactions: CustomerDetail['interactions'] = [];
  for (let i = 0; i < it.customerId.length; i++) {
    if (it.customerId[i] !== customerId) continue;
    interactions.push(entryAt(ds, i, !imported.has(it.id[i])));
  }
  interactions.sort((a, b) => (b.day === NO_DAY ? -Infinity : b.day) - (a.day === NO_DAY ? -Infinity : a.day) || 0);
  ds.gaps ??= usualGaps(o, ds.indexed.customers.id.length);
  ds.baseGap ??= median(ds.gaps);
  const last = ds.summary.lastDay[k];
  const since = last === NO_DAY ? NaN : defaultAnalysisDay(ds.summary.lastDay) - 1 - last;
  const risk = last === NO_DAY ? NaN : rhythmChurnRisk(Float64Array.of(since), Float64Array.of(ds.gaps[k]), { baseGap: ds.baseGap ?? undefined })[0];
  return {
    row,
    usualGapDays: Number.isFinite(ds.gaps[k]) ? ds.gaps[k] : null,
    rhythmRisk: Number.isFinite(risk) ? risk : null,
    simple: ds.summary.orders[k] > 0
      ? {
          // at least a month of tenure, so a brand-new buyer does not count as 365 orders a year
          purchasesPerYear: ds.summary.orders[k] / (Math.max(30, since + (last - ds.summary.firstDay[k]) + 1) / 365.25),
          averageOrderValue: ds.summary.sales[k] / ds.summary.orders[k],
        }
      : null,
    model: ds.value && Number.isFinite(ds.value.exp30[k])
      ? { exp30: ds.value.exp30[k], exp365: ds.value.exp365[k], spend: ds.value.spend[k] }
      : null,
    valueModel: ds.value ? ds.valueModel ?? null : null,
    birthDay: c.birthDay[k] === NO_DAY ? null : c.birthDay[k],
    acquisitionCost: Number.isFinite(c.acquisitionCost[k]) ? c.acquisitionCost[k] : null,
    returns: ds.summary.returns[k],
    lines,
    surveys,
    interactions,
    referrals: customerReferrals(ds, k),
    ...(hasConsentColumn(c.consent)
      ? { consent: { status: c.consent[k] === CONSENT_YES ? 'yes' : c.consent[k] === CONSENT_NO ? 'no' : 'unknown', day: dayOrNull(c.consentDay[k]) } as const }
      : {}),
  };
}

const dayOrNull = (day: number): number | null => (day === NO_DAY ? null : day);

/** Newest first, undated last; the stored order among equals (the sort is stable). */
function newestFirst(a: { day: number | null }, b: { day: number | null }): number {
  return (b.day ?? -Infinity) - (a.day ?? -Infinity) || 0;
}

/** Median of the finite values (null when there is none). */
function median(values: Float64Array): number | null {
  const v = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
