import { NO_DAY, type CustomerColumns, type OrderColumns } from '../../src/lib/domain';

/** Customers with unknown attributes, for small hand-computed cases. */
export function bareCustomers(ids: string[]): CustomerColumns {
  const blank = ids.map(() => '');
  return {
    id: ids, name: blank, gender: blank, birthDay: new Int32Array(ids.length).fill(NO_DAY), city: blank, province: blank,
    channel: blank, acquisitionCost: new Float64Array(ids.length).fill(NaN), signupDay: new Int32Array(ids.length).fill(NO_DAY),
    referredBy: blank, consent: new Uint8Array(ids.length), consentDay: new Int32Array(ids.length).fill(NO_DAY),
  };
}

/** Orders from [customerId, orderId, day, amount, isReturn] rows. */
export function orderRows(rows: [string, string, number, number, 0 | 1][]): OrderColumns {
  return {
    customerId: rows.map((r) => r[0]),
    orderId: rows.map((r) => r[1]),
    day: Int32Array.from(rows, (r) => r[2]),
    amount: Float64Array.from(rows, (r) => r[3]),
    quantity: Float64Array.from(rows, () => 1),
    isReturn: Uint8Array.from(rows, (r) => r[4]),
  };
}

/**
 * A hand-computed case. Customers 007 and 010 are listed; C3 never buys; D4 appears only in
 * orders. Order o2 has two lines; r1 returns 10 of o1; o4 is a zero-value purchase.
 */
export function handCase() {
  return {
    customers: bareCustomers(['007', '010', 'C3']),
    orders: orderRows([
      ['007', 'o1', 100, 50, 0],
      ['007', 'r1', 105, -10, 1],
      ['007', 'o2', 130, 20, 0],
      ['007', 'o2', 130, 10, 0],
      ['010', 'o3', 200, 100, 0],
      ['D4', 'o4', 50, 0, 0],
    ]),
  };
}
