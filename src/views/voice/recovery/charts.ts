/** Vega-Lite specs of the complaint-loss and referral parts (rendered by VegaChart, CSP-safe). */
import type { TopLevelSpec } from 'vega-lite';

/** Colours of the two recovery measures: bought again (blue), gone silent (red). */
const MEASURE_COLORS = ['#2f6fb0', '#c0392b'];

/**
 * Two shares per group side by side as horizontal bars (bought again, gone silent), groups in
 * the order given, the measures in the order of `measures`.
 */
export function recoveryBarsSpec(
  rows: { group: string; measure: string; value: number; customers: number }[],
  options: { groups: string[]; measures: [string, string]; xTitle: string; countTitle: string },
): TopLevelSpec {
  return {
    width: 'container',
    height: { step: 18 },
    data: { values: rows },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'group', type: 'nominal', title: null, sort: options.groups },
      yOffset: { field: 'measure', type: 'nominal', sort: options.measures },
      x: { field: 'value', type: 'quantitative', title: options.xTitle, axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      color: { field: 'measure', type: 'nominal', title: null, scale: { domain: options.measures, range: MEASURE_COLORS }, legend: { orient: 'top' } },
      tooltip: [
        { field: 'group', type: 'nominal', title: null },
        { field: 'measure', type: 'nominal', title: null },
        { field: 'value', type: 'quantitative', title: options.xTitle, format: '.1%' },
        { field: 'customers', type: 'quantitative', title: options.countTitle },
      ],
    },
  };
}

/** A share per group as bars with its 95% interval as an error bar (groups in the order given). */
export function shareBarsSpec(
  points: { group: string; share: number; lo: number; hi: number; n: number }[],
  options: { groups: string[]; yTitle: string; ciTitle: string; countTitle: string },
): TopLevelSpec {
  const x = { field: 'group', type: 'nominal' as const, title: null, sort: options.groups, axis: { labelAngle: 0 } };
  return {
    width: 'container',
    height: 200,
    data: { values: points },
    layer: [
      {
        mark: { type: 'bar', tooltip: true, color: '#3a9d5d' },
        encoding: {
          x,
          y: { field: 'share', type: 'quantitative', title: options.yTitle, axis: { format: '.0%' } },
          tooltip: [
            { field: 'group', type: 'nominal', title: null },
            { field: 'share', type: 'quantitative', title: options.yTitle, format: '.1%' },
            { field: 'lo', type: 'quantitative', title: `${options.ciTitle} ↓`, format: '.1%' },
            { field: 'hi', type: 'quantitative', title: `${options.ciTitle} ↑`, format: '.1%' },
            { field: 'n', type: 'quantitative', title: options.countTitle },
          ],
        },
      },
      {
        mark: { type: 'rule', color: '#333', strokeWidth: 1.5 },
        encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
      },
    ],
  };
}
