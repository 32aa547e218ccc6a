import type { TopLevelSpec } from 'vega-lite';

/** Colours of the loyalty charts: members (blue), revenue (green), cost of the benefits (orange). */
export const LOYALTY_COLORS = { members: '#2f6fb0', revenue: '#3a9d5d', cost: '#d9822b' } as const;

/**
 * Members per tier as horizontal bars, tiers in the order given (lowest first, at the top), the
 * count written at the end of each bar.
 */
export function loyaltyMembersSpec(
  rows: { tier: string; members: number; share: number }[],
  options: { tiers: string[]; xTitle: string; shareTitle: string },
): TopLevelSpec {
  const y = { field: 'tier', type: 'nominal' as const, title: null, sort: options.tiers, axis: { labelLimit: 140 } };
  return {
    width: 'container',
    height: { step: 52 },
    data: { values: rows },
    encoding: { y },
    layer: [
      {
        mark: { type: 'bar', color: LOYALTY_COLORS.members, tooltip: true },
        encoding: {
          x: { field: 'members', type: 'quantitative', title: options.xTitle },
          tooltip: [
            { field: 'tier', type: 'nominal', title: null },
            { field: 'members', type: 'quantitative', title: options.xTitle, format: ',' },
            { field: 'share', type: 'quantitative', title: options.shareTitle, format: '.1%' },
          ],
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, color: '#333' },
        encoding: { x: { field: 'members', type: 'quantitative' }, text: { field: 'members', type: 'quantitative', format: ',' } },
      },
    ],
  };
}

/**
 * Revenue and the yearly cost of the benefits per tier, side by side as horizontal bars (one
 * money scale), tiers in the order given.
 */
export function loyaltyMoneySpec(
  rows: { tier: string; measure: string; value: number }[],
  options: { tiers: string[]; measures: [string, string]; xTitle: string },
): TopLevelSpec {
  return {
    width: 'container',
    height: { step: 22 },
    data: { values: rows },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'tier', type: 'nominal', title: null, sort: options.tiers, axis: { labelLimit: 140 } },
      yOffset: { field: 'measure', type: 'nominal', sort: options.measures },
      x: { field: 'value', type: 'quantitative', title: options.xTitle, axis: { tickCount: 5 } },
      color: {
        field: 'measure', type: 'nominal', title: null,
        scale: { domain: options.measures, range: [LOYALTY_COLORS.revenue, LOYALTY_COLORS.cost] }, legend: { orient: 'top' },
      },
      tooltip: [
        { field: 'tier', type: 'nominal', title: null },
        { field: 'measure', type: 'nominal', title: null },
        { field: 'value', type: 'quantitative', title: options.xTitle, format: ',.0f' },
      ],
    },
  };
}
