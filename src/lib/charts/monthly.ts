import type { TopLevelSpec } from 'vega-lite';

export interface MonthlyBarOptions {
  /** Field of each point to plot. */
  field: string;
  xTitle: string;
  yTitle: string;
  /** Language of axis labels: Chinese counts in 万/亿, English in K/M/B. */
  locale: 'zh' | 'en';
  /** Field holding the tooltip text of each point (formatted by the caller). */
  tooltipField?: string;
}

/** Vega expression that abbreviates large axis values in the language's own way. */
export function axisLabelExpr(locale: 'zh' | 'en'): string {
  return locale === 'zh'
    ? "abs(datum.value) >= 1e8 ? format(datum.value / 1e8, '~g') + '亿' : abs(datum.value) >= 1e4 ? format(datum.value / 1e4, '~g') + '万' : format(datum.value, ',')"
    : "format(datum.value, '~s')";
}

/** Bars per month ('YYYY-MM' on an ordinal axis, so labels need no locale-specific dates). */
export function monthlyBarSpec(points: Record<string, unknown>[], options: MonthlyBarOptions): TopLevelSpec {
  return {
    width: 'container',
    height: 220,
    data: { values: points },
    mark: { type: 'bar', tooltip: options.tooltipField ? true : undefined },
    encoding: {
      x: {
        field: 'month',
        type: 'ordinal',
        title: options.xTitle,
        axis: { labelAngle: -45, labelOverlap: 'parity' },
      },
      y: {
        field: options.field,
        type: 'quantitative',
        title: options.yTitle,
        axis: { labelExpr: axisLabelExpr(options.locale) },
      },
      ...(options.tooltipField
        ? { tooltip: [{ field: 'month', title: options.xTitle }, { field: options.tooltipField, title: options.yTitle }] }
        : {}),
    },
  };
}
