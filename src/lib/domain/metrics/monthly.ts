import { civilFromDay, dayFromCivil, monthIndexOfDay, monthLabel } from '../days';
import { NO_DAY } from '../types';
import type { CustomerSummary } from './customer-summary';
import type { IndexedOrders } from './index-dataset';

/** One month of activity; month is 'YYYY-MM'. */
export interface MonthPoint {
  month: string;
  /** Purchases minus returns booked in the month. */
  netRevenue: number;
  orders: number;
  /** Customers whose first purchase falls in the month. */
  newCustomers: number;
  /** Days of the month within the data's span (first to last order day). */
  days: number;
  /** The data covers only part of the month (the first or the last month): its figures are not a full month's. */
  partial: boolean;
}

/** Month-by-month revenue, orders and new customers, with empty months filled in. */
export function monthlySeries(orders: IndexedOrders, summary: CustomerSummary): MonthPoint[] {
  const { day, amount, isReturn, orderKey } = orders;
  if (orders.length === 0) return [];
  let minDay = Infinity, maxDay = -Infinity;
  for (let i = 0; i < orders.length; i++) {
    if (day[i] < minDay) minDay = day[i];
    if (day[i] > maxDay) maxDay = day[i];
  }
  const first = monthIndexOfDay(minDay);
  const months = monthIndexOfDay(maxDay) - first + 1;
  const revenue = new Float64Array(months);
  const count = new Int32Array(months);
  const fresh = new Int32Array(months);
  // Month of each day in range, computed once: 1M rows cost one table lookup each.
  const dayMonth = new Int32Array(maxDay - minDay + 1);
  const covered = new Int32Array(months);
  for (let d = minDay, m = first; d <= maxDay; d++) {
    const [, , dd] = civilFromDay(d);
    if (dd === 1 && d !== minDay) m++;
    dayMonth[d - minDay] = m - first;
    covered[m - first]++;
  }
  const seen = new Uint8Array(orders.orderKeys);
  for (let i = 0; i < orders.length; i++) {
    const m = dayMonth[day[i] - minDay];
    revenue[m] += isReturn[i] ? -Math.abs(amount[i]) : amount[i];
    if (!isReturn[i] && !seen[orderKey[i]]) {
      seen[orderKey[i]] = 1;
      count[m]++;
    }
  }
  for (let c = 0; c < summary.firstDay.length; c++) {
    const f = summary.firstDay[c];
    if (f !== NO_DAY) fresh[dayMonth[f - minDay]]++;
  }
  const out: MonthPoint[] = [];
  for (let m = 0; m < months; m++) {
    out.push({
      month: monthLabel(first + m), netRevenue: revenue[m], orders: count[m], newCustomers: fresh[m],
      days: covered[m], partial: covered[m] < daysInMonth(first + m),
    });
  }
  return out;
}

/** Days in a month given by its index (year × 12 + month − 1, as monthIndexOfDay counts). */
function daysInMonth(index: number): number {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return dayFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - dayFromCivil(year, month, 1);
}
