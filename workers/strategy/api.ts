/**
 * Strategy (客户战略): what each group of a grouping is worth now and later, its voice and its
 * churn (shared by the portfolio, the budget and the playbook), the customer-level portfolio, and
 * the loyalty tiers on the data.
 */
import type { EngineContext } from '../core/context';
import { runStrategyFacts, type StrategyFacts, type StrategyRequest } from './facts';
import { portfolioApi, type PortfolioApi } from './portfolio';
import { loyaltyApi, type LoyaltyApi } from './loyalty';

export type { SegmentFacts, StrategyFacts, StrategyRequest } from './facts';

export interface StrategyApi extends PortfolioApi, LoyaltyApi {
  /** The facts of every group of the grouping, as of its day. */
  strategyFacts(jobId: string, datasetId: string, request?: StrategyRequest): Promise<StrategyFacts>;
}

export function strategyApi(ctx: EngineContext): StrategyApi {
  return {
    strategyFacts(jobId, datasetId, request = {}) {
      return ctx.run(jobId, async (checkpoint) => runStrategyFacts(ctx.current(datasetId), request, checkpoint));
    },
    ...portfolioApi(ctx),
    ...loyaltyApi(ctx),
  };
}
