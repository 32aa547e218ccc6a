// The report's own chart specs are plain data: bars in the given order, two series side by side,
// and a page's spec with slanted labels (a copy; the page's spec is not changed).
import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { pairedSpec, sizesSpec, slantedLabels } from '../../../../src/views/report/specs';
import { npsBarsSpec } from '../../../../src/lib/charts/voice';

describe('report chart specs', () => {
  it('sizes: one bar per group in the given order, the value above it', () => {
    const spec = sizesSpec([{ group: 'B', value: 2 }, { group: 'A', value: 1 }], { xTitle: 'Segment', yTitle: 'Customers' });
    expect(spec).toMatchObject({ width: 'container', data: { values: [{ group: 'B', value: 2 }, { group: 'A', value: 1 }] } });
    const layers = (spec as { layer: { encoding: { x: { sort: string[] } }; mark: { type: string } }[] }).layer;
    expect(layers.map((l) => l.mark.type)).toEqual(['bar', 'text']);
    expect(layers[0].encoding.x.sort).toEqual(['B', 'A']);
    expect(() => compile(spec)).not.toThrow();
  });

  it('paired: groups and series in the given order', () => {
    const spec = pairedSpec(
      [{ group: 'B', series: 'opt', value: 2 }, { group: 'B', series: 'eq', value: 1 }],
      { xTitle: 'Group', yTitle: 'Amount', groups: ['B'], series: ['opt', 'eq'] },
    );
    expect((spec as { encoding: unknown }).encoding).toMatchObject({
      x: { sort: ['B'], axis: { labelAngle: -30 } }, xOffset: { field: 'series', sort: ['opt', 'eq'] }, color: { sort: ['opt', 'eq'] },
    });
    expect(() => compile(spec)).not.toThrow();
  });

  it('slanted labels: every layer’s x axis, on a copy', () => {
    const page = npsBarsSpec([{ group: 'A', nps: 10, lo: 0, hi: 20, n: 40 }], { groups: ['A'], yTitle: 'NPS', ciTitle: 'CI', countTitle: 'n' });
    const before = JSON.stringify(page);
    const slanted = slantedLabels(page) as { layer: { encoding: { x: { axis: { labelAngle: number } } } }[] };
    expect(slanted.layer.map((l) => l.encoding.x.axis.labelAngle)).toEqual(slanted.layer.map(() => -30));
    expect(JSON.stringify(page)).toBe(before);
  });
});
