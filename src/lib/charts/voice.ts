import type { TopLevelSpec } from 'vega-lite';

/** Colours of promoters, passives and detractors (green, grey, red; distinguishable in greyscale by order). */
export const NPS_PART_COLORS = ['#3a9d5d', '#b8bec6', '#c0392b'] as const;

/**
 * Promoters / passives / detractors per group as stacked horizontal bars of shares, groups in the
 * order given, the three parts in the order of `parts` (their labels, promoters first).
 */
export function npsMixSpec(
  rows: { group: string; part: string; share: number; count: number }[],
  options: { groups: string[]; parts: [string, string, string]; xTitle: string; countTitle: string },
): TopLevelSpec {
  return {
    width: 'container',
    height: { step: 22 },
    data: { values: rows.map((r) => ({ ...r, order: options.parts.indexOf(r.part) })) },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'group', type: 'nominal', title: null, sort: options.groups },
      x: { field: 'share', type: 'quantitative', title: options.xTitle, stack: 'zero', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      color: { field: 'part', type: 'nominal', title: null, scale: { domain: options.parts, range: [...NPS_PART_COLORS] }, legend: { orient: 'top' } },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'group', type: 'nominal', title: null },
        { field: 'part', type: 'nominal', title: null },
        { field: 'share', type: 'quantitative', title: options.xTitle, format: '.1%' },
        { field: 'count', type: 'quantitative', title: options.countTitle },
      ],
    },
  };
}

/** A score per month ('YYYY-MM', in order) as a line, with its interval as a band; months with fewer than `few` [30] answers drawn as hollow points. */
export function scoreTrendSpec(
  points: { month: string; value: number; lo: number; hi: number; n: number }[],
  options: { yTitle: string; xTitle: string; ciTitle: string; countTitle: string; percent?: boolean; few?: number },
): TopLevelSpec {
  const format = options.percent ? '.0%' : '.0f';
  const x = { field: 'month', type: 'ordinal' as const, title: options.xTitle, axis: { labelAngle: -45, labelOverlap: 'parity' as const } };
  return {
    width: 'container',
    height: 220,
    data: { values: points },
    layer: [
      {
        mark: { type: 'area', opacity: 0.2 },
        encoding: {
          x,
          y: { field: 'lo', type: 'quantitative', title: options.yTitle, axis: { format } },
          y2: { field: 'hi' },
        },
      },
      { mark: { type: 'line' }, encoding: { x, y: { field: 'value', type: 'quantitative' } } },
      {
        // months with fewer answers than `few` are drawn hollow
        mark: { type: 'point', filled: true, size: 36, tooltip: true },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative' },
          fill: { condition: { test: `datum.n < ${options.few ?? 30}`, value: '#ffffff' }, value: '#2f6fb0' },
          stroke: { value: '#2f6fb0' },
          tooltip: [
            { field: 'month', type: 'ordinal', title: options.xTitle },
            { field: 'value', type: 'quantitative', title: options.yTitle, format: options.percent ? '.1%' : '.1f' },
            { field: 'lo', type: 'quantitative', title: `${options.ciTitle} ↓`, format: options.percent ? '.1%' : '.1f' },
            { field: 'hi', type: 'quantitative', title: `${options.ciTitle} ↑`, format: options.percent ? '.1%' : '.1f' },
            { field: 'n', type: 'quantitative', title: options.countTitle },
          ],
        },
      },
    ],
  };
}

/** NPS per group as bars with the interval as an error bar (groups in the order given). */
export function npsBarsSpec(
  points: { group: string; nps: number; lo: number; hi: number; n: number }[],
  options: { groups: string[]; yTitle: string; ciTitle: string; countTitle: string },
): TopLevelSpec {
  const x = { field: 'group', type: 'nominal' as const, title: null, sort: options.groups, axis: { labelAngle: 0 } };
  return {
    width: 'container',
    height: 220,
    data: { values: points },
    layer: [
      {
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x,
          y: { field: 'nps', type: 'quantitative', title: options.yTitle },
          tooltip: [
            { field: 'group', type: 'nominal', title: null },
            { field: 'nps', type: 'quantitative', title: options.yTitle, format: '.1f' },
            { field: 'lo', type: 'quantitative', title: `${options.ciTitle} ↓`, format: '.1f' },
            { field: 'hi', type: 'quantitative', title: `${options.ciTitle} ↑`, format: '.1f' },
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
