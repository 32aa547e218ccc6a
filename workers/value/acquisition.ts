/**
 * Acquisition economics on the loaded dataset: CAC per channel (cost fields or a cost table),
 * with CLV/CAC and payback after a value fit, the same per group of a grouping, and churn per
 * 30-day period.
 */
import { cacByChannel, churnRateByPeriod, clvToCac, NO_DAY } from '../../src/lib/domain';
import type { LoadedDataset } from '../core/loaded';
import type { AcquisitionResult } from './api';

type GroupRow = AcquisitionResult['channels'][number];

function perGroup(ds: LoadedDataset, groupOf: readonly string[], costTable?: Record<string, number>): GroupRow[] {
  const cac = cacByChannel(groupOf as string[], ds.indexed.customers.acquisitionCost, { costTable });
  const cacMap = Object.fromEntries(cac.map((x) => [x.channel, x.cac]));
  const value = ds.value;
  const withClv = value
    ? clvToCac(value.clv, groupOf as string[], cacMap, { monthlyMargin: Float64Array.from(value.clv, (v) => v / (ds.valueMonths ?? 12)) })
    : [];
  const byGroup = new Map(withClv.map((x) => [x.channel, x]));
  return cac.map((x) => ({
    channel: x.channel, customers: x.customers, cac: x.cac, source: x.source,
    meanClv: byGroup.get(x.channel)?.meanClv ?? null, ratio: byGroup.get(x.channel)?.ratio ?? null,
    paybackMonths: byGroup.get(x.channel)?.paybackMonths ?? null,
  }));
}

/** Churn per 30-day period, from `inactiveAfterDays` after the first order to the last one (empty for short histories). */
function churnPeriods(ds: LoadedDataset, inactiveAfterDays: number): AcquisitionResult['churn'] {
  const s = ds.summary;
  let first = Infinity, last = -Infinity;
  for (let i = 0; i < s.firstDay.length; i++) {
    if (s.firstDay[i] === NO_DAY) continue;
    first = Math.min(first, s.firstDay[i]);
    last = Math.max(last, s.lastDay[i]);
  }
  return Number.isFinite(first) && last - first > inactiveAfterDays + 30
    ? churnRateByPeriod(s.firstDay, s.lastDay, { periodDays: 30, startDay: first + inactiveAfterDays, endDay: last, inactiveAfterDays })
    : [];
}

export function runAcquisition(
  ds: LoadedDataset, labels: readonly string[] | null, costTable: Record<string, number> | undefined, inactiveAfterDays: number,
): AcquisitionResult {
  return {
    channels: perGroup(ds, ds.indexed.customers.channel, costTable),
    segments: labels ? perGroup(ds, labels).filter((g) => g.channel !== '') : [],
    churn: churnPeriods(ds, inactiveAfterDays),
  };
}
