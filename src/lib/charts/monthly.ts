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
  /**
   * Field that is true for a month the data covers only in part (drawn lighter), and the field
   * holding its words for the tooltip ("9 of 31 days").
   */
  partialField?: string;
  partialTextField?: string;
  /** Title of the partial-month tooltip line. */
  partialTitle?: string;
}

/** Opacity of a bar whose month the data covers only in part. */
export const PARTIAL_OPACITY = 0.4;

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
      ...(options.partialField
        ? { opacity: { condition: { test: `datum[${JSON.stringify(options.partialField)}]`, value: PARTIAL_OPACITY }, value: 1 } }
        : {}),
      ...(options.tooltipField
        ? {
            tooltip: [
              { field: 'month', title: options.xTitle }, { field: options.tooltipField, title: options.yTitle },
              ...(options.partialTextField ? [{ field: options.partialTextField, title: options.partialTitle ?? '' }] : []),
            ],
          }
        : {}),
    },
  };
}
