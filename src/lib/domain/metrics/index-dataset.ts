import type { CustomerColumns, DatasetContent } from '../types';
import { CONSENT_UNKNOWN, NO_DAY } from '../types';

/** Orders with customers and order ids replaced by dense integer keys. */
export interface IndexedOrders {
  length: number;
  /** Index into the dataset's customers. */
  customer: Int32Array;
  /** Dense key of the order id (0 … orderKeys - 1). */
  orderKey: Int32Array;
  orderKeys: number;
  day: Int32Array;
  amount: Float64Array;
  quantity: Float64Array;
  isReturn: Uint8Array;
  orderId: string[];
}

/** A dataset ready for queries: every customer that orders is in `customers`. */
export interface IndexedDataset {
  customers: CustomerColumns;
  customerIndex: Map<string, number>;
  orders: IndexedOrders;
}

/**
 * Key customers and orders by dense integers. Customers who appear only in orders (a bare
 * transaction log) are added with unknown attributes; a customer listed twice keeps the last row
 * (batches are read oldest first, so a newer import wins).
 */
export function indexDataset(content: Pick<DatasetContent, 'customers' | 'orders'>): IndexedDataset {
  const { customers: given, orders } = content;
  const customerIndex = new Map<string, number>();
  const keep: number[] = [];
  for (let i = 0; i < given.id.length; i++) {
    const id = given.id[i];
    const k = customerIndex.get(id);
    if (k === undefined) {
      customerIndex.set(id, keep.length);
      keep.push(i);
    } else {
      keep[k] = i; // a later row (newer import) replaces the earlier one
    }
  }
  const n = orders.customerId.length;
  const customer = new Int32Array(n);
  const extra: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = orders.customerId[i];
    let k = customerIndex.get(id);
    if (k === undefined) {
      k = keep.length + extra.length;
      customerIndex.set(id, k);
      extra.push(id);
    }
    customer[i] = k;
  }
  const orderKey = new Int32Array(n);
  const orderIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = orders.orderId[i];
    let k = orderIndex.get(id);
    if (k === undefined) {
      k = orderIndex.size;
      orderIndex.set(id, k);
    }
    orderKey[i] = k;
  }
  return {
    customers: appendCustomers(selectCustomers(given, keep), extra),
    customerIndex,
    orders: {
      length: n, customer, orderKey, orderKeys: orderIndex.size, day: orders.day, amount: orders.amount,
      quantity: orders.quantity, isReturn: orders.isReturn, orderId: orders.orderId,
    },
  };
}

function selectCustomers(c: CustomerColumns, rows: number[]): CustomerColumns {
  if (rows.length === c.id.length) return c;
  const pick = <T>(a: T[]) => rows.map((i) => a[i]);
  const pickTyped = <A extends Int32Array | Float64Array | Uint8Array>(a: A) => {
    const out = new (a.constructor as new (n: number) => A)(rows.length);
    rows.forEach((i, j) => (out[j] = a[i]));
    return out;
  };
  return {
    id: pick(c.id), name: pick(c.name), gender: pick(c.gender), birthDay: pickTyped(c.birthDay), city: pick(c.city),
    province: pick(c.province), channel: pick(c.channel), acquisitionCost: pickTyped(c.acquisitionCost),
    signupDay: pickTyped(c.signupDay), referredBy: pick(c.referredBy), consent: pickTyped(c.consent),
    consentDay: pickTyped(c.consentDay),
  };
}

function appendCustomers(c: CustomerColumns, ids: string[]): CustomerColumns {
  if (ids.length === 0) return c;
  const n = c.id.length + ids.length;
  const grow = <A extends Int32Array | Float64Array | Uint8Array>(a: A, fill: number) => {
    const out = new (a.constructor as new (n: number) => A)(n);
    out.set(a);
    out.fill(fill, a.length);
    return out;
  };
  const blank = ids.map(() => '');
  return {
    id: c.id.concat(ids), name: c.name.concat(blank), gender: c.gender.concat(blank),
    birthDay: grow(c.birthDay, NO_DAY), city: c.city.concat(blank), province: c.province.concat(blank),
    channel: c.channel.concat(blank), acquisitionCost: grow(c.acquisitionCost, NaN), signupDay: grow(c.signupDay, NO_DAY),
    referredBy: c.referredBy.concat(blank), consent: grow(c.consent, CONSENT_UNKNOWN), consentDay: grow(c.consentDay, NO_DAY),
  };
}

/** For a dataset's orders: row numbers grouped by customer (CSR layout). */
export function rowsByCustomer(orders: Pick<IndexedOrders, 'customer' | 'length'>, customers: number): {
  offsets: Int32Array;
  rows: Int32Array;
} {
  const offsets = new Int32Array(customers + 1);
  for (let i = 0; i < orders.length; i++) offsets[orders.customer[i] + 1]++;
  for (let k = 0; k < customers; k++) offsets[k + 1] += offsets[k];
  const fill = offsets.slice(0, customers);
  const rows = new Int32Array(orders.length);
  for (let i = 0; i < orders.length; i++) rows[fill[orders.customer[i]]++] = i;
  return { offsets, rows };
}

