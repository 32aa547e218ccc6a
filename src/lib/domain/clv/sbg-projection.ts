import { fitShiftedBetaGeometric, sbgExpectedLifetime, sbgRetention, sbgSurvival } from './sbg';

/** One period of {@link projectSbg}: observed and model survival, and the model's retention rate. */
export interface SbgProjectionRow {
  /** Period, 0 = the cohort's start. */
  t: number;
  /** Observed share still active (survivors[t] / survivors[0]); null beyond the data. */
  actual: number | null;
  /** Model survival S(t). */
  survival: number;
  /** Model retention rate r_t = S(t)/S(t−1); null for t = 0. */
  retention: number | null;
}

export interface SbgProjection {
  alpha: number;
  beta: number;
  /** Expected periods active, truncated at the horizon. */
  lifetime: number;
  /** Last period projected. */
  horizon: number;
  /** Periods 0…horizon. */
  rows: SbgProjectionRow[];
}

/**
 * Fit the shifted-beta-geometric model to a survivor series and project survival and retention
 * twice as far as observed (at least 12 periods). Refuses bad series like
 * {@link fitShiftedBetaGeometric} (`{ code: 'model.badSurvivors', … }`).
 * @param survivors cohort size, then survivors after each period; non-increasing
 * @example projectSbg([1000, 631, 468, 382, 326, 289, 262, 241]).rows[1].retention // ≈ 0.627
 */
export function projectSbg(survivors: readonly number[]): SbgProjection {
  const fit = fitShiftedBetaGeometric(survivors);
  const horizon = Math.max(12, (survivors.length - 1) * 2);
  const rows = Array.from({ length: horizon + 1 }, (_, t): SbgProjectionRow => ({
    t,
    actual: t < survivors.length ? survivors[t] / survivors[0] : null,
    survival: sbgSurvival(fit, t),
    retention: t > 0 ? sbgRetention(fit, t) : null,
  }));
  return { alpha: fit.alpha, beta: fit.beta, lifetime: sbgExpectedLifetime(fit, horizon), horizon, rows };
}
