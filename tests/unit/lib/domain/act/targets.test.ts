// KPI targets: status against the target (both directions, on the band's edges, missing values),
// the checks of what a user types, and the normalisation of stored targets. Expected values are
// worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import {
  amberEdge, DEFAULT_BAND, KPI_DEFINITIONS, KPI_KEYS, parseTarget, readNumber, relativeChange, restoreTarget, suggestTarget,
  targetInput, targetStatus, validateTarget, type KpiTarget,
} from '../../../../../src/lib/domain';

const higher = (value: number, band = 0.05): KpiTarget => ({ value, direction: 'higher', band });
const lower = (value: number, band = 0.05): KpiTarget => ({ value, direction: 'lower', band });

describe('the KPIs', () => {
  it('are the ten of the issue, with their natural direction', () => {
    expect(KPI_KEYS).toEqual(['customers', 'activeCustomers', 'revenue', 'aov', 'frequency', 'repurchaseRate', 'churn', 'nps', 'csat', 'complaintRate']);
    const lowerIsBetter = KPI_KEYS.filter((k) => KPI_DEFINITIONS[k].direction === 'lower');
    expect(lowerIsBetter).toEqual(['churn', 'complaintRate']);
    expect(DEFAULT_BAND).toBe(0.05);
  });
});

describe('targetStatus', () => {
  it('higher is better: green at or above, amber within 5% below, red further below', () => {
    // target 200, band 5% → amber from 200 − 10 = 190 up to 200
    expect(targetStatus('revenue', 250, higher(200))).toBe('green');
    expect(targetStatus('revenue', 200, higher(200))).toBe('green'); // on the target
    expect(targetStatus('revenue', 199.99, higher(200))).toBe('amber');
    expect(targetStatus('revenue', 190, higher(200))).toBe('amber'); // on the band's edge
    expect(targetStatus('revenue', 189.99, higher(200))).toBe('red');
    expect(amberEdge(higher(200))).toBe(190);
  });

  it('lower is better: green at or below, amber within the band above, red beyond', () => {
    // churn target 4%, band 10% of it → amber up to 4.4%
    expect(targetStatus('churn', 0.03, lower(0.04, 0.1))).toBe('green');
    expect(targetStatus('churn', 0.04, lower(0.04, 0.1))).toBe('green');
    expect(targetStatus('churn', 0.044, lower(0.04, 0.1))).toBe('amber'); // 0.04 + 0.004: float noise does not tip it
    expect(targetStatus('churn', 0.0441, lower(0.04, 0.1))).toBe('red');
    expect(amberEdge(lower(0.04, 0.1))).toBeCloseTo(0.044, 12);
  });

  it('a band of 0 has no amber; 0.07 × 100 rounding does not turn the edge red', () => {
    expect(targetStatus('customers', 99, higher(100, 0))).toBe('red');
    expect(targetStatus('customers', 93, higher(100, 0.07))).toBe('amber'); // 100 − 7.000000000000001
  });

  it('negative NPS targets: the band is a share of |target|', () => {
    // target −10, band 10% → amber down to −11
    expect(targetStatus('nps', -10.5, higher(-10, 0.1))).toBe('amber');
    expect(targetStatus('nps', -11.5, higher(-10, 0.1))).toBe('red');
    expect(targetStatus('nps', 0, higher(-10, 0.1))).toBe('green');
  });

  it('none without a target or without a value (NaN, null, infinite)', () => {
    expect(targetStatus('aov', NaN, higher(10))).toBe('none');
    expect(targetStatus('aov', null, higher(10))).toBe('none');
    expect(targetStatus('aov', Infinity, higher(10))).toBe('none');
    expect(targetStatus('aov', 12, null)).toBe('none');
  });
});

describe('validateTarget and parseTarget', () => {
  it('accepts sensible targets', () => {
    expect(validateTarget('revenue', higher(1_000_000))).toEqual([]);
    expect(validateTarget('nps', higher(-20))).toEqual([]);
    expect(validateTarget('churn', lower(0))).toEqual([]);
  });

  it('rejects negative, fractional counts, huge numbers, shares above 100% and NPS beyond ±100', () => {
    expect(validateTarget('revenue', higher(-1))).toEqual([{ code: 'target.error.negative', params: { kpi: 'revenue' } }]);
    expect(validateTarget('customers', higher(10.5))).toEqual([{ code: 'target.error.integer', params: { kpi: 'customers' } }]);
    expect(validateTarget('revenue', higher(1e16))).toEqual([{ code: 'target.error.tooLarge', params: { kpi: 'revenue', max: '10^15' } }]);
    expect(validateTarget('csat', higher(1.01))).toEqual([{ code: 'target.error.percent', params: { kpi: 'csat' } }]);
    expect(validateTarget('repurchaseRate', higher(-0.1))).toEqual([{ code: 'target.error.percent', params: { kpi: 'repurchaseRate' } }]);
    expect(validateTarget('nps', higher(101))).toEqual([{ code: 'target.error.nps', params: { kpi: 'nps' } }]);
    expect(validateTarget('aov', higher(NaN))).toEqual([{ code: 'target.error.value', params: { kpi: 'aov' } }]);
    expect(validateTarget('aov', { value: 1, direction: 'up' as never, band: 2 })).toEqual([
      { code: 'target.error.direction', params: { kpi: 'aov' } }, { code: 'target.error.band', params: { kpi: 'aov' } },
    ]);
  });

  it('reads shares in percent, the band in percent, full-width digits and thousands separators', () => {
    expect(parseTarget('csat', { value: '85', direction: 'higher', band: '' })).toEqual({ target: higher(0.85), notices: [] });
    expect(parseTarget('revenue', { value: '１，２００，０００', direction: 'higher', band: '10' })).toEqual({ target: higher(1_200_000, 0.1), notices: [] });
    expect(parseTarget('churn', { value: '4%', direction: 'lower', band: '5' }).target).toEqual(lower(0.04));
  });

  it('says what is wrong with text, an empty value, 150% and a band of 200%', () => {
    expect(parseTarget('aov', { value: 'abc', direction: 'higher', band: '5' }).notices).toEqual([{ code: 'target.error.value', params: { kpi: 'aov' } }]);
    expect(parseTarget('aov', { value: '  ', direction: 'higher', band: '5' }).notices).toEqual([{ code: 'target.error.empty', params: { kpi: 'aov' } }]);
    expect(parseTarget('csat', { value: '150', direction: 'higher', band: '5' }).notices).toEqual([{ code: 'target.error.percent', params: { kpi: 'csat' } }]);
    expect(parseTarget('csat', { value: '80', direction: 'higher', band: '200' }).notices).toEqual([{ code: 'target.error.band', params: { kpi: 'csat' } }]);
    expect(parseTarget('aov', { value: '1e400', direction: 'higher', band: '5' }).notices).toEqual([{ code: 'target.error.value', params: { kpi: 'aov' } }]);
  });

  it('readNumber refuses what is not one number', () => {
    expect(readNumber('12.5')).toBe(12.5);
    expect(readNumber('1 000')).toBe(1000);
    expect(readNumber('－３')).toBe(-3);
    for (const bad of ['', '1.2.3', '12abc', '0x10', '=1+1', '--1']) expect(readNumber(bad)).toBeNaN();
  });

  it('targetInput shows a stored target back in the form, shares in percent', () => {
    expect(targetInput('csat', higher(0.85, 0.1))).toEqual({ value: '85', direction: 'higher', band: '10' });
    expect(targetInput('churn', null)).toEqual({ value: '', direction: 'lower', band: '5' });
  });
});

describe('restoreTarget', () => {
  it('fills a missing direction and band with the defaults, drops what is broken', () => {
    expect(restoreTarget('churn', { value: 0.03 })).toEqual(lower(0.03));
    expect(restoreTarget('revenue', { value: 5, direction: 'lower', band: 0.2 })).toEqual(lower(5, 0.2));
    expect(restoreTarget('revenue', { value: '5' })).toBeNull();
    expect(restoreTarget('csat', { value: 3 })).toBeNull(); // 300%
    expect(restoreTarget('bogus', { value: 3 })).toBeNull();
    expect(restoreTarget('aov', null)).toBeNull();
  });
});

describe('suggestTarget and relativeChange', () => {
  it('last year + 5% in the better direction, rounded to 3 significant digits', () => {
    expect(suggestTarget('revenue', 90_000, 101_234, 95_000)).toBe(106_000); // the best, 101,234 × 1.05 = 106,295.7
    expect(suggestTarget('aov', null, null, 200)).toBe(210); // only the previous period: 200 × 1.05
    expect(suggestTarget('churn', 0.05, 0.04, null)).toBe(0.038); // lower is better: the best is 0.04; 0.04 − 0.002
    expect(suggestTarget('csat', 0.98, null, null)).toBe(1); // 1.029 capped at 100%
    expect(suggestTarget('customers', 5000, 2924, 4800)).toBe(5250); // a growing base: never below where it stands
    expect(suggestTarget('customers', 1234, null, null)).toBe(1300); // 1295.7 → 1300
    expect(suggestTarget('nps', -20, null, null)).toBe(-19); // −20 + 1
    expect(suggestTarget('nps', null, null, null)).toBeNull();
    expect(suggestTarget('aov', NaN, null, undefined)).toBeNull();
  });

  it('relative change against |base|, null for a 0 or missing base', () => {
    expect(relativeChange(110, 100)).toBeCloseTo(0.1, 12);
    expect(relativeChange(-5, -10)).toBeCloseTo(0.5, 12);
    expect(relativeChange(5, 0)).toBeNull();
    expect(relativeChange(null, 3)).toBeNull();
  });
});
