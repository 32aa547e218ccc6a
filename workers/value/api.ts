/**
 * Customer value: the probabilistic fit (BG/NBD or Pareto/NBD with Gamma-Gamma) and CLV, cohort
 * retention, acquisition economics, and the simple-CLV inputs per group of a grouping.
 */
import {
  type Notice, cohortTable, defaultCalibrationEnd, purchaseRatesByGroup, repeatPurchaseRate, retentionRates, revenueRetention, type GroupPurchaseRate,
} from '../../src/lib/domain';
import type { EngineContext } from '../core/context';
import { summaryAsOf } from '../core/loaded';
import type { ProgressCallback } from '../core/api';
import { yieldToEvents } from '../core/jobs';
import type { GroupingHandle } from '../segments/api';
import { resolveGrouping } from '../segments/handles';
import { runAcquisition } from './acquisition';
import { orderSpan, runValue } from './fit';

export interface ValueRequest {
  /**
   * The day the value is as of: only orders on or before it count, and customers are observed up
   * to it (P(alive) and CLV as of that day). Default: the last order day.
   */
  asOfDay?: number;
  /** Calibration end; days after it are the holdout. Default: the last third of a long enough history held out (see calibrationDefault). */
  calibrationEndDay?: number;
  timeUnit: 'D' | 'W';
  model: 'bgnbd' | 'pareto';
  months: number;
  monthlyDiscountRate: number;
  margin: number;
  /** CLV by group of this grouping (bySegment is empty without one). */
  grouping?: GroupingHandle;
}

export interface ValueResult {
  calibrationEndDay: number;
  lastDay: number;
  timeUnit: 'D' | 'W';
  customers: number;
  repeaters: number;
  /** Repeat customers the spend model left out (mean repeat spend 0 or less), valued like first-time buyers. */
  spendLeftOut: number;
  bgNbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number; converged: boolean; se: { r: number; alpha: number; a: number; b: number } };
  paretoNbd: { r: number; alpha: number; s: number; beta: number; logLikelihood: number; converged: boolean; se: { r: number; alpha: number; s: number; beta: number } } | null;
  paretoError: string | null;
  gammaGamma: { p: number; q: number; gamma: number; logLikelihood: number; converged: boolean };
  model: 'bgnbd' | 'pareto';
  /** The model with the lower holdout error; null without a holdout (log-likelihood says nothing of predictions). */
  better: 'bgnbd' | 'pareto' | null;
  /** How the calibration end was chosen: 'value.calibration.holdout' | 'value.calibration.noHoldout' (by default) | 'value.calibration.user'. */
  calibration: Notice;
  /** What each fit cannot tell (parameters at a bound, standard errors of 0 or ∞), in words for the user. */
  fitWarnings: { bgnbd: Notice[]; pareto: Notice[] };
  totals: { clv: number; expected90: number; meanPAlive: number };
  /** Mean holdout purchases per customer, actual vs predicted, by calibration frequency (7 = 7+). */
  holdout: { frequency: number; customers: number; actual: number; predicted: number }[];
  holdoutMae: { bgnbd: number | null; pareto: number | null };
  heat: { frequency: number; recency: number; pAlive: number; expected: number }[];
  /** Cumulative repeat purchases per period since the first purchase date: actual and model. */
  tracking: { day: number; actual: number; predicted: number }[];
  bySegment: { key: string; customers: number; totalClv: number; meanClv: number; meanPAlive: number }[];
}

/** Cohort retention: first-purchase month × months since, with the repeat-purchase rate. */
export interface CohortResult {
  cohorts: string[];
  sizes: number[];
  /** Share of the cohort buying in month k after its first (null for an empty cohort). */
  retention: (number | null)[][];
  /** Net revenue in month k as a share of the cohort's first month. */
  revenueRetention: (number | null)[][];
  repeatRate: number | null;
}

export interface AcquisitionResult {
  channels: { channel: string; customers: number; cac: number | null; source: 'fields' | 'table'; meanClv: number | null; ratio: number | null; paybackMonths: number | null }[];
  /** The same per group of the grouping asked for (CAC from the members' cost fields); empty without one. */
  segments: { channel: string; customers: number; cac: number | null; source: 'fields' | 'table'; meanClv: number | null; ratio: number | null; paybackMonths: number | null }[];
  /** Churn rate per 30-day period (customers silent longer than the threshold by the period's end). */
  churn: { periodStart: number; activeAtStart: number; churned: number; rate: number | null }[];
}

export interface AcquisitionOptions {
  /** Total acquisition spend per channel, replacing the customers' cost fields. */
  costTable?: Record<string, number>;
  /** Days without an order after which a customer counts as churned (default 180). */
  inactiveAfterDays?: number;
  /** CAC and CLV/CAC per group of this grouping too. */
  grouping?: GroupingHandle;
}

/** The calibration end a fit uses when the user sets none, and why. */
export interface CalibrationDefault {
  calibrationEndDay: number;
  /** The last order day: the holdout runs from the day after the calibration end to it. */
  lastDay: number;
  /** 'value.calibration.holdout' {weeks} or 'value.calibration.noHoldout' {weeks, minWeeks}. */
  notice: Notice;
}

export interface ValueApi {
  value(jobId: string, datasetId: string, request: ValueRequest, onProgress?: ProgressCallback): Promise<ValueResult>;
  /** The default calibration end of the dataset (before any fit); null without orders. */
  calibrationDefault(datasetId: string, options?: { asOfDay?: number }): Promise<CalibrationDefault | null>;
  cohorts(datasetId: string, maxMonths?: number): Promise<CohortResult>;
  /** Per group of a grouping: purchases per buyer per year and average order value. */
  segmentRates(datasetId: string, grouping: GroupingHandle): Promise<GroupPurchaseRate[]>;
  /** CAC per channel (cost fields, or a cost table: total spend per channel), with CLV/CAC after a value fit; churn per period. */
  acquisition(datasetId: string, options?: AcquisitionOptions): Promise<AcquisitionResult>;
}

export function valueApi(ctx: EngineContext): ValueApi {
  return {
    value(jobId, datasetId, request, onProgress) {
      return ctx.run(jobId, async () => {
        const ds = ctx.current(datasetId);
        const labels = request.grouping ? resolveGrouping(ds, request.grouping).labels : null;
        onProgress?.({ phase: 'fitting', done: 0, total: 4 });
        await yieldToEvents();
        return runValue(ds, request, labels, (done, total) => onProgress?.({ phase: 'fitting', done, total }));
      });
    },

    async calibrationDefault(datasetId, options) {
      const { firstDay, lastDay } = orderSpan(ctx.current(datasetId), options?.asOfDay);
      if (!Number.isFinite(firstDay)) return null;
      const chosen = defaultCalibrationEnd(firstDay, lastDay);
      return { calibrationEndDay: chosen.calibrationEndDay, lastDay, notice: chosen.notice };
    },

    async cohorts(datasetId, maxMonths = 24) {
      const ds = ctx.current(datasetId);
      const table = cohortTable(ds.indexed.orders, ds.indexed.customers.id.length, { maxMonths });
      return {
        cohorts: table.cohorts, sizes: table.sizes, retention: retentionRates(table), revenueRetention: revenueRetention(table),
        repeatRate: repeatPurchaseRate(ds.summary.orders),
      };
    },

    async segmentRates(datasetId, grouping) {
      const ds = ctx.current(datasetId);
      // the grouping's own day: its members' purchases up to it
      const seg = resolveGrouping(ds, grouping);
      return purchaseRatesByGroup(seg.labels, summaryAsOf(ds, seg.asOfDay));
    },

    async acquisition(datasetId, options = {}) {
      const ds = ctx.current(datasetId);
      const labels = options.grouping ? resolveGrouping(ds, options.grouping).labels : null;
      return runAcquisition(ds, labels, options.costTable, options.inactiveAfterDays ?? 180);
    },
  };
}
