/**
 * Act and measure: the sample-size calculator's daily rate (issue 16, point 4) — distinct
 * customers who bought in the dataset's last 90 days ÷ 90 (recentBuyersPerDay on the summary).
 */
import { RATE_DAYS, recentBuyersPerDay } from '../../src/lib/domain';
import type { EngineContext } from '../core/context';

export interface BuyerRateResult {
  datasetId: string;
  /** The latest purchase day (null: no purchases). */
  asOfDay: number | null;
  customers: number;
  days: number;
  perDay: number;
}

export interface ExperimentApi {
  /** Customers buying per day in the dataset's last 90 days (for the sample-size calculator). */
  buyerRate(jobId: string, datasetId: string): Promise<BuyerRateResult>;
}

export function experimentApi(ctx: EngineContext): ExperimentApi {
  return {
    buyerRate(jobId, datasetId) {
      return ctx.run(jobId, async () => ({ datasetId, ...recentBuyersPerDay(ctx.current(datasetId).summary.lastDay, RATE_DAYS) }));
    },
  };
}
