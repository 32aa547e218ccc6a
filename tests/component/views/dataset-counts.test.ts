import { beforeEach, describe, expect, it } from 'vitest';
import { datasetCountsText } from '../../../src/views/dataset-counts';
import { i18n } from '../../../src/lib/i18n/i18n.svelte';

describe('dataset counts in words', () => {
  beforeEach(() => {
    i18n.locale = 'en';
  });

  it('counts stored customers when there are customer rows', () => {
    expect(datasetCountsText({ customers: 5000, orders: 21844, surveys: 2058, interactions: 2724, servqual: 0, importance: 0 }))
      .toBe('5,000 customers · 21,844 order lines · 2,058 survey answers · 2,724 interactions');
  });

  it('does not call an orders-only dataset "0 customers"', () => {
    const text = datasetCountsText({ customers: 0, orders: 3, surveys: 0, interactions: 0, servqual: 0, importance: 0 });
    expect(text).toBe('3 order lines (customers taken from the orders) · 0 survey answers · 0 interactions');
    expect(text).not.toContain('0 customers');
    i18n.locale = 'zh';
    expect(datasetCountsText({ customers: 0, orders: 3, surveys: 0, interactions: 0, servqual: 0, importance: 0 })).toContain('客户取自订单');
  });
});
