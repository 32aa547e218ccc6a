// The Voice page's charts, rendered headless: the stacked promoter/passive/detractor bars, the
// monthly trend with its interval band, NPS bars with their intervals.
import { describe, expect, it } from 'vitest';
import { light, npsBarsSpec, npsMixSpec, NPS_PART_COLORS, scoreTrendSpec } from '../../../../src/lib/charts';
import { renderChart } from '../../../support/vega';

const parts: [string, string, string] = ['Promoters', 'Passives', 'Detractors'];

describe('npsMixSpec', () => {
  it('stacks the three parts of each group to 100%, promoters first, in their colours, groups in the order given', async () => {
    const rows = [
      { group: 'Lost', part: 'Detractors', share: 0.5, count: 5 }, { group: 'Lost', part: 'Promoters', share: 0.2, count: 2 }, { group: 'Lost', part: 'Passives', share: 0.3, count: 3 },
      { group: 'Champions', part: 'Promoters', share: 0.6, count: 6 }, { group: 'Champions', part: 'Passives', share: 0.3, count: 3 }, { group: 'Champions', part: 'Detractors', share: 0.1, count: 1 },
    ];
    const chart = await renderChart(npsMixSpec(rows, { groups: ['Champions', 'Lost'], parts, xTitle: 'Share', countTitle: 'Answers' }), { config: light });
    expect(chart.warnings).toEqual([]);
    expect(chart.axisLabels('left')).toEqual(['Champions', 'Lost']);
    const bars = chart.marks('rect');
    expect(bars).toHaveLength(6);
    const of = (group: string, part: string) => bars.find((b) => b.datum.group === group && b.datum.part === part)!;
    // promoters start at 0, detractors end at 100%
    expect(of('Lost', 'Promoters').x).toBeCloseTo(0, 5);
    expect(of('Lost', 'Passives').x).toBeCloseTo(of('Lost', 'Promoters').x2!, 5);
    expect(of('Lost', 'Detractors').x2).toBeCloseTo(of('Champions', 'Detractors').x2!, 5);
    expect(of('Champions', 'Promoters').fill).toBe(NPS_PART_COLORS[0]);
    expect(of('Champions', 'Detractors').fill).toBe(NPS_PART_COLORS[2]);
    expect(of('Champions', 'Promoters').tooltip).toMatchObject({ Share: '60.0%', Answers: '6' });
  });
});

describe('scoreTrendSpec', () => {
  it('draws the score as a line over the months with the interval as a band around it', async () => {
    const points = [{ month: '2024-01', value: 20, lo: 5, hi: 35, n: 12 }, { month: '2024-02', value: 30, lo: 18, hi: 42, n: 60 }];
    const chart = await renderChart(scoreTrendSpec(points, { yTitle: 'NPS', xTitle: 'Month', ciTitle: '95% CI', countTitle: 'Answers' }), { config: light });
    expect(chart.warnings).toEqual([]);
    expect(chart.axisLabels('bottom')).toEqual(['2024-01', '2024-02']);
    expect(chart.marks('area')).toHaveLength(2);
    const dots = chart.marks('symbol');
    expect(dots.map((d) => d.datum.value)).toEqual([20, 30]);
    expect(chart.marks('line').map((v) => v.datum.month)).toEqual(['2024-01', '2024-02']); // one line through every month
    // the month with fewer than 30 answers is hollow
    expect(dots[0].fill).toBe('#ffffff');
    expect(dots[1].fill).toBe('#2f6fb0');
    const [area] = chart.marks('area');
    // the band spans lo…hi around the line (y grows downwards: lo is drawn below)
    expect(area.y).toBeGreaterThan(dots[0].y);
    expect(area.y2).toBeLessThan(dots[0].y);
  });

  it('shows a share as a percentage', async () => {
    const chart = await renderChart(scoreTrendSpec([{ month: '2024-01', value: 0.8, lo: 0.7, hi: 0.9, n: 40 }], { yTitle: 'CSAT', xTitle: 'Month', ciTitle: '95% CI', countTitle: 'Answers', percent: true }));
    expect(chart.axisLabels('left').every((l) => l.endsWith('%'))).toBe(true);
  });
});

describe('npsBarsSpec', () => {
  it('draws one bar per group with a rule from the lower to the upper end of its interval', async () => {
    const points = [{ group: 'High value', nps: 28, lo: 20, hi: 35, n: 467 }, { group: 'Low value', nps: 17, lo: 11, hi: 22, n: 784 }];
    const chart = await renderChart(npsBarsSpec(points, { groups: ['High value', 'Low value'], yTitle: 'NPS', ciTitle: '95% CI', countTitle: 'Answers' }), { config: light });
    expect(chart.warnings).toEqual([]);
    expect(chart.axisLabels('bottom')).toEqual(['High value', 'Low value']);
    const [bar] = chart.marks('rect');
    const [rule] = chart.marks('rule');
    // from the lower end (20, below the top of the bar at 28) to the upper end (35, above it)
    expect(rule.y).toBeGreaterThan(bar.y);
    expect(rule.y2).toBeLessThan(bar.y);
  });
});
