/**
 * The orders CSV of the import figure (import_1m_orders): the same deterministic 1M-order /
 * 100k-customer transaction log as the rest of the bench (generateSyntheticOrders, seed 42), written
 * as a plain UTF-8 orders file with a header. run-bench.mjs loads this module in Node (through Vite's
 * module runner), writes the text to a temporary file and hands that file to the page's
 * `<input type=file>` with playwright's setInputFiles, so the page gets a real disk-backed File.
 *
 *   customer_id,order_id,order_date,amount,quantity
 *   C0000042,O00000001,2023-01-01,37.25,2
 *
 * Ids keep their leading zeros; dates are YYYY-MM-DD over 3 years (2023-01-01 + 1096 days); amounts
 * have 2 decimals; returns (about 3%) have a negative amount and a negative quantity.
 */
import { isoDate } from '../../src/lib/domain';
import { generateSyntheticOrders } from '../../src/lib/domain/demo';
import { CUSTOMERS, ORDERS } from './fixtures';

export const IMPORT_FILE_NAME = 'orders-1m.csv';
export const IMPORT_HEADER = 'customer_id,order_id,order_date,amount,quantity';

export interface OrdersCsv {
  /** The file's text, in pieces of about 1 MB (join or write them in order). */
  parts: string[];
  rows: number;
  customers: number;
  returns: number;
}

/** The whole orders file (about 1–2 s in Node). */
export function ordersCsv(): OrdersCsv {
  const o = generateSyntheticOrders({ orders: ORDERS, customers: CUSTOMERS, seed: 42 });
  const dates = new Map<number, string>();
  const parts: string[] = [];
  let part = IMPORT_HEADER + '\n';
  let returns = 0;
  for (let i = 0; i < ORDERS; i++) {
    let date = dates.get(o.day[i]);
    if (date === undefined) dates.set(o.day[i], (date = isoDate(o.day[i])));
    const back = o.isReturn[i] === 1;
    if (back) returns++;
    const amount = Math.abs(o.amount[i]).toFixed(2);
    part += `${o.customerId[i]},${o.orderId[i]},${date},${back ? '-' : ''}${amount},${back ? -o.quantity[i] : o.quantity[i]}\n`;
    if (part.length >= 1 << 20) {
      parts.push(part);
      part = '';
    }
  }
  if (part) parts.push(part);
  return { parts, rows: ORDERS, customers: CUSTOMERS, returns };
}
