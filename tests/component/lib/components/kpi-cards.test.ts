import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import KpiCards from '../../../../src/lib/components/KpiCards.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import type { DashboardKpis } from '../../../../src/lib/domain';

const kpis: DashboardKpis = {
  asOfDay: 20_000, activeDays: 90, customers: 123_456, buyers: 100_000, activeCustomers: 4_321, orders: 2_500_000,
  grossSales: 250_000_000, returnsAmount: 5_000_000, netRevenue: 245_000_000, averageOrderValue: 100,
  purchaseFrequency: 2.5, repurchaseRate: 0.4, returnsShare: 0.02,
};

const card = (id: string) => document.querySelector(`[data-kpi="${id}"]`) as HTMLElement;

describe('KpiCards', () => {
  it('shows every figure, formatted in English with the dataset currency', () => {
    render(KpiCards, { kpis, currency: 'USD' });
    expect(card('customers').textContent).toContain('Customers');
    expect(card('customers').textContent).toContain('123K');
    expect(card('customers').textContent).toContain('100,000 have ordered');
    expect(card('active').textContent).toContain('4,321');
    expect(card('active').textContent).toContain('last 90 days');
    expect(card('orders').textContent).toContain('2.5M');
    expect(card('revenue').textContent).toContain('$245M');
    expect(card('aov').textContent).toContain('$100.00');
    expect(card('frequency').textContent).toContain('2.5');
    expect(card('repurchase').textContent).toContain('40.0%');
    expect(card('returns').textContent).toContain('2.0%');
    expect(screen.getByText('Net revenue')).toBeTruthy();
  });

  it('switches to Chinese words and 万/亿 figures, keeping the currency', () => {
    render(KpiCards, { kpis, currency: 'USD' });
    i18n.locale = 'zh';
    flushSync();
    expect(card('customers').textContent).toContain('客户数');
    expect(card('customers').textContent).toContain('12.3万');
    expect(card('orders').textContent).toContain('250万');
    expect(card('revenue').textContent).toContain('净营收');
    expect(card('revenue').textContent).toContain('US$2.45亿');
    expect(card('repurchase').textContent).toContain('复购率');
  });

  it('shows a dash, never NaN, when a ratio has no data', () => {
    render(KpiCards, { kpis: { ...kpis, orders: 0, averageOrderValue: null, purchaseFrequency: null, repurchaseRate: null, returnsShare: null }, currency: 'CNY' });
    expect(card('aov').textContent).toContain('—');
    expect(document.body.textContent).not.toContain('NaN');
  });
});
