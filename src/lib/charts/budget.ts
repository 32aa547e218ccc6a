import type { TopLevelSpec } from 'vega-lite';
import { response, type ResponseCurve } from '../domain';

/** One segment's curve and its amount in the optimal split (name as the page shows it). */
export interface BudgetCurveInput {
  segment: string;
  beta: number;
  kappa: number;
  amount: number;
}

/** Ten colours that stay apart, then their lighter pairs (up to 20 segments). */
const PALETTE = [
  '#2f6fb0', '#e07b39', '#3a9d5d', '#c0392b', '#8e6bbf', '#8c564b', '#d6619e', '#7f8c8d', '#b5a516', '#17a2b8',
  '#9ec5e8', '#f5b98a', '#98d3a8', '#eb9a92', '#c9b6e4', '#c49c94', '#f2b6d2', '#c7cccd', '#dbdb8d', '#9edae5',
];

/**
 * The spend range the curves are drawn over: 1.5 × the largest amount, at least the budget ÷ number
 * of segments × 2 (so unfunded segments' curves show where they start), at least 1.
 */
export function budgetSpendRange(curves: readonly BudgetCurveInput[], budget: number): number {
  const top = Math.max(0, ...curves.map((c) => c.amount));
  const even = curves.length > 0 ? (2 * budget) / curves.length : 0;
  return Math.max(1, 1.5 * top, even);
}

/** Each curve sampled at `steps` + 1 amounts from 0 to `upTo`, evenly spaced on a square-root axis. */
export function budgetCurveSamples(
  curve: ResponseCurve, curves: readonly BudgetCurveInput[], upTo: number, steps = 48,
): { segment: string; spend: number; value: number }[] {
  return curves.flatMap((c) => Array.from({ length: steps + 1 }, (_, i) => {
    // evenly spaced on the square-root axis
    const spend = upTo * (i / steps) ** 2;
    return { segment: c.segment, spend, value: response(curve, c.beta, c.kappa, spend) };
  }));
}

/**
 * The response curve of each segment (a line) with its optimal amount (a dot), one colour per
 * segment in the order given. Both axes on a square-root scale, so the curves of small segments
 * stay apart from the axis beside a large one.
 */
export function budgetCurvesSpec(
  curve: ResponseCurve, curves: readonly BudgetCurveInput[], budget: number,
  options: { xTitle: string; yTitle: string; segmentTitle: string; amountTitle: string; valueTitle: string },
): TopLevelSpec {
  const upTo = budgetSpendRange(curves, budget);
  const names = curves.map((c) => c.segment);
  const color = { field: 'segment', type: 'nominal' as const, title: options.segmentTitle, sort: names, scale: { domain: names, range: PALETTE.slice(0, Math.max(1, names.length)) }, legend: { orient: 'right' as const, labelLimit: 180 } };
  const points = curves.map((c) => ({ segment: c.segment, spend: c.amount, value: response(curve, c.beta, c.kappa, c.amount) }));
  return {
    width: 'container',
    height: 300,
    layer: [
      {
        data: { values: budgetCurveSamples(curve, curves, upTo) },
        mark: { type: 'line', strokeWidth: 2, interpolate: 'monotone' },
        encoding: {
          x: { field: 'spend', type: 'quantitative', title: options.xTitle, scale: { type: 'sqrt', domain: [0, upTo], nice: false }, axis: { format: '~s', tickCount: 6 } },
          y: { field: 'value', type: 'quantitative', title: options.yTitle, scale: { type: 'sqrt' }, axis: { format: '~s', tickCount: 6 } },
          color,
        },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 90, stroke: '#ffffff', strokeWidth: 1.5, opacity: 1, tooltip: true },
        encoding: {
          x: { field: 'spend', type: 'quantitative' },
          y: { field: 'value', type: 'quantitative' },
          color,
          tooltip: [
            { field: 'segment', type: 'nominal', title: options.segmentTitle },
            { field: 'spend', type: 'quantitative', title: options.amountTitle, format: ',.0f' },
            { field: 'value', type: 'quantitative', title: options.valueTitle, format: ',.0f' },
          ],
        },
      },
    ],
  };
}
