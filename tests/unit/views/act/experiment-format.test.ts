// How the read-out words its figures: points with a true minus, bounds near 0, money, p-values.
import { describe, expect, it } from 'vitest';
import { money, moneyEach, pIs, pts, pValue } from '../../../../src/views/act/experiment/format';

describe('read-out figures', () => {
  it('writes percentage points with one decimal, a sign when asked, and a true minus', () => {
    expect(pts(0.033, 'en', true)).toBe('+3.3');
    expect(pts(-0.0214, 'en', true)).toBe('\u22122.1');
    expect(pts(0.0579, 'en')).toBe('5.8');
    expect(pts(0, 'en', true)).toBe('0.0');
    // 0.000041 = 0.0041 points: one significant digit, not "0.0"
    expect(pts(0.000041, 'en')).toBe('0.004');
    expect(pts(-0.0004, 'zh')).toBe('\u22120.04');
    expect(pts(NaN, 'en')).toBe('—');
  });

  it('writes money in whole units, and per customer with cents below 100', () => {
    expect(money(13350, 'CNY', 'zh')).toBe('¥13,350');
    expect(money(-1500.4, 'CNY', 'zh')).toBe('\u2212¥1,500');
    expect(money(-0.3, 'CNY', 'zh')).toBe('¥0');
    expect(moneyEach(24.2, 'CNY', 'zh')).toBe('¥24.20');
    expect(moneyEach(4.2, 'CNY', 'zh', true)).toBe('+¥4.20');
    expect(moneyEach(-0.7, 'CNY', 'zh')).toBe('\u2212¥0.70');
  });

  it('writes p-values', () => {
    expect(pValue(0.01299, 'en')).toBe('0.013');
    expect(pValue(0.0002, 'en')).toBe('< 0.001');
    expect(pIs(0.0002, 'en')).toBe('p < 0.001');
    expect(pIs(0.049, 'en')).toBe('p = 0.049');
  });
});
