import type { TopLevelSpec } from 'vega-lite';

/** Colours of the SERVQUAL chart: expectation (grey, hollow), perception (blue, filled), a shortfall (red) and a surplus (green). */
export const SERVQUAL_COLORS = { expectation: '#6b7580', perception: '#2f6fb0', short: '#c0392b', over: '#3a9d5d' } as const;

/**
 * Expectation and perception per dimension as a dot plot on the 7-point scale (from a whole
 * point below the lowest mean): a hollow circle for the
 * expectation, a filled one for the perception, joined by the gap (red when perception falls
 * short, green when it exceeds), the gap written beside it; dimensions in the order given.
 */
export function servqualGapSpec(
  rows: { dimension: string; expectation: number; perception: number; gap: number; n: number }[],
  options: { dimensions: string[]; expectation: string; perception: string; gapTitle: string; xTitle: string; countTitle: string },
): TopLevelSpec {
  const y = { field: 'dimension', type: 'nominal' as const, title: null, sort: options.dimensions, axis: { labelLimit: 160 } };
  const tooltip = [
    { field: 'dimension', type: 'nominal' as const, title: null },
    { field: 'expectation', type: 'quantitative' as const, title: options.expectation, format: '.2f' },
    { field: 'perception', type: 'quantitative' as const, title: options.perception, format: '.2f' },
    { field: 'gap', type: 'quantitative' as const, title: options.gapTitle, format: '+.2f' },
    { field: 'n', type: 'quantitative' as const, title: options.countTitle },
  ];
  // the scale from a whole point below the lowest mean to 7: the differences stay readable
  const low = Math.min(...rows.flatMap((r) => [r.expectation, r.perception]).filter(Number.isFinite));
  const from = Number.isFinite(low) ? Math.max(1, Math.floor(low - 0.5)) : 1;
  const wide = rows.map((r) => ({ ...r, right: Math.max(r.expectation, r.perception) }));
  const long = rows.flatMap((r) => [
    { ...r, measure: options.expectation, value: r.expectation },
    { ...r, measure: options.perception, value: r.perception },
  ]);
  return {
    width: 'container',
    height: { step: 34 },
    data: { values: wide },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 3, tooltip: true },
        encoding: {
          y,
          x: { field: 'expectation', type: 'quantitative', title: options.xTitle, scale: { domain: [from, 7] }, axis: { tickMinStep: 0.5 } },
          x2: { field: 'perception' },
          color: { condition: { test: 'datum.gap < 0', value: SERVQUAL_COLORS.short }, value: SERVQUAL_COLORS.over },
          tooltip,
        },
      },
      {
        data: { values: long },
        mark: { type: 'point', size: 130, strokeWidth: 2, opacity: 1, tooltip: true },
        encoding: {
          y,
          x: { field: 'value', type: 'quantitative' },
          // stroke and fill of the same field: one legend, hollow expectation, filled perception
          stroke: {
            field: 'measure', type: 'nominal', title: null,
            scale: { domain: [options.expectation, options.perception], range: [SERVQUAL_COLORS.expectation, SERVQUAL_COLORS.perception] },
            legend: { orient: 'top' },
          },
          fill: {
            field: 'measure', type: 'nominal', title: null,
            scale: { domain: [options.expectation, options.perception], range: ['#ffffff', SERVQUAL_COLORS.perception] },
            legend: { orient: 'top' },
          },
          tooltip,
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 12, fontWeight: 'bold' },
        encoding: {
          y,
          x: { field: 'right', type: 'quantitative' },
          text: { field: 'gap', type: 'quantitative', format: '+.1f' },
          color: { condition: { test: 'datum.gap < 0', value: SERVQUAL_COLORS.short }, value: SERVQUAL_COLORS.over },
        },
      },
    ],
  };
}

/**
 * The background of a gap's cell: red for a shortfall, green for a surplus, stronger with the size
 * of the gap (full at `full` [2] points); transparent for no gap or no answers.
 */
export function gapShade(gap: number, full = 2): string {
  if (!Number.isFinite(gap) || gap === 0) return 'transparent';
  const strength = Math.min(1, Math.abs(gap) / full);
  // light enough for dark text at every strength
  const alpha = (0.08 + 0.5 * strength).toFixed(2);
  return gap < 0 ? `rgba(192, 57, 43, ${alpha})` : `rgba(58, 157, 93, ${alpha})`;
}
