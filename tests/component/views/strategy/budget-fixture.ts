// Three RFM segments of 100 customers for the budget panel's tests: champions (high value, ¥40,000
// in 12 months), new customers (new, ¥30,000) and hibernating (low value, ¥5,000). No value fit.
import type { SegmentFacts, StrategyFacts } from '../../../../workers/api';

const segment = (key: string, archetype: SegmentFacts['archetype'], net12: number, newShare: number): SegmentFacts => ({
  key, archetype, customers: 100, net12, netTotal: net12 * 2, revenueShare: net12 / 75_000, meanClv: null, meanPAlive: null,
  meanRecency: 30, lapsedShare: 0, newShare, nps: Number.NaN, npsAnswers: 0, complaintRate: null,
});

export const BUDGET_FACTS: StrategyFacts = {
  grouping: { kind: 'rfm', id: 'rfm:default', scheme: 'rfm11' },
  asOfDay: 20_000,
  customers: 300,
  value: null,
  segments: [
    segment('champions', 'high_value', 40_000, 0),
    segment('new_customers', 'new', 30_000, 1),
    segment('hibernating', 'low_value', 5_000, 0),
  ],
};
