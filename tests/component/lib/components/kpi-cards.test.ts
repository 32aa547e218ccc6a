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

describe('KpiCards: NPS and CSAT', () => {
  // 120 answers: 50 promoters, 40 passives, 30 detractors → NPS 16.7; 90 of 110 CSAT answers satisfied
  const voice = {
    nps: { n: 120, promoters: 50, passives: 40, detractors: 30, nps: 16.67, ci: [4.2, 28.9] as [number, number], tooFew: false },
    csat: { n: 110, satisfied: 90, csat: 90 / 110, ci: [0.74, 0.88] as [number, number], tooFew: false },
  };

  it('adds the two cards with their 95% CI, answers and a link to the Voice page', () => {
    render(KpiCards, { kpis, currency: 'USD', voice, voiceHref: '#/voice' });
    const nps = card('nps');
    expect(nps.textContent).toContain('Net Promoter Score');
    expect(nps.querySelector('strong')!.textContent).toBe('17');
    expect(nps.textContent).toContain('95% CI 4–29');
    expect(nps.textContent).toContain('120 answers');
    expect(nps.querySelector('a')!.getAttribute('href')).toBe('#/voice');
    const csat = card('csat');
    expect(csat.textContent).toContain('Satisfaction (CSAT)');
    expect(csat.querySelector('strong')!.textContent).toBe('82%');
    expect(csat.textContent).toContain('95% CI 74%–88%');
    expect(csat.textContent).toContain('110 answers');
    expect(document.body.textContent).not.toContain('too few');
  });

  it('in Chinese: 净推荐值 NPS and 满意度 CSAT with “95% 置信区间”, and a flag under 30 answers', () => {
    render(KpiCards, { kpis, currency: 'USD', voice: { ...voice, nps: { ...voice.nps, n: 12, tooFew: true, ci: [-20, 40] } }, voiceHref: '#/voice' });
    i18n.locale = 'zh';
    flushSync();
    expect(card('nps').textContent).toContain('净推荐值 NPS');
    expect(card('nps').textContent).toContain('95% 置信区间 -20 至 40');
    expect(card('nps').textContent).toContain('12 条回答');
    expect(card('nps').textContent).toContain('回答太少');
    expect(card('csat').textContent).toContain('满意度 CSAT');
    expect(card('csat').textContent).toContain('95% 置信区间 74%–88%');
    expect(card('nps').querySelector('a')!.textContent).toContain('客户声音');
  });

  it('has no voice cards without answers', () => {
    render(KpiCards, { kpis, currency: 'USD', voice: null });
    expect(card('nps')).toBeNull();
    expect(card('csat')).toBeNull();
  });
});
