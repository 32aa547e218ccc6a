/**
 * The demo company's fixed calendar: the observation window and a day-by-day shopping intensity
 * with Chinese retail seasonality (618, 双11, December, the weeks before the Spring Festival).
 */

import { civilFromDay, dayFromCivil } from '../days';
import type { DayNumber } from '../types';

/** First day of the demo window (2023-01-01). */
export const DEMO_START_DAY: DayNumber = dayFromCivil(2023, 1, 1);
/** Last day of the demo window (2025-12-31), inclusive. */
export const DEMO_END_DAY: DayNumber = dayFromCivil(2025, 12, 31);

/** Spring Festival (Chinese New Year) dates that affect the window. */
const SPRING_FESTIVALS: readonly DayNumber[] = [
  dayFromCivil(2023, 1, 22),
  dayFromCivil(2024, 2, 10),
  dayFromCivil(2025, 1, 29),
  dayFromCivil(2026, 2, 17),
];

/** Relative shopping intensity per calendar month (January first). */
const MONTH_FACTOR = [1.0, 0.85, 0.95, 0.95, 1.0, 1.1, 0.92, 0.92, 1.0, 1.05, 1.3, 1.25];

/** Shopping intensity of one day (around 1 on an ordinary day). */
export function seasonalWeight(day: DayNumber): number {
  const [, month, dom] = civilFromDay(day);
  let w = MONTH_FACTOR[month - 1];
  if (month === 11 && dom <= 11) w *= dom >= 10 ? 3.2 : 1.5; // 双11 pre-sales and the day itself
  if (month === 6 && dom >= 15 && dom <= 18) w *= dom === 18 ? 2.4 : 1.4; // 618
  if (month === 12 && dom >= 10 && dom <= 24) w *= 1.15; // year-end gifts
  for (const festival of SPRING_FESTIVALS) {
    const offset = day - festival;
    if (offset >= -24 && offset < -3) w *= 1.45; // New Year shopping
    else if (offset >= -3 && offset <= 6) w *= 0.55; // holiday week: logistics pause
  }
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday (1970-01-01 was a Thursday)
  if (weekday === 0 || weekday === 6) w *= 1.12;
  return w;
}

/** Intensity of every day from `start` to `end` inclusive. */
export function seasonalWeights(start: DayNumber, end: DayNumber): Float64Array {
  const weights = new Float64Array(end - start + 1);
  for (let i = 0; i < weights.length; i++) weights[i] = seasonalWeight(start + i);
  return weights;
}

/** Draws indices in proportion to fixed weights by binary search on their running sum. */
export class CumulativeSampler {
  private readonly cumulative: Float64Array;

  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      sum += Math.max(0, weights[i]);
      this.cumulative[i] = sum;
    }
  }

  /** Index for a uniform draw u in [0, 1). */
  index(u: number): number {
    const c = this.cumulative;
    const target = u * c[c.length - 1];
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
