/**
 * The KPI trend chart with its target line, as plain Vega-Lite data: one point per month (lighter
 * where the month is only partly in the data), a dashed rule at the target.
 */
import type { TopLevelSpec } from 'vega-lite';
import { axisLabelExpr, PARTIAL_OPACITY } from '../../../lib/charts/monthly';

export interface TrendPoint {
  month: string;
  value: number | null;
  partial: boolean;
  /** The value and the partial note as the tooltip shows them. */
  valueText: string;
  partialText: string;
}

export interface TrendOptions {
  /** The target (null: no line). */
  target: number | null;
  targetText: string;
  xTitle: string;
  yTitle: string;
  targetTitle: string;
  partialTitle: string;
  locale: 'zh' | 'en';
  /** Axis labels as shares (0.25 → 25%). */
  percent: boolean;
}

export function kpiTrendSpec(points: TrendPoint[], o: TrendOptions): TopLevelSpec {
  const values = points.filter((p) => p.value !== null && Number.isFinite(p.value));
  const y = {
    field: 'value', type: 'quantitative' as const, title: o.yTitle, scale: { zero: false },
    axis: o.percent ? { format: '.0%' } : { labelExpr: axisLabelExpr(o.locale) },
  };
  const x = { field: 'month', type: 'ordinal' as const, title: o.xTitle, sort: null, axis: { labelAngle: -45, labelOverlap: 'parity' as const } };
  const tooltip = [
    { field: 'month', title: o.xTitle }, { field: 'valueText', title: o.yTitle }, { field: 'partialText', title: o.partialTitle },
  ];
  return {
    width: 'container',
    height: 220,
    layer: [
      {
        data: { values },
        mark: { type: 'line', point: false },
        encoding: { x, y },
      },
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 50 },
        encoding: {
          x, y, tooltip,
          opacity: { condition: { test: 'datum.partial', value: PARTIAL_OPACITY }, value: 1 },
        },
      },
      ...(o.target !== null
        ? [{
            data: { values: [{ target: o.target, targetText: o.targetText }] },
            mark: { type: 'rule' as const, strokeDash: [6, 4], color: '#a3231c', size: 1.5 },
            encoding: { y: { field: 'target', type: 'quantitative' as const }, tooltip: [{ field: 'targetText', title: o.targetTitle }] },
          }]
        : []),
    ],
  } as TopLevelSpec;
}
