import type { Notice } from '../types';

/** The default calibration period of a purchase model and why it was chosen. */
export interface CalibrationChoice {
  /** Last day of the calibration period; the days after it up to the last order are the holdout. */
  calibrationEndDay: number;
  /** Length of the holdout in days (0: none). */
  holdoutDays: number;
  /** How it was chosen, for the user: 'value.calibration.holdout' {weeks} or 'value.calibration.noHoldout' {weeks}. */
  notice: Notice;
}

/** Shortest calibration period and holdout the default leaves (days). */
export const MIN_CALIBRATION_DAYS = 26 * 7;
export const MIN_HOLDOUT_DAYS = 13 * 7;
const MAX_HOLDOUT_DAYS = 52 * 7;

/**
 * The default calibration end for data from `firstDay` to `lastDay` (the first and last order).
 * With at least 26 weeks of calibration and 13 of holdout possible, the last third of the span is
 * held out (in whole weeks, 13 to 52), so a model's predictions can be checked against what
 * customers really did; a shorter history has no holdout, and says so.
 *
 * @example
 * defaultCalibrationEnd(0, 545); // 78 weeks: the last 26 held out → { calibrationEndDay: 363, holdoutDays: 182, … }
 */
export function defaultCalibrationEnd(firstDay: number, lastDay: number): CalibrationChoice {
  const span = lastDay - firstDay;
  if (!Number.isFinite(span) || span < MIN_CALIBRATION_DAYS + MIN_HOLDOUT_DAYS) {
    const weeks = Number.isFinite(span) ? Math.max(0, Math.floor(span / 7)) : 0;
    return { calibrationEndDay: lastDay, holdoutDays: 0, notice: { code: 'value.calibration.noHoldout', params: { weeks, minWeeks: (MIN_CALIBRATION_DAYS + MIN_HOLDOUT_DAYS) / 7 } } };
  }
  const holdoutDays = Math.min(MAX_HOLDOUT_DAYS, Math.max(MIN_HOLDOUT_DAYS, 7 * Math.round(span / 3 / 7)));
  return { calibrationEndDay: lastDay - holdoutDays, holdoutDays, notice: { code: 'value.calibration.holdout', params: { weeks: holdoutDays / 7 } } };
}

/**
 * Why a calibration end the user set is where it is: 'value.calibration.user' with the whole
 * weeks held out after it (0 when it is on or after the last order: no holdout).
 *
 * @example
 * userCalibration(100, 128); // { code: 'value.calibration.user', params: { weeks: 4 } }
 */
export function userCalibration(calibrationEndDay: number, lastDay: number): Notice {
  const weeks = Math.max(0, Math.floor((lastDay - Math.min(calibrationEndDay, lastDay)) / 7));
  return { code: 'value.calibration.user', params: { weeks } };
}

/** Parameters this close to 0 or this large sit at the edge of what the fit can reach. */
const TINY = 1e-6;
const HUGE = 1e6;

/**
 * What a fit cannot tell: parameters at a bound (≈ 0 or huge) or with a standard error of 0, ∞ or
 * NaN. When the dropout parameters (BG/NBD a, b; Pareto/NBD s, β) are among them, the data cannot
 * tell when customers stop buying, typically a history too short for anyone to have stopped:
 * 'model.dropoutUnidentified'; other parameters give 'model.unidentified'. Both carry {model, parameters}.
 *
 * @param model The model's name as shown ('BG/NBD', 'Pareto/NBD').
 * @param params Fitted values by name.
 * @param se Standard errors by the same names.
 * @param dropout Names of the dropout parameters.
 */
export function fitProblems(
  model: string, params: Record<string, number>, se: Record<string, number>, dropout: readonly string[],
): Notice[] {
  const bad = unpinnedParameters(params, se);
  if (!bad.length) return [];
  const code = bad.some((k) => dropout.includes(k)) ? 'model.dropoutUnidentified' : 'model.unidentified';
  return [{ code, params: { model, parameters: bad.join(', ') } }];
}

/**
 * The parameters a fit cannot pin down: at a bound (≈ 0 or huge), not finite, or with a standard
 * error of 0, ∞ or NaN (a missing one counts as unusable). These are what {@link fitProblems} names.
 *
 * @param params Fitted values by name.
 * @param se Standard errors by the same names.
 * @example
 * unpinnedParameters({ r: 0.24, a: 1e-9 }, { r: 0.01, a: Infinity }); // ['a']
 */
export function unpinnedParameters(params: Record<string, number>, se: Record<string, number>): string[] {
  return Object.keys(params).filter((k) => {
    const v = params[k], s = se[k];
    return !Number.isFinite(v) || v <= TINY || v >= HUGE || !Number.isFinite(s) || s <= 0;
  });
}
