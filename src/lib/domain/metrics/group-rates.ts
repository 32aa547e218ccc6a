import { NO_DAY } from '../types';
import type { CustomerSummary } from './customer-summary';

/** The textbook simple-CLV inputs of one group: buyers, orders per buyer per year, average order value. */
export interface GroupPurchaseRate {
  key: string;
  buyers: number;
  purchasesPerYear: number;
  averageOrderValue: number;
}

/**
 * Per group (one label per customer, '' = in no group) of the customers who bought: orders per
 * buyer-year and average order value (gross sales ÷ orders). A buyer's years run from their first
 * order to the data's last order day, counted as at least 30 days, so new buyers do not explode
 * the rate.
 */
export function purchaseRatesByGroup(labels: readonly string[], summary: CustomerSummary): GroupPurchaseRate[] {
  const s = summary;
  const groups = new Map<string, { buyers: number; orders: number; sales: number; years: number }>();
  let end = -Infinity;
  for (let c = 0; c < s.lastDay.length; c++) if (s.lastDay[c] !== NO_DAY && s.lastDay[c] > end) end = s.lastDay[c];
  for (let c = 0; c < labels.length; c++) {
    if (!labels[c] || s.orders[c] === 0) continue;
    const g = groups.get(labels[c]) ?? { buyers: 0, orders: 0, sales: 0, years: 0 };
    g.buyers++;
    g.orders += s.orders[c];
    g.sales += s.sales[c];
    g.years += Math.max(30, end - s.firstDay[c] + 1) / 365.25;
    groups.set(labels[c], g);
  }
  return [...groups].map(([key, g]) => ({
    key, buyers: g.buyers, purchasesPerYear: g.orders / g.years, averageOrderValue: g.sales / g.orders,
  }));
}
