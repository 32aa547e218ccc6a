import { describe, expect, it } from 'vitest';
import { axisLabelExpr, monthlyBarSpec, PARTIAL_OPACITY } from '../../../../src/lib/charts/monthly';
import { renderChart, type ChartItem } from '../../../support/vega';

describe('monthlyBarSpec', () => {
  it('puts months on an ordinal axis and abbreviates values per language', () => {
    const points = [{ month: '2024-01', v: 1 }];
    const spec = monthlyBarSpec(points, { field: 'v', xTitle: 'Month', yTitle: 'Revenue', locale: 'zh', tooltipField: 't' });
    expect(spec).toMatchObject({
      data: { values: points },
      mark: { type: 'bar', tooltip: true },
      encoding: {
        x: { field: 'month', type: 'ordinal', title: 'Month' },
        y: { field: 'v', type: 'quantitative', title: 'Revenue', axis: { labelExpr: axisLabelExpr('zh') } },
        tooltip: [{ field: 'month', title: 'Month' }, { field: 't', title: 'Revenue' }],
      },
    });
    expect(axisLabelExpr('zh')).toContain('万');
    expect(axisLabelExpr('en')).toContain("'~s'");
  });

  it('has no tooltip without a tooltip field', () => {
    const spec = monthlyBarSpec([{ month: '2024-01', v: 1 }], { field: 'v', xTitle: 'Month', yTitle: 'Revenue', locale: 'en' });
    expect(spec).toMatchObject({ mark: { type: 'bar', tooltip: undefined } });
    expect(spec).not.toHaveProperty('encoding.tooltip');
  });

  it('draws one bar per month and labels the value axis in 万 (Chinese) or k (English)', async () => {
    const points = [
      { month: '2024-01', v: 10_000 },
      { month: '2024-02', v: 30_000 },
    ];
    const zh = await renderChart(monthlyBarSpec(points, { field: 'v', xTitle: '月份', yTitle: '收入', locale: 'zh' }));
    expect(zh.warnings).toEqual([]);
    expect(zh.marks('rect')).toHaveLength(2);
    expect(zh.axisLabels('bottom')).toEqual(['2024-01', '2024-02']);
    // By hand: the axis runs 0 … 30,000 and 10,000 and 30,000 are ticks whatever the step; from
    // 1e4 up a value is counted in 万 (10,000 → 1万), below it keeps its thousands separator.
    const zhLabels = zh.axisLabels('left');
    expect(zhLabels).toContain('1万');
    expect(zhLabels).toContain('3万');
    expect(zhLabels.length).toBeGreaterThan(2);
    for (const label of zhLabels) expect(label).toMatch(/^(0|[1-9],\d{3}|[1-9]\d{0,2}|\d+(\.\d+)?万)$/);

    const en = await renderChart(monthlyBarSpec(points, { field: 'v', xTitle: 'Month', yTitle: 'Revenue', locale: 'en' }));
    // d3 '~s' writes 10,000 as 10k and 30,000 as 30k (SI prefix, trailing zeros trimmed)
    expect(en.axisLabels('left')).toContain('10k');
    expect(en.axisLabels('left')).toContain('30k');
    expect(en.axisLabels('left').some((l) => l.includes('万'))).toBe(false);
  });

  it('draws a month the data covers only in part lighter, and says so in its tooltip', async () => {
    const points = [
      { month: '2025-11', v: 100, t: '100', partial: false, p: '' },
      { month: '2025-12', v: 30, t: '30', partial: true, p: '9 of 31 days' },
    ];
    const chart = await renderChart(monthlyBarSpec(points, {
      field: 'v', xTitle: 'Month', yTitle: 'Revenue', locale: 'en', tooltipField: 't', partialField: 'partial', partialTextField: 'p', partialTitle: 'Partial month',
    }));
    const bars = chart.marks('rect') as (ChartItem & { opacity?: number })[];
    expect(bars.map((b) => b.opacity)).toEqual([1, PARTIAL_OPACITY]);
    expect(bars[1].tooltip).toMatchObject({ 'Partial month': '9 of 31 days' });
  });
});
