import type { TopLevelSpec } from 'vega-lite';

/** R × F heat map: one cell per score pair, coloured by customer count or mean monetary value. */
export function rfmGridSpec(
  cells: { R: number; F: number; count: number; meanMonetary: number }[],
  options: { color: 'count' | 'meanMonetary'; rTitle: string; fTitle: string; colorTitle: string },
): TopLevelSpec {
  return {
    width: 'container',
    height: 260,
    data: { values: cells },
    mark: { type: 'rect', tooltip: true },
    encoding: {
      x: { field: 'F', type: 'ordinal', title: options.fTitle },
      y: { field: 'R', type: 'ordinal', title: options.rTitle, sort: 'descending' },
      color: { field: options.color, type: 'quantitative', title: options.colorTitle, scale: { scheme: 'blues' } },
      tooltip: [
        { field: 'R', type: 'ordinal', title: options.rTitle },
        { field: 'F', type: 'ordinal', title: options.fTitle },
        { field: options.color, type: 'quantitative', title: options.colorTitle, format: ',.0f' },
      ],
    },
  };
}

/** Customers per score, as small bars. */
export function scoreBarsSpec(counts: number[], options: { title: string; yTitle: string }): TopLevelSpec {
  return {
    width: 'container',
    height: 120,
    data: { values: counts.map((count, i) => ({ score: i + 1, count })) },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'score', type: 'ordinal', title: options.title, axis: { labelAngle: 0 } },
      y: { field: 'count', type: 'quantitative', title: options.yTitle },
    },
  };
}

/** Pareto (cumulative revenue) curve: share of customers, highest value first, against share of value. */
export function paretoSpec(points: { customerShare: number; valueShare: number }[], titles: { x: string; y: string }): TopLevelSpec {
  return {
    width: 'container',
    height: 220,
    data: { values: points },
    mark: { type: 'line', point: false, tooltip: true },
    encoding: {
      x: { field: 'customerShare', type: 'quantitative', title: titles.x, axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      y: { field: 'valueShare', type: 'quantitative', title: titles.y, axis: { format: '.0%' }, scale: { domain: [0, 1] } },
    },
  };
}

/** Heat map of a model quantity over frequency × recency. */
export function modelHeatSpec(
  cells: { frequency: number; recency: number; pAlive: number; expected: number }[],
  options: { field: 'pAlive' | 'expected'; fTitle: string; rTitle: string; title: string },
): TopLevelSpec {
  return {
    width: 'container',
    height: 240,
    data: { values: cells },
    mark: { type: 'rect', tooltip: true },
    encoding: {
      x: { field: 'recency', type: 'ordinal', title: options.rTitle, axis: { labelOverlap: 'parity', labelAngle: -45 } },
      y: { field: 'frequency', type: 'ordinal', title: options.fTitle, sort: 'descending' },
      color: { field: options.field, type: 'quantitative', title: options.title, scale: { scheme: 'viridis' } },
    },
  };
}

/** Actual vs predicted mean purchases per group, side by side. */
export function pairedBarsSpec(
  rows: { group: string; series: string; value: number }[],
  options: { xTitle: string; yTitle: string },
): TopLevelSpec {
  return {
    width: 'container',
    height: 220,
    data: { values: rows },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'group', type: 'ordinal', title: options.xTitle, axis: { labelAngle: 0 } },
      xOffset: { field: 'series' },
      y: { field: 'value', type: 'quantitative', title: options.yTitle },
      color: { field: 'series', type: 'nominal', title: null },
    },
  };
}

/** Cohort retention heat map: first-purchase month (rows) × months since (columns). */
export function cohortSpec(
  cells: { cohort: string; k: number; value: number }[],
  options: { cohortTitle: string; kTitle: string; valueTitle: string },
): TopLevelSpec {
  return {
    width: 'container',
    height: { step: 12 },
    data: { values: cells },
    mark: { type: 'rect', tooltip: true },
    encoding: {
      x: { field: 'k', type: 'ordinal', title: options.kTitle, axis: { labelAngle: 0, labelOverlap: 'parity' } },
      y: { field: 'cohort', type: 'ordinal', title: options.cohortTitle },
      color: { field: 'value', type: 'quantitative', title: options.valueTitle, scale: { scheme: 'blues', domain: [0, 1] }, legend: { format: '.0%' } },
      tooltip: [
        { field: 'cohort', type: 'ordinal', title: options.cohortTitle },
        { field: 'k', type: 'ordinal', title: options.kTitle },
        { field: 'value', type: 'quantitative', title: options.valueTitle, format: '.1%' },
      ],
    },
  };
}

/** A rate per period as a line (periods already labelled, in order). */
export function rateLineSpec(points: { period: string; rate: number | null }[], yTitle: string): TopLevelSpec {
  return {
    width: 'container',
    height: 180,
    data: { values: points },
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: { field: 'period', type: 'ordinal', title: null, sort: null, axis: { labelAngle: -45, labelOverlap: 'parity' } },
      y: { field: 'rate', type: 'quantitative', title: yTitle, axis: { format: '.0%' } },
    },
  };
}

/** Cumulative actual vs model purchases over time, with a rule at the calibration end. */
export function trackingSpec(
  points: { date: string; series: string; value: number }[],
  options: { yTitle: string; calibrationEnd: string; calibrationLabel: string },
): TopLevelSpec {
  return {
    width: 'container',
    height: 220,
    layer: [
      {
        data: { values: points },
        mark: { type: 'line', tooltip: true },
        encoding: {
          x: { field: 'date', type: 'temporal', title: null },
          y: { field: 'value', type: 'quantitative', title: options.yTitle },
          // one legend: colour and dash of the same field with the same title merge
          color: { field: 'series', type: 'nominal', title: null },
          strokeDash: { field: 'series', type: 'nominal', title: null },
        },
      },
      {
        data: { values: [{ date: options.calibrationEnd, label: options.calibrationLabel }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#888' },
        encoding: { x: { field: 'date', type: 'temporal' }, tooltip: { field: 'label' } },
      },
    ],
  };
}
