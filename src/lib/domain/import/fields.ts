/**
 * The fields an imported file can fill, per kind of file. The importer maps file columns onto
 * these names (headers.ts) and converts each cell (dates.ts, numbers.ts, ids.ts).
 */

/**
 * What a file holds: order lines, customer attributes, survey answers (NPS, CSAT), feedback and
 * complaints, SERVQUAL answers, or SERVQUAL importance points. Each is stored as the table kind
 * of the same name.
 */
export type ImportKind = 'orders' | 'customers' | 'surveys' | 'interactions' | 'servqual' | 'importance';

/**
 * One target field. `required: 'amountOrQtyPrice'` marks the order amount: required unless both
 * quantity and unit price are mapped, in which case amount = quantity × unit price.
 * `required: 'itemOrDimension'` marks a SERVQUAL answer's item: required unless the dimension is mapped.
 */
export interface FieldSpec {
  field: string;
  required: boolean | 'amountOrQtyPrice' | 'itemOrDimension';
}

/** The kinds, in the order the UI offers them. */
export const IMPORT_KINDS: readonly ImportKind[] = ['orders', 'customers', 'surveys', 'interactions', 'servqual', 'importance'];

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
    { field: 'referredBy', required: false },
    { field: 'consent', required: false },
    { field: 'consentDate', required: false },
  ],
  surveys: [
    { field: 'customerId', required: true },
    { field: 'date', required: false },
    { field: 'nps', required: false },
    { field: 'csat', required: false },
  ],
  interactions: [
    { field: 'customerId', required: true },
    { field: 'date', required: true },
    { field: 'interactionType', required: false },
    { field: 'serviceChannel', required: false },
    { field: 'topic', required: false },
    { field: 'severity', required: false },
    { field: 'status', required: false },
    { field: 'resolvedDate', required: false },
    { field: 'text', required: false },
    { field: 'interactionId', required: false },
  ],
  servqual: [
    { field: 'customerId', required: true },
    { field: 'date', required: false },
    { field: 'item', required: 'itemOrDimension' },
    { field: 'dimension', required: false },
    { field: 'expectation', required: true },
    { field: 'perception', required: true },
  ],
  importance: [
    { field: 'customerId', required: true },
    { field: 'date', required: false },
    { field: 'tangibles', required: true },
    { field: 'reliability', required: true },
    { field: 'responsiveness', required: true },
    { field: 'assurance', required: true },
    { field: 'empathy', required: true },
  ],
};
