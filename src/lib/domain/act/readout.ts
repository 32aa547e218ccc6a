/**
 * The read-out of a treated group against its control (issue 16): conversion, revenue per
 * customer, the Bayesian chance that treatment is better, incremental revenue against the
 * action's cost, the sample-ratio check and a verdict as a catalog key with its figures. Shared by
 * the actions' read-out and the experiment calculator; the view `src/views/act/Readout.svelte`
 * words and shows it.
 */
import type { Notice } from '../types';
import {
  chanceToBeatControl, meanDifferenceTest, sampleRatioMismatch, twoProportionTest,
  type MeanDifferenceResult, type TwoProportionResult,
} from './stats';

/** A group's customers, how many converted, and the sum and sum of squares of revenue per customer. */
export interface ArmSums {
  n: number;
  conversions: number;
  sum: number;
  sumSquares: number;
}

export interface ReadoutOptions {
  /** Two-sided confidence of the intervals [0.95]. */
  confidence?: number;
  /** What the action cost; without it `cost` and `net` are null. */
  cost?: number;
  /** The planned share of the control group (0.1 for 10%); without it `srm` is null. */
  plannedControlShare?: number;
}

export interface Readout {
  control: ArmSums;
  treated: ArmSums;
  /** twoProportionTest(control, treated): A = control, B = treated. */
  conversion: TwoProportionResult;
  /** meanDifferenceTest(control, treated) on revenue per customer; null when a group has < 2 customers. */
  revenue: MeanDifferenceResult | null;
  /** chanceToBeatControl(control, treated) with the Beta(1, 1) prior. */
  chance: number;
  /** (mean revenue of treated − mean revenue of control) × treated customers. */
  incrementalRevenue: number;
  /** The action's cost (null when none was given). */
  cost: number | null;
  /** incrementalRevenue − cost (null without a cost). */
  net: number | null;
  /** χ² check of the group sizes against the planned split (the share repeated); warn when p < SRM_WARN_P. */
  srm: { chiSquare: number; pValue: number; warn: boolean; plannedControlShare: number } | null;
  /**
   * A catalog key and its figures, in natural units: `from`/`to` the control's and the treated
   * group's conversion rates (0–1), `diff`/`low`/`high` the difference and its interval (rates,
   * 0.033 = 3.3 points), `level` the confidence (0.95), `incremental`/`cost`/`net` money,
   * `control`/`treated` the group sizes and `min` the smallest group judged. The caller formats
   * them and adds `subject` (the action's name) and `metric` (e.g. "30-day repurchase").
   */
  verdict: {
    code:
      | 'readout.verdict.tooFew' | 'readout.verdict.noConversions'
      | 'readout.verdict.lift' | 'readout.verdict.liftCost'
      | 'readout.verdict.worse' | 'readout.verdict.worseCost'
      | 'readout.verdict.none' | 'readout.verdict.noneCost';
    params: Record<string, string | number>;
  };
}

/** The verdict's catalog keys. */
export type VerdictCode = Readout['verdict']['code'];

/** Groups smaller than this (customers) get the "too few customers" verdict. */
export const MIN_GROUP_SIZE = 30;
/** The sample-ratio check warns below this p-value (the usual threshold of A/B-testing tools). */
export const SRM_WARN_P = 0.001;

const fail = (code: string, params: Notice['params']): never => {
  throw { code, params } satisfies Notice;
};

/**
 * Read out `treated` against `control`. The verdict follows the conversion interval: above 0 →
 * lift, below 0 → worse, spanning 0 → no detectable difference; a group under MIN_GROUP_SIZE
 * customers → too few customers; nobody converted in either group → no conversions yet.
 * Throws the stats' notices (`act.countsInvalid`, `act.groupEmpty` when a group has no customers,
 * `act.sumsInvalid`, `act.confidenceInvalid`), `act.shareInvalid` (planned share outside (0, 1))
 * and `readout.costInvalid` (cost not a finite number ≥ 0).
 * @param control the control group (A)
 * @param treated the treated group (B)
 * @param options confidence [0.95], cost, plannedControlShare
 * @example
 * readout({ n: 1000, conversions: 100, sum: 5000, sumSquares: 100000 },
 *         { n: 1000, conversions: 130, sum: 6500, sumSquares: 130000 }, { cost: 300 })
 * // conversion.difference 0.03, incrementalRevenue 1500, net 1200, verdict.code 'readout.verdict.liftCost'
 */
export function readout(control: ArmSums, treated: ArmSums, options: ReadoutOptions = {}): Readout {
  const confidence = options.confidence ?? 0.95;
  const cost = options.cost ?? null;
  if (cost !== null && !(typeof cost === 'number' && Number.isFinite(cost) && cost >= 0)) {
    fail('readout.costInvalid', { cost: String(cost) });
  }
  const share = options.plannedControlShare;
  if (share !== undefined && !(typeof share === 'number' && share > 0 && share < 1)) {
    fail('act.shareInvalid', { share: String(share) });
  }
  const conversion = twoProportionTest(control, treated, { confidence });
  // validates the sums even when a group is too small for the t-test
  const revenue = control.n >= 2 && treated.n >= 2 ? meanDifferenceTest(control, treated, { confidence }) : null;
  if (revenue === null) {
    for (const [group, g] of [['A', control], ['B', treated]] as const) {
      if (!(Number.isFinite(g.sum) && Number.isFinite(g.sumSquares) && g.sumSquares >= 0)) {
        fail('act.sumsInvalid', { group, n: String(g.n), sum: String(g.sum), sumSquares: String(g.sumSquares) });
      }
    }
  }
  const chance = chanceToBeatControl(control, treated);
  const incrementalRevenue = (treated.sum / treated.n - control.sum / control.n) * treated.n;
  const net = cost === null ? null : incrementalRevenue - cost;
  let srm: Readout['srm'] = null;
  if (share !== undefined) {
    const r = sampleRatioMismatch([control.n, treated.n], [share, 1 - share]);
    srm = { ...r, warn: r.pValue < SRM_WARN_P, plannedControlShare: share };
  }
  return {
    control, treated, conversion, revenue, chance, incrementalRevenue, cost, net, srm,
    verdict: verdictOf(control, treated, conversion, confidence, incrementalRevenue, cost, net),
  };
}

function verdictOf(
  control: ArmSums, treated: ArmSums, conversion: TwoProportionResult, confidence: number,
  incremental: number, cost: number | null, net: number | null,
): Readout['verdict'] {
  const sizes = { control: control.n, treated: treated.n, min: MIN_GROUP_SIZE };
  if (control.n < MIN_GROUP_SIZE || treated.n < MIN_GROUP_SIZE) return { code: 'readout.verdict.tooFew', params: sizes };
  if (control.conversions === 0 && treated.conversions === 0) return { code: 'readout.verdict.noConversions', params: sizes };
  const [low, high] = conversion.ci;
  const direction = low > 0 ? 'lift' : high < 0 ? 'worse' : 'none';
  const params: Record<string, number> = {
    ...sizes, from: conversion.rateA, to: conversion.rateB, diff: conversion.difference, low, high,
    level: confidence, incremental,
  };
  const withCost = cost !== null && net !== null;
  const code: VerdictCode = direction === 'lift'
    ? (withCost ? 'readout.verdict.liftCost' : 'readout.verdict.lift')
    : direction === 'worse'
      ? (withCost ? 'readout.verdict.worseCost' : 'readout.verdict.worse')
      : (withCost ? 'readout.verdict.noneCost' : 'readout.verdict.none');
  return withCost ? { code, params: { ...params, cost: cost!, net: net! } } : { code, params };
}
