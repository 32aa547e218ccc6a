// The chart specs of the Segments and Value pages. Each builder is checked twice, in the style of
// Vega-Lite's own tests: the spec as data (marks, encodings, fields, titles, formats, the data
// passed in), then rendered headless (tests/support/vega.ts) to see what the user would get.
import { describe, expect, it } from 'vitest';
import {
  cohortSpec,
  light,
  modelHeatSpec,
  pairedBarsSpec,
  paretoSpec,
  rateLineSpec,
  rfmGridSpec,
  scoreBarsSpec,
  trackingSpec,
} from '../../../../src/lib/charts';
import { renderChart, type ChartItem } from '../../../support/vega';
import { TIME_LOCALES } from '../../../../src/lib/charts/time-locales';

/** Brightness (r + g + b) of an 'rgb(r, g, b)' or '#rrggbb' fill: the darker, the lower. */
function brightness(color: string | undefined): number {
  const hex = /^#([\da-f]{2})([\da-f]{2})([\da-f]{2})$/i.exec(color ?? '');
  if (hex) return hex.slice(1).reduce((sum, h) => sum + parseInt(h, 16), 0);
  const rgb = /^rgb\((\d+), ?(\d+), ?(\d+)\)$/.exec(color ?? '');
  if (!rgb) throw new Error(`not a colour: ${color}`);
  return rgb.slice(1).reduce((sum, c) => sum + Number(c), 0);
}

/** The item drawn for the datum matching `where`. */
function itemOf(items: ChartItem[], where: Record<string, unknown>): ChartItem {
  const found = items.filter((item) => Object.entries(where).every(([k, v]) => item.datum[k] === v));
  expect(found, JSON.stringify(where)).toHaveLength(1);
  return found[0];
}

describe('rfmGridSpec', () => {
  const cells = [
    { R: 1, F: 1, count: 40, meanMonetary: 20 },
    { R: 1, F: 2, count: 10, meanMonetary: 80 },
    { R: 2, F: 1, count: 30, meanMonetary: 1234.4 },
    { R: 2, F: 2, count: 5, meanMonetary: 60 },
  ];
  const options = { rTitle: 'Recency', fTitle: 'Frequency', colorTitle: 'Mean spend' };

  it('puts recent (high R) at the top and colours by the chosen measure', () => {
    const spec = rfmGridSpec(cells, { color: 'meanMonetary', ...options });
    expect(spec).toMatchObject({
      data: { values: cells },
      mark: { type: 'rect', tooltip: true },
      encoding: {
        x: { field: 'F', type: 'ordinal', title: 'Frequency' },
        y: { field: 'R', type: 'ordinal', title: 'Recency', sort: 'descending' },
        color: { field: 'meanMonetary', type: 'quantitative', title: 'Mean spend', scale: { scheme: 'blues' } },
        tooltip: [
          { field: 'R', title: 'Recency' },
          { field: 'F', title: 'Frequency' },
          { field: 'meanMonetary', title: 'Mean spend', format: ',.0f' },
        ],
      },
    });
    expect(rfmGridSpec(cells, { color: 'count', ...options })).toMatchObject({
      encoding: { color: { field: 'count' }, tooltip: [{ field: 'R' }, { field: 'F' }, { field: 'count' }] },
    });
  });

  it('draws one cell per score pair, R descending from the top, darker for more of the measure', async () => {
    const chart = await renderChart(rfmGridSpec(cells, { color: 'meanMonetary', ...options }), { config: light });
    expect(chart.warnings).toEqual([]);
    const rects = chart.marks('rect');
    expect(rects).toHaveLength(4);
    expect(chart.axisLabels('left')).toEqual(['2', '1']);
    expect(chart.axisLabels('bottom')).toEqual(['1', '2']);
    expect(chart.axisTitles('left')).toEqual(['Recency']);
    expect(chart.axisTitles('bottom')).toEqual(['Frequency']);
    expect(itemOf(rects, { R: 2, F: 1 }).y).toBeLessThan(itemOf(rects, { R: 1, F: 1 }).y);
    // by mean spend, (R2, F1) at 1,234.4 is the darkest and (R1, F1) at 20 the lightest
    const byMean = rects.map((r) => brightness(r.fill));
    expect(Math.min(...byMean)).toBe(brightness(itemOf(rects, { R: 2, F: 1 }).fill));
    expect(Math.max(...byMean)).toBe(brightness(itemOf(rects, { R: 1, F: 1 }).fill));
    // the measure is rounded to whole units with a thousands separator (1,234.4 → "1,234"); the
    // scores have no format and stay numbers
    expect(itemOf(rects, { R: 2, F: 1 }).tooltip).toEqual({ Recency: 2, Frequency: 1, 'Mean spend': '1,234' });

    // by count the order flips: (R1, F1) with 40 customers is now the darkest, (R2, F2) with 5 the lightest
    const byCount = (await renderChart(rfmGridSpec(cells, { color: 'count', ...options, colorTitle: 'Customers' }))).marks('rect');
    const counts = byCount.map((r) => brightness(r.fill));
    expect(Math.min(...counts)).toBe(brightness(itemOf(byCount, { R: 1, F: 1 }).fill));
    expect(Math.max(...counts)).toBe(brightness(itemOf(byCount, { R: 2, F: 2 }).fill));
    expect(itemOf(byCount, { R: 1, F: 2 }).tooltip).toEqual({ Recency: 1, Frequency: 2, Customers: '10' });
  });
});

describe('scoreBarsSpec', () => {
  it('has one bar per score, numbered from 1', () => {
    const spec = scoreBarsSpec([4, 0, 2], { title: 'R', yTitle: 'Customers' });
    expect(spec).toMatchObject({
      data: { values: [{ score: 1, count: 4 }, { score: 2, count: 0 }, { score: 3, count: 2 }] },
      mark: { type: 'bar', tooltip: true },
      encoding: {
        x: { field: 'score', type: 'ordinal', title: 'R' },
        y: { field: 'count', type: 'quantitative', title: 'Customers' },
      },
    });
  });

  it('draws bars in score order with heights in proportion to the counts', async () => {
    const chart = await renderChart(scoreBarsSpec([4, 0, 2], { title: 'F', yTitle: 'Customers' }));
    expect(chart.warnings).toEqual([]);
    expect(chart.axisLabels('bottom')).toEqual(['1', '2', '3']);
    expect(chart.axisTitles('bottom')).toEqual(['F']);
    const [one, two, three] = chart.marks('rect');
    expect(one.x).toBeLessThan(three.x);
    expect(two.height).toBe(0);
    // 4 customers against 2: twice as tall
    expect(one.height).toBeCloseTo(2 * three.height!, 6);
  });
});

describe('paretoSpec', () => {
  const points = [
    { customerShare: 0, valueShare: 0 },
    { customerShare: 0.2, valueShare: 0.5 },
    { customerShare: 0.5, valueShare: 0.75 },
  ];

  it('plots the share of value against the share of customers, both as percentages of 0 … 1', () => {
    const spec = paretoSpec(points, { x: 'Share of customers', y: 'Share of revenue' });
    expect(spec).toMatchObject({
      data: { values: points },
      mark: { type: 'line', point: false, tooltip: true },
      encoding: {
        x: { field: 'customerShare', type: 'quantitative', title: 'Share of customers', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
        y: { field: 'valueShare', type: 'quantitative', title: 'Share of revenue', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      },
    });
  });

  it('keeps the whole 0 … 100% range when the points stop short, and places them linearly', async () => {
    const chart = await renderChart(paretoSpec(points, { x: 'Customers', y: 'Revenue' }), { width: 300 });
    expect(chart.warnings).toEqual([]);
    for (const orient of ['bottom', 'left'] as const) {
      const labels = chart.axisLabels(orient);
      expect(labels[0]).toBe('0%');
      expect(labels.at(-1)).toBe('100%');
      expect(labels.every((l) => /^\d+%$/.test(l))).toBe(true);
    }
    expect(chart.axisTitles('bottom')).toEqual(['Customers']);
    expect(chart.axisTitles('left')).toEqual(['Revenue']);
    const line = chart.marks('line');
    expect(line).toHaveLength(3);
    expect(chart.marks('symbol')).toEqual([]);
    // by hand: x maps 0 … 1 onto 0 … 300 px, y maps 0 … 1 onto 220 … 0 px (the spec's height)
    expect(line[1].x).toBeCloseTo(60, 6);
    expect(line[2].x).toBeCloseTo(150, 6);
    expect(line[1].y).toBeCloseTo(110, 6);
    expect(line[2].y).toBeCloseTo(55, 6);
  });
});

describe('modelHeatSpec', () => {
  const cells = [
    { frequency: 0, recency: 0, pAlive: 1, expected: 0.1 },
    { frequency: 0, recency: 1, pAlive: 0.9, expected: 0.2 },
    { frequency: 1, recency: 0, pAlive: 0.2, expected: 0.3 },
    { frequency: 1, recency: 1, pAlive: 0.6, expected: 1.5 },
  ];
  const titles = { fTitle: 'Frequency', rTitle: 'Recency' };

  it('puts recency across, frequency down (highest at the top) and colours by the chosen quantity', () => {
    expect(modelHeatSpec(cells, { field: 'pAlive', ...titles, title: 'P(alive)' })).toMatchObject({
      data: { values: cells },
      mark: { type: 'rect', tooltip: true },
      encoding: {
        x: { field: 'recency', type: 'ordinal', title: 'Recency' },
        y: { field: 'frequency', type: 'ordinal', title: 'Frequency', sort: 'descending' },
        color: { field: 'pAlive', type: 'quantitative', title: 'P(alive)', scale: { scheme: 'viridis' } },
      },
    });
    expect(modelHeatSpec(cells, { field: 'expected', ...titles, title: 'Expected' })).toMatchObject({
      encoding: { color: { field: 'expected', title: 'Expected' } },
    });
  });

  it('draws the viridis scale from its darkest (lowest) to its brightest (highest) cell', async () => {
    // viridis runs from #440154 = rgb(68, 1, 84) to #fde725 = rgb(253, 231, 37)
    const DARK = brightness('#440154');
    const BRIGHT = brightness('#fde725');
    const pAlive = await renderChart(modelHeatSpec(cells, { field: 'pAlive', ...titles, title: 'P(alive)' }));
    expect(pAlive.warnings).toEqual([]);
    const rects = pAlive.marks('rect');
    expect(rects).toHaveLength(4);
    expect(pAlive.axisLabels('left')).toEqual(['1', '0']);
    expect(pAlive.axisLabels('bottom')).toEqual(['0', '1']);
    expect(pAlive.legendTitles()).toEqual(['P(alive)']);
    expect(brightness(itemOf(rects, { frequency: 1, recency: 0 }).fill)).toBe(DARK); // pAlive 0.2, the lowest
    expect(brightness(itemOf(rects, { frequency: 0, recency: 0 }).fill)).toBe(BRIGHT); // pAlive 1, the highest

    const expected = (await renderChart(modelHeatSpec(cells, { field: 'expected', ...titles, title: 'Expected' }))).marks('rect');
    expect(brightness(itemOf(expected, { frequency: 0, recency: 0 }).fill)).toBe(DARK); // 0.1, the lowest
    expect(brightness(itemOf(expected, { frequency: 1, recency: 1 }).fill)).toBe(BRIGHT); // 1.5, the highest
  });
});

describe('pairedBarsSpec', () => {
  const rows = [
    { group: '0', series: 'Actual', value: 1 },
    { group: '0', series: 'Model', value: 2 },
    { group: '1', series: 'Actual', value: 4 },
    { group: '1', series: 'Model', value: 3 },
  ];

  it('offsets the series inside each group and colours them without a legend title', () => {
    expect(pairedBarsSpec(rows, { xTitle: 'Purchases in calibration', yTitle: 'Mean purchases' })).toMatchObject({
      data: { values: rows },
      mark: { type: 'bar', tooltip: true },
      encoding: {
        x: { field: 'group', type: 'ordinal', title: 'Purchases in calibration' },
        xOffset: { field: 'series' },
        y: { field: 'value', type: 'quantitative', title: 'Mean purchases' },
        color: { field: 'series', type: 'nominal', title: null },
      },
    });
  });

  it('draws the two series side by side per group, one colour per series', async () => {
    const chart = await renderChart(pairedBarsSpec(rows, { xTitle: 'Group', yTitle: 'Mean' }), { config: light });
    expect(chart.warnings).toEqual([]);
    const bars = chart.marks('rect');
    expect(bars).toHaveLength(4);
    expect(chart.axisLabels('bottom')).toEqual(['0', '1']);
    expect(chart.legendLabels()).toEqual(['Actual', 'Model']);
    expect(chart.legendTitles()).toEqual([]);
    for (const group of ['0', '1']) {
      const actual = itemOf(bars, { group, series: 'Actual' });
      const model = itemOf(bars, { group, series: 'Model' });
      expect(model.width).toBeCloseTo(actual.width!, 6);
      expect(model.x).toBeGreaterThanOrEqual(actual.x + actual.width! - 1e-6); // beside, not on top
      expect(actual.fill).not.toBe(model.fill);
    }
    expect(itemOf(bars, { group: '0', series: 'Actual' }).fill).toBe(itemOf(bars, { group: '1', series: 'Actual' }).fill);
    expect(itemOf(bars, { group: '1', series: 'Actual' }).x).toBeGreaterThan(itemOf(bars, { group: '0', series: 'Model' }).x);
    // heights in proportion to the values: 4 is four times 1
    expect(itemOf(bars, { group: '1', series: 'Actual' }).height).toBeCloseTo(4 * itemOf(bars, { group: '0', series: 'Actual' }).height!, 6);
  });
});

describe('cohortSpec', () => {
  const cells = [
    { cohort: '2024-01', k: 0, value: 1 },
    { cohort: '2024-01', k: 1, value: 0.4567 },
    { cohort: '2024-01', k: 2, value: 0.25 },
    { cohort: '2024-02', k: 0, value: 1 },
    { cohort: '2024-02', k: 1, value: 0.125 },
  ];
  const titles = { cohortTitle: 'Cohort', kTitle: 'Months since', valueTitle: 'Retained' };

  it('puts cohorts down, months since across, and a 0 … 100% colour scale', () => {
    expect(cohortSpec(cells, titles)).toMatchObject({
      height: { step: 12 },
      data: { values: cells },
      mark: { type: 'rect', tooltip: true },
      encoding: {
        x: { field: 'k', type: 'ordinal', title: 'Months since' },
        y: { field: 'cohort', type: 'ordinal', title: 'Cohort' },
        color: { field: 'value', type: 'quantitative', title: 'Retained', scale: { scheme: 'blues', domain: [0, 1] }, legend: { format: '.0%' } },
        tooltip: [
          { field: 'cohort', title: 'Cohort' },
          { field: 'k', title: 'Months since' },
          { field: 'value', title: 'Retained', format: '.1%' },
        ],
      },
    });
  });

  it('draws a 12 px row per cohort, a percent legend from 0% to 100% and percent tooltips', async () => {
    const chart = await renderChart(cohortSpec(cells, titles));
    expect(chart.warnings).toEqual([]);
    const rects = chart.marks('rect');
    expect(rects).toHaveLength(5);
    expect(chart.axisLabels('left')).toEqual(['2024-01', '2024-02']);
    expect(chart.axisLabels('bottom')).toEqual(['0', '1', '2']);
    expect(rects.every((r) => r.height === 12)).toBe(true);
    expect(itemOf(rects, { cohort: '2024-02', k: 0 }).y - itemOf(rects, { cohort: '2024-01', k: 0 }).y).toBe(12);
    const legend = chart.legendLabels();
    expect(legend[0]).toBe('0%');
    expect(legend.at(-1)).toBe('100%');
    expect(chart.legendTitles()).toEqual(['Retained']);
    // the colour domain is fixed at 0 … 1, so no cell reaches the lightest end (values ≥ 0.125)
    expect(chart.view.scale('color').domain()).toEqual([0, 1]);
    // .1%: 0.4567 → 45.67% → "45.7%"
    expect(itemOf(rects, { cohort: '2024-01', k: 1 }).tooltip).toEqual({ Cohort: '2024-01', 'Months since': 1, Retained: '45.7%' });
  });
});

describe('rateLineSpec', () => {
  const points = [
    { period: '2024 Q3', rate: 0.1 },
    { period: '2024 Q1', rate: null },
    { period: '2024 Q2', rate: 0.25 },
  ];

  it('keeps the periods in the given order, untitled, and shows rates as percentages', () => {
    expect(rateLineSpec(points, 'Churn rate')).toMatchObject({
      data: { values: points },
      mark: { type: 'line', point: true, tooltip: true },
      encoding: {
        x: { field: 'period', type: 'ordinal', title: null, sort: null },
        y: { field: 'rate', type: 'quantitative', title: 'Churn rate', axis: { format: '.0%' } },
      },
    });
  });

  it('draws a point per known rate, in the given period order, on a percent axis', async () => {
    const chart = await renderChart(rateLineSpec(points, 'Churn rate'));
    expect(chart.warnings).toEqual([]);
    // not sorted: Q3 first as given
    expect(chart.axisLabels('bottom')).toEqual(['2024 Q3', '2024 Q1', '2024 Q2']);
    expect(chart.axisTitles('bottom')).toEqual([]);
    expect(chart.axisTitles('left')).toEqual(['Churn rate']);
    const labels = chart.axisLabels('left');
    expect(labels.length).toBeGreaterThan(1);
    for (const label of labels) expect(label).toMatch(/^\d+%$/);
    // the period without a rate gets no point
    const symbols = chart.marks('symbol');
    expect(symbols.map((s) => s.datum.period)).toEqual(['2024 Q3', '2024 Q2']);
    expect(symbols[0].y).toBeGreaterThan(symbols[1].y); // 10% lower than 25%
  });
});

describe('trackingSpec', () => {
  const points = ['2024-01-01', '2024-02-01', '2024-03-01'].flatMap((date, i) => [
    { date, series: 'Actual', value: 10 * (i + 1) },
    { date, series: 'Model', value: 9 * (i + 1) },
  ]);
  const options = { yTitle: 'Cumulative purchases', calibrationEnd: '2024-02-01', calibrationLabel: 'End of calibration' };

  it('layers the series lines over time and a dashed rule at the calibration end', () => {
    expect(trackingSpec(points, options)).toMatchObject({
      layer: [
        {
          data: { values: points },
          mark: { type: 'line', tooltip: true },
          encoding: {
            x: { field: 'date', type: 'temporal', title: null },
            y: { field: 'value', type: 'quantitative', title: 'Cumulative purchases' },
            color: { field: 'series', type: 'nominal', title: null },
            strokeDash: { field: 'series', type: 'nominal', title: null },
          },
        },
        {
          data: { values: [{ date: '2024-02-01', label: 'End of calibration' }] },
          mark: { type: 'rule', strokeDash: [4, 4] },
          encoding: { x: { field: 'date', type: 'temporal' }, tooltip: { field: 'label' } },
        },
      ],
    });
  });

  it('draws the rule where the lines pass the calibration end, and tells the series apart by colour and dash', async () => {
    const chart = await renderChart(trackingSpec(points, options), { config: light });
    expect(chart.warnings).toEqual([]);
    const [rule] = chart.marks('rule');
    expect(chart.marks('rule')).toHaveLength(1);
    expect(rule.tooltip).toBe('End of calibration');
    expect(rule.strokeDash).toEqual([4, 4]);
    const line = chart.marks('line');
    expect(line).toHaveLength(6);
    // dates are parsed the same way in both layers, whatever the time zone
    const atEnd = line.filter((p) => p.datum.date === rule.datum.date);
    expect(atEnd.map((p) => p.datum.series).sort()).toEqual(['Actual', 'Model']);
    expect(itemOf(line, { series: 'Actual', value: 20 }).x).toBeCloseTo(rule.x, 6); // 2024-02-01 is the second point
    for (const p of atEnd) expect(p.x).toBeCloseTo(rule.x, 6);
    const actual = itemOf(line, { series: 'Actual', value: 10 });
    const model = itemOf(line, { series: 'Model', value: 9 });
    expect(actual.stroke).not.toBe(model.stroke);
    expect(actual.strokeDash).not.toEqual(model.strokeDash);
    expect(chart.axisTitles('bottom')).toEqual([]);
    expect(chart.axisTitles('left')).toEqual(['Cumulative purchases']);
    // one legend names both series (colour and dash merged)
    expect(chart.legendLabels()).toEqual(['Actual', 'Model']);
  });

  it('names the months on the time axis in the interface language', async () => {
    const months = Array.from({ length: 12 }, (_, i) => ({ date: `2024-${String(i + 1).padStart(2, '0')}-01`, series: 'Actual', value: i }));
    const zh = await renderChart(trackingSpec(months, options), { config: light, width: 900, timeLocale: TIME_LOCALES.zh });
    const en = await renderChart(trackingSpec(months, options), { config: light, width: 900, timeLocale: TIME_LOCALES.en });
    const zhLabels = zh.axisLabels('bottom');
    expect(zhLabels.length).toBeGreaterThan(3);
    // d3's zh-CN names: 二月 … 十二月 (not February … December)
    expect(zhLabels.some((l) => /^[一二三四五六七八九十]+月$/.test(l))).toBe(true);
    expect(zhLabels.some((l) => /[A-Za-z]/.test(l))).toBe(false);
    expect(en.axisLabels('bottom').some((l) => /^(February|March|April|May|June|July|August|September|October|November|December)$/.test(l))).toBe(true);
    // leave the English default for the tests after this one
  });
});
