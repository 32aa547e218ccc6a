/**
 * The simple CLV formulas of the source documents (DESIGN.md → "Simple CLV"), and CAC payback.
 *
 * Conventions:
 * - Inputs must be finite numbers; counts, amounts and durations must be ≥ 0. A bad input throws
 *   `{ code: 'clv.invalidInput', params: { field } }` (field = the input's property name).
 * - Margins may be negative (a loss-making customer has a negative CLV); they default to 1
 *   (CLV in revenue) where optional.
 */

/**
 * The simple CLV the app shows before the user changes anything (the Value page's sliders and the
 * customer page): 3 years of purchases at a 30% margin.
 */
export const SIMPLE_CLV_DEFAULTS = Object.freeze({ lifespanYears: 3, margin: 0.3 });

/** Input of {@link simpleClv}. */
export interface SimpleClvInput {
  /** Purchases per customer per year (≥ 0). */
  purchasesPerYear: number;
  /** Average order value (≥ 0). */
  averageOrderValue: number;
  /** Expected customer lifespan in years (≥ 0). */
  lifespanYears: number;
  /** Gross margin as a fraction of revenue; 1 (revenue) when omitted. */
  margin?: number;
}

/** Input of {@link retentionClv}. */
export interface RetentionClvInput {
  /** Margin per customer per period. */
  marginPerPeriod: number;
  /** Retention rate per period, 0 ≤ r < 1 + discountRate. */
  retention: number;
  /** Discount rate per period (> −1). */
  discountRate: number;
}

/** Input of {@link cacPayback}. */
export interface CacPaybackInput {
  /** Customer acquisition cost (≥ 0). */
  cac: number;
  /** Margin one customer brings per month. */
  marginPerMonth: number;
}

/**
 * CLV = purchases per year × average order value × lifespan in years × margin.
 * @param input frequency, AOV, lifespan, [margin = 1]
 * @example simpleClv({ purchasesPerYear: 4, averageOrderValue: 50, lifespanYears: 3, margin: 0.3 }) // → 180
 */
export function simpleClv(input: SimpleClvInput): number {
  const margin = input.margin ?? 1;
  nonNegative(input.purchasesPerYear, 'purchasesPerYear');
  nonNegative(input.averageOrderValue, 'averageOrderValue');
  nonNegative(input.lifespanYears, 'lifespanYears');
  finite(margin, 'margin');
  return input.purchasesPerYear * input.averageOrderValue * input.lifespanYears * margin;
}

/**
 * Retention form: CLV = m · r / (1 + d − r), the discounted margin of the periods after this one
 * for a customer retained with probability r each period (margin m per period, discount d).
 * Refuses `r ≥ 1 + d` (the sum does not converge) with `{ code: 'clv.retentionTooHigh',
 * params: { retention, discountRate } }`.
 * @param input marginPerPeriod, retention, discountRate
 * @example retentionClv({ marginPerPeriod: 100, retention: 0.8, discountRate: 0.1 }) // → 80 / 0.3 ≈ 266.67
 */
export function retentionClv(input: RetentionClvInput): number {
  const { marginPerPeriod: m, retention: r, discountRate: d } = input;
  finite(m, 'marginPerPeriod');
  nonNegative(r, 'retention');
  finite(d, 'discountRate');
  if (r >= 1 + d) throw { code: 'clv.retentionTooHigh', params: { retention: r, discountRate: d } };
  return (m * r) / (1 + d - r);
}

/**
 * Months until the margin of a customer pays back their acquisition cost: cac / marginPerMonth.
 * Null when the customer never pays back (marginPerMonth ≤ 0).
 * @param input cac, marginPerMonth
 * @example cacPayback({ cac: 120, marginPerMonth: 15 }) // → 8
 */
export function cacPayback(input: CacPaybackInput): number | null {
  nonNegative(input.cac, 'cac');
  finite(input.marginPerMonth, 'marginPerMonth');
  if (input.marginPerMonth <= 0) return null;
  return input.cac / input.marginPerMonth;
}

function finite(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw { code: 'clv.invalidInput', params: { field } };
}

function nonNegative(value: number, field: string): void {
  finite(value, field);
  if (value < 0) throw { code: 'clv.invalidInput', params: { field } };
}
