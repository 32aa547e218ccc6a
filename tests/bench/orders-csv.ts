/**
 * The orders CSV files of the import figures: the same deterministic 1M-order / 100k-customer
 * transaction log as the rest of the bench (generateSyntheticOrders, seed 42), written as plain
 * UTF-8 orders files with a header: all 1M lines (import_1m_orders, and the source of the Parquet
 * file of import_parquet_1m), and its first 100,000 lines (import_csv_100k, the same lines as the
 * workbook of import_xlsx_100k, orders-xlsx.ts). run-bench.mjs loads this module in Node (through
 * Vite's module runner), writes the text to temporary files and hands them to the page's
 * `<input type=file>` with playwright's setInputFiles, so the page gets real disk-backed Files.
 *
 *   customer_id,order_id,order_date,amount,quantity
 *   C0000042,O00000001,2023-01-01,37.25,2
 *
 * Ids keep their leading zeros; dates are YYYY-MM-DD over 3 years (2023-01-01 + 1096 days); amounts
 * have 2 decimals; returns (about 3%) have a negative amount and a negative quantity.
 */
import { isoDate, type OrderColumns } from '../../src/lib/domain';
import { generateSyntheticOrders } from '../../src/lib/domain/demo';
import { CUSTOMERS, ORDERS } from './fixtures';
import { IMPORT_FILES, IMPORT_HEADER, type ImportExpect } from './protocol';

/** The import files' names, for run-bench.mjs. */
export { IMPORT_FILES };

/** The bench's 1M orders (about 1 s in Node), in file order (by day, order ids numbered so). */
export function benchOrders(): OrderColumns {
  return generateSyntheticOrders({ orders: ORDERS, customers: CUSTOMERS, seed: 42 });
}

/** What an import of the first `rows` lines must find: lines, distinct customers, returns. */
export function expectOf(o: OrderColumns, rows: number): ImportExpect {
  const customers = new Set<string>();
  let returns = 0;
  for (let i = 0; i < rows; i++) {
    customers.add(o.customerId[i]);
    if (o.isReturn[i] === 1) returns++;
  }
  return { rows, customers: customers.size, returns };
}

export interface OrdersCsv extends ImportExpect {
  /** The file's text, in pieces of about 1 MB (join or write them in order). */
  parts: string[];
}

/** The first `rows` lines (default all 1M) as an orders CSV file's text. */
export function ordersCsv(o: OrderColumns = benchOrders(), rows = ORDERS): OrdersCsv {
  const dates = new Map<number, string>();
  const parts: string[] = [];
  let part = IMPORT_HEADER + '\n';
  for (let i = 0; i < rows; i++) {
    let date = dates.get(o.day[i]);
    if (date === undefined) dates.set(o.day[i], (date = isoDate(o.day[i])));
    const back = o.isReturn[i] === 1;
    const amount = Math.abs(o.amount[i]).toFixed(2);
    part += `${o.customerId[i]},${o.orderId[i]},${date},${back ? '-' : ''}${amount},${back ? -o.quantity[i] : o.quantity[i]}\n`;
    if (part.length >= 1 << 20) {
      parts.push(part);
      part = '';
    }
  }
  if (part) parts.push(part);
  return { parts, ...expectOf(o, rows) };
}
