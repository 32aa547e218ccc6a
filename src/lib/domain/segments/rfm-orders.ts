import { parseIsoDay } from '../days';
import type { RfmInputRow } from './rfm';

/** One order line: its customer, calendar date ('YYYY-MM-DD', a time after it is ignored) and amount. */
export interface RfmOrderLine {
  customerId: string;
  date: string;
  amount: number;
  orderId?: string;
  isReturn?: boolean;
}

/** Options of {@link rfmFromOrders}. */
export interface RfmFromOrdersOptions {
  /** The day the analysis is as of ('YYYY-MM-DD'): only lines dated on or before it count. */
  analysisDate: string;
  /** M as net spend ('total', the default) or net spend per order ('average'). */
  monetary?: 'total' | 'average';
}

/** The calendar day of a date text ('YYYY-MM-DD', optionally followed by a time), or undefined. */
function dayOf(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]*(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text.trim());
  return m ? parseIsoDay(m[1]) : undefined;
}

/**
 * RFM facts per customer straight from order lines, as of a date (DESIGN.md → RFM, Returns).
 * Only lines dated on or before `analysisDate` count. A line is a return when `isReturn` is true or
 * its amount is negative; returns are not orders and their dates do not count for recency.
 * Customers without an order by then are left out (they are not customers yet).
 * - recencyDays = analysisDate − the day of the customer's last order (≥ 0);
 * - frequency = distinct order ids (lines without an id count one order per distinct day);
 * - monetary ('total') = Σ order amounts − Σ |return amounts|; 'average' divides it by frequency.
 *
 * @param orders Order lines in any order.
 * @param options `analysisDate`; `monetary` ['total'].
 * @returns One row per customer with an order by the analysis date, in order of first appearance.
 * @throws `{ code: 'rfm.badAnalysisDate' }`, `{ code: 'rfm.badOrderLine', params: { row } }` for a
 *   line without a customer id, with an unreadable date or a non-finite amount (row counts from 1).
 * @example
 * rfmFromOrders([
 *   { customerId: 'a', date: '2024-01-01', amount: 100, orderId: '1' },
 *   { customerId: 'a', date: '2024-01-05', amount: -20, isReturn: true },
 *   { customerId: 'a', date: '2024-02-01', amount: 50, orderId: '2' },
 * ], { analysisDate: '2024-01-31' });
 * // [{ customerId: 'a', recencyDays: 30, frequency: 1, monetary: 80 }]
 */
export function rfmFromOrders(orders: readonly RfmOrderLine[], options: RfmFromOrdersOptions): RfmInputRow[] {
  const asOf = dayOf(options?.analysisDate);
  if (asOf === undefined) throw { code: 'rfm.badAnalysisDate', params: { value: String(options?.analysisDate ?? '') } };
  const monetary = options.monetary ?? 'total';
  if (monetary !== 'total' && monetary !== 'average') throw { code: 'rfm.badMonetary', params: { value: String(monetary) } };
  const acc = new Map<string, { last: number; orders: Set<string>; spend: number }>();
  const seen: string[] = [];
  for (let i = 0; i < orders.length; i++) {
    const line = orders[i];
    const day = dayOf(line?.date);
    const id = line?.customerId;
    if (typeof id !== 'string' || id === '' || day === undefined || typeof line.amount !== 'number' || !Number.isFinite(line.amount)) {
      throw { code: 'rfm.badOrderLine', params: { row: i + 1 } };
    }
    if (day > asOf) continue;
    let a = acc.get(id);
    if (!a) {
      a = { last: -Infinity, orders: new Set(), spend: 0 };
      acc.set(id, a);
      seen.push(id);
    }
    if (line.isReturn === true || line.amount < 0) {
      a.spend -= Math.abs(line.amount);
      continue;
    }
    a.spend += line.amount;
    a.orders.add(line.orderId !== undefined && line.orderId !== '' ? `#${line.orderId}` : `@${day}`);
    if (day > a.last) a.last = day;
  }
  const out: RfmInputRow[] = [];
  for (const id of seen) {
    const a = acc.get(id)!;
    const frequency = a.orders.size;
    if (frequency === 0) continue; // only returns by then: not a customer yet
    out.push({ customerId: id, recencyDays: asOf - a.last, frequency, monetary: monetary === 'average' ? a.spend / frequency : a.spend });
  }
  return out;
}
