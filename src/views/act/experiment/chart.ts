/** The read-out's chart: each group's conversion rate as a dot with its interval. */
import type { TopLevelSpec } from 'vega-lite';
import { normalQuantile } from '../../../lib/domain/voice/normal';

export const READOUT_COLORS = { control: '#6b7580', treated: '#2f6fb0' } as const;

export interface RateRow {
  group: string;
  rate: number;
  n: number;
  treated: boolean;
}

/** Wald interval of one rate, r ± z·√(r(1 − r)/n), clamped to [0, 1]. */
export function rateInterval(rate: number, n: number, confidence: number): [number, number] {
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const half = n > 0 ? z * Math.sqrt((rate * (1 - rate)) / n) : 0;
  return [Math.max(0, rate - half), Math.min(1, rate + half)];
}

/** Dots for the rates and rules for their intervals, one row per group in the order given. */
export function rateIntervalsSpec(
  rows: RateRow[],
  options: { confidence: number; rateTitle: string; groupTitle: string; lowTitle: string; highTitle: string; countTitle: string },
): TopLevelSpec {
  const values = rows.map((r) => {
    const [low, high] = rateInterval(r.rate, r.n, options.confidence);
    return { ...r, low, high, kind: r.treated ? 'treated' : 'control' };
  });
  const groups = rows.map((r) => r.group);
  const y = { field: 'group', type: 'nominal' as const, title: null, sort: groups, axis: { labelLimit: 180 } };
  const color = {
    field: 'kind', type: 'nominal' as const, legend: null,
    scale: { domain: ['control', 'treated'], range: [READOUT_COLORS.control, READOUT_COLORS.treated] },
  };
  const tooltip = [
    { field: 'group', type: 'nominal' as const, title: options.groupTitle },
    { field: 'rate', type: 'quantitative' as const, title: options.rateTitle, format: '.1%' },
    { field: 'low', type: 'quantitative' as const, title: options.lowTitle, format: '.1%' },
    { field: 'high', type: 'quantitative' as const, title: options.highTitle, format: '.1%' },
    { field: 'n', type: 'quantitative' as const, title: options.countTitle, format: ',' },
  ];
  return {
    width: 'container',
    height: { step: 36 },
    data: { values },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 3, tooltip: true },
        encoding: {
          y,
          x: { field: 'low', type: 'quantitative', title: options.rateTitle, axis: { format: '.1~%', tickCount: 6 }, scale: { zero: false, nice: true } },
          x2: { field: 'high' },
          color,
          tooltip,
        },
      },
      {
        mark: { type: 'point', filled: true, size: 120, opacity: 1, tooltip: true },
        encoding: { y, x: { field: 'rate', type: 'quantitative' }, color, tooltip },
      },
    ],
  };
}
