/**
 * Batch scoring: P(alive) and expected purchases for many customers at once, columns in and
 * columns out, with either purchase model. The work a screen does most (the value page, the
 * customers table, alerts and every list built on them) goes through here.
 */
import { bgNbdScore, type BgNbdParams } from './bg-nbd';
import { paretoNbdScore, type ParetoNbdParams } from './pareto-nbd';

/** A fitted purchase model. */
export type PurchaseModel = { kind: 'bg-nbd'; params: BgNbdParams } | { kind: 'pareto-nbd'; params: ParetoNbdParams };

/** Customers as columns: repeat purchases x, recency t_x and age T, in the model's time unit. */
export interface BtydColumns {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
}

/** Scores, one entry per customer, in the input's order. */
export interface CustomerScores {
  probabilityAlive: Float64Array;
  expectedPurchases: Float64Array;
}

/**
 * P(alive) and expected purchases in (T, T + horizon] of every customer, equal to the
 * single-customer functions (bgNbdProbabilityAlive / bgNbdExpectedPurchases, the Pareto/NBD ones)
 * for each; P(alive) is exactly 1 for x = 0 under BG/NBD. Inputs are checked once per call: bad
 * parameters throw `model.invalidParams`, columns of different lengths `model.lengthMismatch`, an
 * impossible customer or a negative horizon `{ code: 'model.invalidCustomer', params: { index, reason, … } }`.
 * @example scoreCustomers({ kind: 'bg-nbd', params: fit }, { frequency, recency, T }, 39)
 */
export function scoreCustomers(model: PurchaseModel, customers: BtydColumns, horizon: number): CustomerScores {
  const { probabilityAlive, expectedPurchases } = scoreCustomersAt(model, customers, [horizon]);
  return { probabilityAlive, expectedPurchases: expectedPurchases[0] };
}

/** {@link scoreCustomers} for several horizons in one pass (P(alive) once, one expected column per horizon). */
export function scoreCustomersAt(
  model: PurchaseModel, customers: BtydColumns, horizons: readonly number[],
): { probabilityAlive: Float64Array; expectedPurchases: Float64Array[] } {
  if (model.kind === 'bg-nbd') return bgNbdScore(model.params, customers, horizons);
  if (model.kind === 'pareto-nbd') return paretoNbdScore(model.params, customers, horizons);
  throw { code: 'model.unknownModel', params: { kind: String((model as { kind: unknown }).kind) } };
}
