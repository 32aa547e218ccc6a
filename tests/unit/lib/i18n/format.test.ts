import { describe, expect, it } from 'vitest';
import { formatBytes, formatDay, formatMoney, formatNumber, formatPercent } from '../../../../src/lib/i18n/format';
import { dayFromCivil } from '../../../../src/lib/domain';

describe('formatting per language', () => {
  it('counts large figures in 万 and 亿 in Chinese, K/M/B in English', () => {
    expect(formatNumber(12_345, 'zh', { compact: true })).toBe('1.23万');
    expect(formatNumber(123_456_789, 'zh', { compact: true })).toBe('1.23亿');
    expect(formatNumber(12_345, 'en', { compact: true })).toBe('12.3K');
    expect(formatNumber(2_500_315.63, 'en', { compact: true })).toBe('2.5M');
    expect(formatNumber(9_999, 'zh', { compact: true })).toBe('9,999');
  });

  it('uses the dataset currency whatever the language', () => {
    expect(formatMoney(1234.5, 'USD', 'zh')).toBe('US$1,234.50');
    expect(formatMoney(1234.5, 'USD', 'en')).toBe('$1,234.50');
    expect(formatMoney(1234.5, 'CNY', 'zh')).toBe('¥1,234.50');
    expect(formatMoney(1234.5, 'CNY', 'en')).toBe('CN¥1,234.50');
    expect(formatMoney(2_500_315.63, 'CNY', 'zh', { compact: true })).toBe('¥250万');
  });

  it('prints a dash for missing values instead of NaN', () => {
    expect(formatNumber(NaN, 'en')).toBe('—');
    expect(formatMoney(null, 'CNY', 'zh')).toBe('—');
    expect(formatPercent(Infinity, 'en')).toBe('—');
    expect(formatDay(null, 'zh')).toBe('—');
  });

  it('formats shares and sizes', () => {
    expect(formatPercent(0.1234, 'en')).toBe('12.3%');
    expect(formatPercent(0.1234, 'zh')).toBe('12.3%');
    expect(formatBytes(1536, 'en')).toBe('1.5 kB');
  });

  it('formats a calendar day without shifting it, whatever the time zone', () => {
    const day = dayFromCivil(2024, 1, 5);
    expect(formatDay(day, 'zh')).toBe('2024/01/05');
    expect(formatDay(day, 'en')).toBe('01/05/2024');
    expect(formatDay(dayFromCivil(2023, 12, 31), 'en')).toBe('12/31/2023');
  });
});
