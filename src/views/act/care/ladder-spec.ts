/** The purchase ladder chart (plain Vega-Lite data): the share who place one more order, by n, per series. */
import type { TopLevelSpec } from 'vega-lite';

export interface LadderPoint {
  series: string;
  orders: number;
  rate: number;
  customers: number;
}

/**
 * One line per series (all customers first, drawn thicker), n on the x axis (1…10), the share on
 * the y axis (0–100%). Empty rungs (NaN) are left out.
 */
export function ladderSpec(points: LadderPoint[], options: { series: string[]; xTitle: string; yTitle: string; customersTitle: string }): TopLevelSpec {
  const values = points.filter((p) => Number.isFinite(p.rate));
  return {
    width: 'container',
    height: 260,
    data: { values },
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: { field: 'orders', type: 'ordinal', title: options.xTitle, axis: { labelAngle: 0 } },
      y: { field: 'rate', type: 'quantitative', title: options.yTitle, axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      color: { field: 'series', type: 'nominal', title: null, sort: options.series, scale: { scheme: 'category20' }, legend: { orient: 'right', labelLimit: 160 } },
      strokeWidth: { condition: { test: `datum.series === ${JSON.stringify(options.series[0] ?? '')}`, value: 3.5 }, value: 1.5 },
      tooltip: [
        { field: 'series', type: 'nominal', title: null },
        { field: 'orders', type: 'ordinal', title: options.xTitle },
        { field: 'rate', type: 'quantitative', title: options.yTitle, format: '.1%' },
        { field: 'customers', type: 'quantitative', title: options.customersTitle, format: ',' },
      ],
    },
  };
}
