import { NO_DAY } from '../types';
import type { CustomerSummary } from './customer-summary';

/** Headline figures of a dataset. Ratios are null when their denominator is zero. */
export interface DashboardKpis {
  /** Day the "active" window ends on: the last purchase day in the data (null if none). */
  asOfDay: number | null;
  activeDays: number;
  customers: number;
  /** Customers with at least one order. */
  buyers: number;
  /** Buyers whose last purchase is within the last `activeDays` days up to and including asOfDay. */
  activeCustomers: number;
  orders: number;
  grossSales: number;
  returnsAmount: number;
  netRevenue: number;
  /** Gross sales per order. */
  averageOrderValue: number | null;
  /** Orders per buyer. */
  purchaseFrequency: number | null;
  /** Share of buyers with two or more orders. */
  repurchaseRate: number | null;
  /** Returned amount as a share of gross sales. */
  returnsShare: number | null;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** Dashboard KPIs from the per-customer summary. */
export function computeKpis(summary: CustomerSummary, options: { activeDays: number; asOfDay?: number }): DashboardKpis {
  const n = summary.orders.length;
  let asOf = options.asOfDay ?? NO_DAY;
  if (options.asOfDay === undefined) for (let c = 0; c < n; c++) if (summary.lastDay[c] > asOf) asOf = summary.lastDay[c];
  const activeDays = Math.max(1, Math.floor(options.activeDays));
  const from = asOf - activeDays + 1;
  let buyers = 0, repeaters = 0, active = 0, orders = 0, sales = 0, returns = 0;
  for (let c = 0; c < n; c++) {
    const o = summary.orders[c];
    orders += o;
    sales += summary.sales[c];
    returns += summary.returns[c];
    if (o > 0) {
      buyers++;
      if (o > 1) repeaters++;
      const last = summary.lastDay[c];
      if (last >= from && last <= asOf) active++;
    }
  }
  return {
    asOfDay: asOf === NO_DAY ? null : asOf,
    activeDays,
    customers: n,
    buyers,
    activeCustomers: active,
    orders,
    grossSales: sales,
    returnsAmount: returns,
    netRevenue: sales - returns,
    averageOrderValue: ratio(sales, orders),
    purchaseFrequency: ratio(orders, buyers),
    repurchaseRate: ratio(repeaters, buyers),
    returnsShare: ratio(returns, sales),
  };
}
