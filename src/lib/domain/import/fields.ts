/**
 * The fields an imported file can fill, per kind of file. The importer maps file columns onto
 * these names (headers.ts) and converts each cell (dates.ts, numbers.ts, ids.ts).
 */

/** What a file holds: order lines, customer attributes or survey answers. */
export type ImportKind = 'orders' | 'customers' | 'surveys';

/**
 * One target field. `required: 'amountOrQtyPrice'` marks the order amount: required unless both
 * quantity and unit price are mapped, in which case amount = quantity × unit price.
 */
export interface FieldSpec {
  field: string;
  required: boolean | 'amountOrQtyPrice';
}

/** The kinds, in the order the UI offers them. */
export const IMPORT_KINDS: readonly ImportKind[] = ['orders', 'customers', 'surveys'];

/**
 * Target fields per kind, in display order.
 * @example
 * FIELDS.orders.filter((f) => f.required === true).map((f) => f.field); // ['customerId', 'date']
 */
export const FIELDS: Record<ImportKind, readonly FieldSpec[]> = {
  orders: [
    { field: 'customerId', required: true },
    { field: 'orderId', required: false },
    { field: 'date', required: true },
    { field: 'amount', required: 'amountOrQtyPrice' },
    { field: 'quantity', required: false },
    { field: 'unitPrice', required: false },
    { field: 'returnFlag', required: false },
  ],
  customers: [
    { field: 'customerId', required: true },
    { field: 'name', required: false },
    { field: 'gender', required: false },
    { field: 'birthday', required: false },
    { field: 'age', required: false },
    { field: 'city', required: false },
    { field: 'province', required: false },
    { field: 'channel', required: false },
    { field: 'acquisitionCost', required: false },
    { field: 'signupDate', required: false },
  ],
  surveys: [
    { field: 'customerId', required: true },
    { field: 'date', required: false },
    { field: 'nps', required: false },
    { field: 'csat', required: false },
  ],
};
