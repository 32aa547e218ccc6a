import { describe, expect, it } from 'vitest';
import { evaluateWarnings, validateWarningRule, type WarningContext, type WarningRule } from '../../../../../src/lib/domain/retention/warnings';
import { thrown } from '../../../../support/errors';

function context(over: Partial<WarningContext> = {}): WarningContext {
  return {
    segmentChurn: { VIP: 0.3, New: 0.1, Old: null },
    customerId: ['c1', 'c2', 'c3', 'c4', 'c5'],
    daysSinceLast: Float64Array.of(100, 50, 40, 10, 200),
    usualGap: Float64Array.of(30, 30, NaN, 5, NaN), // c3, c5 one-time buyers
    valueTier: ['A', 'B', 'A', 'C', ''],
    tierOrder: ['A', 'B', 'C'],
    customerSegment: ['VIP', 'VIP', 'New', 'New', 'VIP'],
    segmentValueNow: { VIP: 700, New: 190 },
    segmentValueBefore: { VIP: 1000, New: 200, Gone: 50, Zero: 0 },
    ...over,
  };
}
const run = (rule: WarningRule, over?: Partial<WarningContext>) => evaluateWarnings([rule], context(over));

describe('segmentChurnAbove', () => {
  it('fires strictly above the threshold and lists the members who churned, not the whole segment', () => {
    // VIP members are c1, c2, c5; of them c1 and c5 churned in the period
    expect(run({ id: 'r1', kind: 'segmentChurnAbove', segment: 'VIP', threshold: 0.2 }, { segmentChurned: { VIP: ['c1', 'c5'] } })).toEqual([
      { ruleId: 'r1', code: 'warning.segmentChurn', params: { segment: 'VIP', rate: 0.3, threshold: 0.2 }, customerIds: ['c1', 'c5'] },
    ]);
    expect(run({ id: 'r1', kind: 'segmentChurnAbove', segment: 'VIP', threshold: 0.3 })).toEqual([]); // 0.3 is not above 0.3
  });

  it('stays quiet without a rate, and lists nobody without the churned customers', () => {
    expect(run({ id: 'r', kind: 'segmentChurnAbove', segment: 'Old', threshold: 0 })).toEqual([]); // null rate
    expect(run({ id: 'r', kind: 'segmentChurnAbove', segment: 'Missing', threshold: 0 })).toEqual([]);
    expect(run({ id: 'r', kind: 'segmentChurnAbove', segment: 'constructor', threshold: 0 })).toEqual([]); // not an own key
    expect(run({ id: 'r', kind: 'segmentChurnAbove', segment: 'VIP', threshold: 0 }, { segmentChurn: { VIP: NaN } })).toEqual([]);
    expect(run({ id: 'r', kind: 'segmentChurnAbove', segment: 'VIP', threshold: 0.2 })[0].customerIds).toEqual([]);
    expect(run({ id: 'r', kind: 'segmentChurnAbove', segment: 'VIP', threshold: 0.2 }, { segmentChurned: { New: ['c3'] } })[0].customerIds).toEqual([]);
  });
});

describe('inactiveBeyondGap', () => {
  it('finds customers silent for more than factor × their gap', () => {
    // factor 2: c1 100 > 60 ✓ ; c2 50 > 60 ✗ ; c3, c5 no gap → skipped ; c4 10 > 10 ✗ (not more)
    expect(run({ id: 'gap', kind: 'inactiveBeyondGap', factor: 2 })).toEqual([
      { ruleId: 'gap', code: 'warning.inactive', params: { factor: 2, count: 1 }, customerIds: ['c1'] },
    ]);
    // base gap 20 for one-time buyers: c3 40 > 40 ✗ ; c5 200 > 40 ✓
    expect(run({ id: 'gap', kind: 'inactiveBeyondGap', factor: 2 }, { baseGap: 20 })[0].customerIds).toEqual(['c1', 'c5']);
    // factor 10: c1 100 > 300 ✗ ; c2 50 > 300 ✗ ; c4 10 > 50 ✗ → nothing
    expect(run({ id: 'gap', kind: 'inactiveBeyondGap', factor: 10 })).toEqual([]);
  });

  it('keeps customers of the minimum tier or better', () => {
    // factor 1: c1 100 > 30 (A) ✓ ; c2 50 > 30 but B ; c4 10 > 5 but C ; c5 tier '' never qualifies
    expect(run({ id: 't', kind: 'inactiveBeyondGap', factor: 1, minValueTier: 'A' })).toEqual([
      { ruleId: 't', code: 'warning.inactive', params: { factor: 1, count: 1, minValueTier: 'A' }, customerIds: ['c1'] },
    ]);
    expect(run({ id: 't', kind: 'inactiveBeyondGap', factor: 1, minValueTier: 'B' })[0].customerIds).toEqual(['c1', 'c2']);
    expect(run({ id: 't', kind: 'inactiveBeyondGap', factor: 1, minValueTier: 'C' })[0].customerIds).toEqual(['c1', 'c2', 'c4']);
  });

  it('rejects a tier that is not in the tier order', () => {
    const rule: WarningRule = { id: 't', kind: 'inactiveBeyondGap', factor: 1, minValueTier: 'Z' };
    expect(thrown(() => run(rule))).toEqual({ code: 'warnings.tier.unknown', params: { ruleId: 't', tier: 'Z' } });
    expect(thrown(() => run({ ...rule, minValueTier: 'A' }, { tierOrder: undefined }))).toEqual({ code: 'warnings.tier.unknown', params: { ruleId: 't', tier: 'A' } });
  });

  it('finds nobody among no customers', () => {
    const none = { customerId: [], daysSinceLast: new Float64Array(0), usualGap: new Float64Array(0), valueTier: [], customerSegment: [] };
    expect(run({ id: 'g', kind: 'inactiveBeyondGap', factor: 1 }, none)).toEqual([]);
  });
});

describe('segmentValueDrop', () => {
  it('fires on a drop of at least dropShare', () => {
    // (1000 − 700) / 1000 = 0.3 ≥ 0.3
    expect(run({ id: 'v', kind: 'segmentValueDrop', segment: 'VIP', dropShare: 0.3 })).toEqual([
      { ruleId: 'v', code: 'warning.valueDrop', params: { segment: 'VIP', before: 1000, now: 700, drop: 0.3, dropShare: 0.3 }, customerIds: ['c1', 'c2', 'c5'] },
    ]);
    // (200 − 190) / 200 = 0.05 < 0.1
    expect(run({ id: 'v', kind: 'segmentValueDrop', segment: 'New', dropShare: 0.1 })).toEqual([]);
  });

  it('treats a segment missing now as emptied, and needs a positive value before', () => {
    // Gone: 50 before, nothing now → drop (50 − 0) / 50 = 1
    expect(run({ id: 'v', kind: 'segmentValueDrop', segment: 'Gone', dropShare: 1 })).toEqual([
      { ruleId: 'v', code: 'warning.valueDrop', params: { segment: 'Gone', before: 50, now: 0, drop: 1, dropShare: 1 }, customerIds: [] },
    ]);
    expect(run({ id: 'v', kind: 'segmentValueDrop', segment: 'Zero', dropShare: 0.5 })).toEqual([]); // before 0
    expect(run({ id: 'v', kind: 'segmentValueDrop', segment: 'Unknown', dropShare: 0.5 })).toEqual([]);
    expect(run({ id: 'v', kind: 'segmentValueDrop', segment: 'VIP', dropShare: 0.1 }, { segmentValueNow: { VIP: 1200 } })).toEqual([]); // a rise
    expect(run({ id: 'v', kind: 'segmentValueDrop', segment: 'VIP', dropShare: 0.1 }, { segmentValueNow: { VIP: NaN } })).toEqual([]);
  });
});

describe('evaluateWarnings', () => {
  it('returns the rules that fired, in rule order', () => {
    const rules: WarningRule[] = [
      { id: 'v', kind: 'segmentValueDrop', segment: 'VIP', dropShare: 0.2 },
      { id: 'quiet', kind: 'segmentChurnAbove', segment: 'New', threshold: 0.5 },
      { id: 'c', kind: 'segmentChurnAbove', segment: 'VIP', threshold: 0.1 },
    ];
    expect(evaluateWarnings(rules, context()).map((w) => w.ruleId)).toEqual(['v', 'c']);
    expect(evaluateWarnings([], context())).toEqual([]);
  });

  it('throws the first problem of a rule, and on arrays of different lengths', () => {
    expect(thrown(() => run({ id: '', kind: 'inactiveBeyondGap', factor: 2 }))).toEqual({ code: 'warnings.field.invalid', params: { field: 'id' } });
    expect(thrown(() => run({ id: 'x', kind: 'inactiveBeyondGap', factor: 2 }, { valueTier: ['A'] }))).toEqual({
      code: 'warnings.lengthMismatch', params: { customerId: 5, daysSinceLast: 5, usualGap: 5, valueTier: 1, customerSegment: 5 },
    });
  });
});

describe('validateWarningRule', () => {
  const field = (f: string) => [{ code: 'warnings.field.invalid', params: { field: f } }];
  it('accepts good rules', () => {
    expect(validateWarningRule({ id: 'a', kind: 'segmentChurnAbove', segment: 'S', threshold: 0 })).toEqual([]);
    expect(validateWarningRule({ id: 'a', kind: 'segmentChurnAbove', segment: 'S', threshold: 1 })).toEqual([]);
    expect(validateWarningRule({ id: 'a', kind: 'inactiveBeyondGap', factor: 0.5, minValueTier: 'A' })).toEqual([]);
    expect(validateWarningRule({ id: 'a', kind: 'segmentValueDrop', segment: 'S', dropShare: 1 })).toEqual([]);
  });

  it('names every bad field', () => {
    expect(validateWarningRule({ id: 'a', kind: 'segmentChurnAbove', segment: 'S', threshold: 1.5 })).toEqual(field('threshold'));
    expect(validateWarningRule({ id: 'a', kind: 'segmentChurnAbove', segment: 'S', threshold: NaN })).toEqual(field('threshold'));
    expect(validateWarningRule({ id: 'a', kind: 'segmentChurnAbove', segment: '', threshold: 0.1 })).toEqual(field('segment'));
    expect(validateWarningRule({ id: 'a', kind: 'inactiveBeyondGap', factor: 0 })).toEqual(field('factor'));
    expect(validateWarningRule({ id: 'a', kind: 'inactiveBeyondGap', factor: Infinity })).toEqual(field('factor'));
    expect(validateWarningRule({ id: 'a', kind: 'inactiveBeyondGap', factor: 1, minValueTier: '' })).toEqual(field('minValueTier'));
    expect(validateWarningRule({ id: 'a', kind: 'segmentValueDrop', segment: 'S', dropShare: 0 })).toEqual(field('dropShare'));
    expect(validateWarningRule({ id: 'a', kind: 'segmentValueDrop', segment: 'S', dropShare: 1.01 })).toEqual(field('dropShare'));
    expect(validateWarningRule({ id: 3, kind: 'segmentValueDrop', segment: 7, dropShare: 0.5 } as unknown as WarningRule)).toEqual([...field('id'), ...field('segment')]);
  });

  it('rejects unknown kinds and non-objects', () => {
    expect(validateWarningRule({ id: 'a', kind: 'nope' } as unknown as WarningRule)).toEqual([{ code: 'warnings.kind.unknown', params: { kind: 'nope' } }]);
    expect(validateWarningRule(null as unknown as WarningRule)).toEqual([{ code: 'warnings.rule.invalid' }]);
  });
});
