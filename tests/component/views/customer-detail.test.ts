import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import CustomerDetail from '../../../src/views/CustomerDetail.svelte';
import { privacy } from '../../../src/lib/state/privacy.svelte';
import { i18n } from '../../../src/lib/i18n/i18n.svelte';
import { NO_DAY, parseIsoDay } from '../../../src/lib/domain';
import type { CustomerDetail as Detail, CustomerOrderLine } from '../../../workers/api';
import { fakeEngine, freshDatabase } from '../fakes';

const lines: CustomerOrderLine[] = Array.from({ length: 60 }, (_, i) => ({
  orderId: `SO-${String(60 - i).padStart(3, '0')}`, day: 20_000 - i, amount: 10, quantity: 1, isReturn: false,
}));

const detail: Detail = {
  row: {
    id: '13800138000', name: 'Emily Reed', gender: 'F', age: 40, city: 'Leeds', province: '', channel: 'web', signup: null, orders: 60, net: 600,
    firstOrder: 19_941, lastOrder: 20_000, pAlive: 0.8125, exp90: 2, clv: 1234.5,
  },
  usualGapDays: 1, rhythmRisk: 0.1,
  // 4 orders a year at 50 each
  simple: { purchasesPerYear: 4, averageOrderValue: 50 },
  model: { exp30: 1, exp365: 10, spend: 50 },
  valueModel: { model: 'pareto', months: 6, margin: 0.25 },
  segment: 'champions',
  birthDay: parseIsoDay('1985-07-14')!, acquisitionCost: null, returns: 0, lines, surveys: [], interactions: [],
};

function show(d: Detail = detail) {
  const api = { customer: vi.fn(async () => d), pseudonymStatus: vi.fn(async () => ({ key: false, mappings: [] })) };
  const ws = {
    db: freshDatabase('detail'), engine: fakeEngine(api), current: null, currentId: 'ds-1', currentDatasetId: 'ds-1', revision: {},
    datasets: [], select: vi.fn(async () => undefined), forget: vi.fn(async () => false),
  };
  return render(CustomerDetail, { ws, customerId: d.row.id });
}

afterEach(() => {
  cleanup();
  privacy.mask = false;
});

describe('the customer page', () => {
  it('labels each CLV with what it is, and the simple CLV is the Value page’s (3 years, 30% margin)', async () => {
    show();
    // simpleClv: 4 orders/year × 50 × 3 years × 30% margin = 180 (by hand)
    expect((await screen.findByTestId('simple-clv')).textContent).toContain('180.00');
    expect(document.body.textContent).toContain('Simple CLV (3 years, 30% margin, as on the Value page)');
    expect(screen.getByText('CLV (Pareto/NBD, next 6 months, 25% margin)')).toBeTruthy();
    expect(screen.getByTestId('model-clv').textContent).toContain('1,234.50');
    expect(screen.getByTestId('p-alive').textContent).toBe('81.3%');
    expect(screen.getByTestId('segment').textContent).toBe('Champions');
  });

  it('says where P(alive) comes from before any fit', async () => {
    show({ ...detail, row: { ...detail.row, pAlive: null, clv: null }, valueModel: null, model: null });
    expect((await screen.findByTestId('p-alive')).textContent).toBe('Fit the model on the Value page to see it');
    expect(screen.queryByTestId('model-clv')).toBeNull();
  });

  it('pages a long order list, newest first', async () => {
    show();
    const rows = async () => (await screen.findAllByRole('row')).filter((r) => r.closest('table.lines') && r.querySelector('td'));
    expect(await rows()).toHaveLength(25);
    expect((await rows())[0].textContent).toContain('SO-060');
    await fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    expect((await rows())[0].textContent).toContain('SO-035');
    await fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    expect(await rows()).toHaveLength(10);
    expect((screen.getByRole('button', { name: /Next/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('masking hides the exact birthday (the year stays) and a phone-number id', async () => {
    privacy.mask = true;
    show();
    expect((await screen.findByTestId('birthday')).textContent).toBe('1985');
    const title = screen.getByRole('heading', { level: 1 }).textContent!;
    expect(title).not.toContain('13800138000');
    expect(title).toContain('8000');
    expect(title).toContain('E**** R***');
    privacy.mask = false;
    await vi.waitFor(() => expect(screen.getByTestId('birthday').textContent).not.toBe('1985'));
    expect(screen.getByTestId('birthday').textContent).toContain('1985');
  });
});

describe('the customer page: survey answers and interactions', () => {
  const day = (iso: string) => parseIsoDay(iso)!;
  const told: Detail = {
    ...detail,
    // newest first, as the engine sends them; an undated answer last
    surveys: [{ day: day('2025-11-10'), nps: 10, csat: 5 }, { day: day('2024-12-28'), nps: 5, csat: null }, { day: null, nps: null, csat: 3 }],
    interactions: [
      {
        entryId: 'T-2', customerId: '13800138000', day: day('2025-11-15'), kind: 'complaint', channel: 'Phone', topic: 'Delivery', severity: 3,
        resolved: 0, resolvedDay: NO_DAY, text: 'Parcel two weeks late', added: false, note: '',
      },
      {
        entryId: 'T-1', customerId: '13800138000', day: day('2025-10-02'), kind: 'inquiry', channel: 'Live chat', topic: '', severity: 0,
        resolved: 1, resolvedDay: day('2025-10-03'), text: '', added: false, note: 'Answered by mail',
      },
    ],
  };
  const rows = (testId: string) =>
    [...screen.getByTestId(testId).querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()));

  it('lists the answers (date, NPS with its group, CSAT) and the interactions (date, kind, channel, topic, severity, status, resolved on, text, note)', async () => {
    show(told);
    await screen.findByTestId('surveys');
    expect(rows('surveys')).toEqual([
      ['11/10/2025', '10 · promoter', '5 of 5'],
      ['12/28/2024', '5 · detractor', '—'],
      ['—', '—', '3 of 5'],
    ]);
    expect(rows('interactions')).toEqual([
      ['11/15/2025', 'Complaint', 'Phone', 'Delivery', 'High', 'Open', '—', 'Parcel two weeks late', '—', 'Edit Mark resolved'],
      ['10/02/2025', 'Inquiry', 'Live chat', '—', '—', 'Resolved', '10/03/2025', '—', 'Answered by mail', 'Edit'],
    ]);
    expect(screen.queryByTestId('no-surveys')).toBeNull();
  });

  it('in Chinese', async () => {
    i18n.locale = 'zh';
    show(told);
    await screen.findByTestId('surveys');
    expect(screen.getByTestId('surveys').querySelector('thead')!.textContent).toContain('NPS');
    expect(rows('surveys')[0]).toEqual(['2025/11/10', '10 · 推荐者', '5 / 5 分']);
    expect(rows('interactions')[0]).toEqual(['2025/11/15', '投诉', 'Phone', 'Delivery', '高', '未解决', '—', 'Parcel two weeks late', '—', '编辑 标记为已解决']);
    expect(screen.getByTestId('interactions').querySelector('thead')!.textContent).toBe('日期类型渠道主题严重程度状态解决日期客户原话备注（处理情况）操作');
  });

  it('says so when there are none', async () => {
    show();
    expect((await screen.findByTestId('no-surveys')).textContent).toBe('This customer has not answered a survey.');
    expect(screen.getByTestId('no-interactions').textContent).toBe('No service interactions with this customer.');
    expect(screen.queryByTestId('surveys')).toBeNull();
  });
});
