/**
 * What the purchase models accept as a customer, checked the same way by every single-customer
 * function, batch scoring and the fits: x repeat purchases (a whole number ≥ 0), recency t_x and
 * age T (finite, 0 ≤ t_x ≤ T), t_x > 0 exactly when x > 0 (a repeat purchase comes after the
 * first; without one the last purchase is the first, at 0). Anything else is an impossible
 * customer and throws `{ code: 'model.invalidCustomer', params: { index, reason, frequency,
 * recency, T } }`; a horizon must be finite and ≥ 0 (`reason` 'negativeHorizon' / 'notFinite').
 */

/** Why a customer (or a horizon) was refused; each has its own words in the catalogs (`model.invalidCustomer.<reason>`). */
export const INVALID_CUSTOMER_REASONS = [
  'notFinite', 'negativeFrequency', 'nonIntegerFrequency', 'negativeRecency', 'recencyAboveAge', 'repeatWithoutRecency',
  'recencyWithoutRepeat', 'negativeHorizon',
] as const;
export type InvalidCustomerReason = (typeof INVALID_CUSTOMER_REASONS)[number];

/** The notice thrown for an impossible customer or horizon. */
export interface InvalidCustomer {
  code: 'model.invalidCustomer';
  params: { index?: number; reason: InvalidCustomerReason; frequency?: number; recency?: number; T?: number; horizon?: number };
}

/** The reason a customer is impossible, or null when the models accept it. */
export function customerProblem(x: number, tx: number, T: number): InvalidCustomerReason | null {
  if (!(Number.isFinite(x) && Number.isFinite(tx) && Number.isFinite(T))) return 'notFinite';
  if (x < 0) return 'negativeFrequency';
  if (!Number.isInteger(x)) return 'nonIntegerFrequency';
  if (tx < 0) return 'negativeRecency';
  if (tx > T) return 'recencyAboveAge';
  if (x > 0 && tx === 0) return 'repeatWithoutRecency';
  if (x === 0 && tx !== 0) return 'recencyWithoutRepeat';
  return null;
}

/** Throws `model.invalidCustomer` unless (x, t_x, T) is a possible customer; `index` says which. */
export function checkCustomer(x: number, tx: number, T: number, index = 0): void {
  // the common case in one comparison chain, so batch loops pay little for the check
  if (x > 0 ? tx > 0 && tx <= T && T < Infinity && Number.isInteger(x) : x === 0 && tx === 0 && T >= 0 && T < Infinity) return;
  const reason = customerProblem(x, tx, T) ?? 'notFinite';
  throw { code: 'model.invalidCustomer', params: { index, reason, frequency: x, recency: tx, T } } satisfies InvalidCustomer;
}

/** Throws `model.invalidCustomer` (reason 'negativeHorizon' or 'notFinite') unless t is finite and ≥ 0. */
export function checkHorizon(t: number): void {
  if (t >= 0 && t < Infinity) return;
  const reason: InvalidCustomerReason = t < 0 ? 'negativeHorizon' : 'notFinite';
  throw { code: 'model.invalidCustomer', params: { reason, horizon: t } } satisfies InvalidCustomer;
}

/** Throws `model.invalidCustomer` with the first impossible customer's index. */
export function checkCustomers(frequency: ArrayLike<number>, recency: ArrayLike<number>, T: ArrayLike<number>): void {
  const n = frequency.length;
  if (recency.length !== n || T.length !== n) {
    throw { code: 'model.lengthMismatch', params: { frequency: n, recency: recency.length, T: T.length } };
  }
  for (let i = 0; i < n; i++) checkCustomer(frequency[i], recency[i], T[i], i);
}

/** The checks of a batch scoring call, once: every horizon and every customer; returns the number of customers. */
export function checkBatch(customers: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number> }, horizons: readonly number[]): number {
  for (const t of horizons) checkHorizon(t);
  checkCustomers(customers.frequency, customers.recency, customers.T);
  return customers.frequency.length;
}

