/**
 * The sample-size calculator (样本量计算, issue 16): customers per arm for a minimum detectable
 * effect given as percentage points or as a share of the baseline, the total over both arms, and
 * the days it takes at a daily rate of customers — from the dataset: the distinct customers who
 * bought in its last 90 days ÷ 90. Invalid input throws a `Notice` (`sampleSize.error.*`, and the
 * stats' `act.*` codes).
 */
import type { Notice } from '../types';
import { NO_DAY } from '../types';
import { sampleSizePerArm } from './stats';

/** The minimum detectable effect: points added to the baseline, or a share of it. */
export type EffectKind = 'absolute' | 'relative';

export interface SampleSizeRequest {
  /** Baseline conversion rate (0–1). */
  baseline: number;
  /** 0.02 = 2 points (absolute) or 20% of the baseline (relative); may be negative (a drop). */
  effect: number;
  effectKind: EffectKind;
  /** Two-sided significance level [0.05]. */
  alpha?: number;
  /** Power [0.8]. */
  power?: number;
  /** Customers who can enter the test per day (null: no days). */
  perDay?: number | null;
}

export interface SampleSizePlan {
  baseline: number;
  /** The rate to detect. */
  target: number;
  perArm: number;
  /** perArm × 2 (control and treated). */
  total: number;
  /** ⌈total ÷ perDay⌉, null without a daily rate. */
  days: number | null;
}

/** Days looked back for the dataset's daily rate. */
export const RATE_DAYS = 90;

const fail = (code: string, params: Notice['params'] = {}): never => {
  throw { code, params } satisfies Notice;
};

/**
 * Customers per arm, total and days for a test of `baseline` against baseline + effect (absolute)
 * or baseline × (1 + effect) (relative), with sampleSizePerArm. Throws `sampleSize.error.baseline`
 * (outside (0, 1)), `sampleSize.error.effectZero`, `sampleSize.error.target` (the target leaves
 * (0, 1)), `sampleSize.error.alpha`, `sampleSize.error.power` (outside (0, 1)) and
 * `sampleSize.error.perDay` (a rate that is not a number above 0).
 * @example planSampleSize({ baseline: 0.1, effect: 0.02, effectKind: 'absolute', perDay: 100 })
 * // { baseline: 0.1, target: 0.12, perArm: 3623, total: 7246, days: 73 }
 */
export function planSampleSize(request: SampleSizeRequest): SampleSizePlan {
  const { baseline, effect, effectKind } = request;
  const alpha = request.alpha ?? 0.05;
  const power = request.power ?? 0.8;
  const perDay = request.perDay ?? null;
  if (!(Number.isFinite(baseline) && baseline > 0 && baseline < 1)) fail('sampleSize.error.baseline', { value: String(baseline) });
  if (!Number.isFinite(effect)) fail('sampleSize.error.effect', { value: String(effect) });
  if (effect === 0) fail('sampleSize.error.effectZero');
  if (!(alpha > 0 && alpha < 1)) fail('sampleSize.error.alpha', { value: String(alpha) });
  if (!(power > 0 && power < 1)) fail('sampleSize.error.power', { value: String(power) });
  if (perDay !== null && !(Number.isFinite(perDay) && perDay > 0)) fail('sampleSize.error.perDay', { value: String(perDay) });
  // rounded to 12 digits so 0.1 + 0.02 is 0.12, not 0.12000000000000001
  const target = Math.round((effectKind === 'relative' ? baseline * (1 + effect) : baseline + effect) * 1e12) / 1e12;
  if (!(target > 0 && target < 1)) fail('sampleSize.error.target', { target: String(target) });
  if (target === baseline) fail('sampleSize.error.effectZero');
  const perArm = sampleSizePerArm(baseline, target, { alpha, power });
  const total = perArm * 2;
  return { baseline, target, perArm, total, days: perDay === null ? null : Math.ceil(total / perDay) };
}

/**
 * Distinct customers whose last purchase falls in the `days` days up to and including the latest
 * purchase day of all, ÷ days: the customers a test could reach per day. Customers who never
 * bought (NO_DAY) do not count. No purchases at all: asOfDay null, perDay 0.
 * @param lastDay each customer's last purchase day (days since 1970-01-01)
 * @param days the look-back [RATE_DAYS = 90]
 * @example recentBuyersPerDay(Int32Array.from([100, 95, 10, NO_DAY]), 90) // { asOfDay: 100, customers: 2, days: 90, perDay: 2/90 }: days 11…100
 */
export function recentBuyersPerDay(lastDay: ArrayLike<number>, days = RATE_DAYS): { asOfDay: number | null; customers: number; days: number; perDay: number } {
  let last = -Infinity;
  for (let i = 0; i < lastDay.length; i++) if (lastDay[i] !== NO_DAY && lastDay[i] > last) last = lastDay[i];
  if (!Number.isFinite(last)) return { asOfDay: null, customers: 0, days, perDay: 0 };
  const from = last - days + 1;
  let customers = 0;
  for (let i = 0; i < lastDay.length; i++) if (lastDay[i] !== NO_DAY && lastDay[i] >= from) customers++;
  return { asOfDay: last, customers, days, perDay: customers / days };
}
