/**
 * The workbook of the import_xlsx_100k figure: the first 100,000 lines of the bench's orders (the
 * lines of orders-csv.ts's 100k CSV, import_csv_100k) in one sheet, "Orders", of an .xlsx file
 * written by @e965/xlsx (SheetJS) in Node, with typed cells as Excel saves them:
 *
 *   customer_id  order_id   order_date                          amount  quantity
 *   text         text       number: date serial, 'yyyy-mm-dd'   number  number
 *
 * Ids are text cells (their leading zeros kept: 'C0000042', 'O00000001'); the order date is an Excel
 * date serial (days since 1899-12-30, no time) with the number format 'yyyy-mm-dd'; amounts (2
 * decimals, negative for returns) and quantities (negative for returns) are plain numbers. As Excel
 * does, the zip is deflated and text cells go through the shared-strings table.
 */
import { utils, write, type CellObject } from '@e965/xlsx';
import { dayFromCivil, type OrderColumns } from '../../src/lib/domain';
import { IMPORT_HEADER, IMPORT_XLSX_SHEET, type ImportExpect } from './protocol';
import { expectOf } from './orders-csv';

/** The sheet that holds the orders (the workbook has no other). */
export const XLSX_SHEET = IMPORT_XLSX_SHEET;
/** Day 0 of Excel's 1900 date system for serials from 61 on (every date here). */
const EXCEL_EPOCH = dayFromCivil(1899, 12, 30);

export interface OrdersWorkbook extends ImportExpect {
  bytes: Uint8Array;
}

/** The first `rows` lines of `o` as a one-sheet workbook. */
export function ordersWorkbook(o: OrderColumns, rows: number): OrdersWorkbook {
  const aoa: (string | number | CellObject)[][] = [IMPORT_HEADER.split(',')];
  for (let i = 0; i < rows; i++) {
    const back = o.isReturn[i] === 1;
    aoa.push([
      o.customerId[i],
      o.orderId[i],
      { t: 'n', v: o.day[i] - EXCEL_EPOCH, z: 'yyyy-mm-dd' },
      o.amount[i],
      back ? -o.quantity[i] : o.quantity[i],
    ]);
  }
  const wb = utils.book_new();
  utils.book_append_sheet(wb, utils.aoa_to_sheet(aoa), XLSX_SHEET);
  const buffer = write(wb, { type: 'buffer', bookType: 'xlsx', compression: true, bookSST: true }) as Uint8Array;
  return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), ...expectOf(o, rows) };
}
