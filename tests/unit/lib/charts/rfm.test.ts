import { describe, expect, it } from 'vitest';
import { axisLabelExpr, monthlyBarSpec, rfmGridSpec, scoreBarsSpec } from '../../src/lib/charts';

type Spec = {
  encoding: Record<string, { field?: string; type?: string; sort?: string; axis?: { labelExpr?: string } }>;
  data: { values: unknown[] };
};

describe('chart specs', () => {
  it('monthly bars put months on an ordinal axis and abbreviate values per language', () => {
    const spec = monthlyBarSpec([{ month: '2024-01', v: 1 }], { field: 'v', xTitle: 'Month', yTitle: 'Revenue', locale: 'zh', tooltipField: 't' }) as unknown as Spec;
    expect(spec.encoding.x).toMatchObject({ field: 'month', type: 'ordinal' });
    expect(spec.encoding.y.axis?.labelExpr).toBe(axisLabelExpr('zh'));
    expect(axisLabelExpr('zh')).toContain('万');
    expect(axisLabelExpr('en')).toContain("'~s'");
    expect(spec.data.values).toEqual([{ month: '2024-01', v: 1 }]);
  });

  it('RFM grid puts recent (high R) at the top and colours by the chosen measure', () => {
    const spec = rfmGridSpec([{ R: 5, F: 1, count: 3, meanMonetary: 10 }], { color: 'meanMonetary', rTitle: 'R', fTitle: 'F', colorTitle: 'M' }) as unknown as Spec;
    expect(spec.encoding.y).toMatchObject({ field: 'R', sort: 'descending' });
    expect(spec.encoding.color.field).toBe('meanMonetary');
  });

  it('score bars have one bar per score', () => {
    const spec = scoreBarsSpec([4, 0, 2], { title: 'R', yTitle: 'n' }) as unknown as Spec;
    expect(spec.data.values).toEqual([{ score: 1, count: 4 }, { score: 2, count: 0 }, { score: 3, count: 2 }]);
  });
});
