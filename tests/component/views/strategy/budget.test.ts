// The Strategy page's budget panel as a user sees it: the assumptions with their reasoning, the
// optimal split beside the rules of thumb, the marginal return in words, the segments that get
// nothing, bad figures refused at the field, the bounds notice, the market stage and the export —
// in both languages. Fixture: budget-fixture.ts (three segments of 100 customers, no value fit).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import BudgetSection from '../../../../src/views/strategy/BudgetSection.svelte';
import { StrategyState } from '../../../../src/lib/state/strategy.svelte';
import { BudgetState } from '../../../../src/lib/state/strategy/budget.svelte';
import type { VoiceGroupingSource } from '../../../../src/lib/state/voice.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import type { EngineApi } from '../../../../workers/api';
import { fakeContext } from '../../fakes';
import { BUDGET_FACTS } from './budget-fixture';

const downloads = vi.hoisted(() => [] as { text: string; name: string }[]);
vi.mock('../../../../src/lib/components/download', () => ({
  downloadText: (text: string, name: string) => downloads.push({ text, name }),
  downloadBlob: () => undefined,
}));

afterEach(() => {
  downloads.length = 0;
  i18n.locale = 'en';
});

const noSegments: VoiceGroupingSource = { analysisDay: undefined, groupingHandle: () => null };

async function shown() {
  const strategyFacts = vi.fn<EngineApi['strategyFacts']>(async () => BUDGET_FACTS);
  const strategy = new StrategyState(fakeContext({ strategyFacts }), noSegments);
  const state = new BudgetState(strategy);
  await strategy.sync();
  await state.sync();
  render(BudgetSection, { state, currency: 'CNY' });
  return state;
}

const text = (id: string) => screen.getByTestId(id).textContent!.replace(/\s+/g, ' ').trim();
const type = async (id: string, value: string) => {
  await fireEvent.change(screen.getByTestId(id), { target: { value } });
};

describe('budget panel', () => {
  it('proposes a budget and a cost per contact from the data, and says why', async () => {
    await shown();
    expect((screen.getByTestId('budget-amount') as HTMLInputElement).value).toBe('3,800');
    // 5% of 75,000 = 3,750, rounded to two significant figures
    expect(text('budget-amount-why')).toBe('Default CN¥3,800: 5% of the CN¥75,000 net revenue of the grouped customers in the last 12 months, rounded to two significant figures.');
    // 75,000 / 300 = 250 per customer; 2% = 5
    expect(text('budget-cost-why')).toContain('Default CN¥5.00: 2% of the CN¥250 net revenue per customer');
    expect(text('budget-horizon-why')).toContain('Default 12 months, as no value model is fitted.');
    // the mature market's weights, with the reason: high value ×1.5, new ×0.5, low value ×1
    const weights = screen.getAllByTestId('budget-weight').map((c) => c.textContent!.replace(/\s+/g, ' ').trim());
    expect(weights).toEqual(['×1.5 high-value customers', '×0.5 new customers', '×1 low-value customers']);
  });

  it('shows the optimum beside the naive splits, the marginal return in words and who gets nothing', async () => {
    await shown();
    await type('budget-amount', '1000');
    // optimum 833.33 / 166.67 / 0 → 3,750 + 375 = 4,125; equal 333.33 each → 2,400 + 600 + 200 = 3,200
    await waitFor(() => expect(text('budget-optimum')).toContain('CN¥4,125'));
    expect(text('budget-naive-equal')).toContain('CN¥3,200');
    // 4,125 − 3,200 = 925; 925 / 3,200 = 28.9%
    expect(text('budget-naive-equal')).toContain('The optimum gives CN¥925 more (+28.9%).');
    expect(text('budget-naive-customers')).toContain('CN¥3,200');
    // by revenue 533.33 / 400 / 66.67 → 3,096.77 + 666.67 + 58.82 = 3,822.26; gain 302.74 (+7.9%)
    expect(text('budget-naive-revenue')).toContain('CN¥3,822');
    expect(text('budget-naive-revenue')).toContain('CN¥303 more (+7.9%)');
    // λ = 6,000 × 500 / 1,333.33² = 1.6875
    expect(text('budget-lambda')).toContain('At the optimum, the last CN¥1 in each funded segment returns CN¥1.69.');
    expect(text('budget-lambda')).toContain('One segment gets nothing');
    const rows = within(screen.getByTestId('budget-split')).getAllByTestId('budget-split-row');
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Champions', 'New customers', 'Hibernating']);
    const cells = (r: HTMLElement) => within(r).getAllByRole('cell').map((c) => c.textContent!.replace(/\s+/g, ' ').trim());
    expect(cells(rows[0]).slice(0, 4)).toEqual(['CN¥833', '83.3%', 'CN¥3,750', 'CN¥1.69']);
    // hibernating: first unit returns 500 / 500 = 1
    expect(cells(rows[2])[0]).toBe('CN¥0');
    expect(cells(rows[2])[6]).toBe('Gets nothing: its first CN¥1 returns CN¥1.00, less than CN¥1.69.');
  });

  it('refuses a bad figure at the field in both languages and keeps the split', async () => {
    await shown();
    await type('budget-amount', '1000');
    await waitFor(() => expect(text('budget-optimum')).toContain('CN¥4,125'));
    await type('budget-amount', '-20');
    expect(screen.getByRole('alert').textContent).toBe('Enter 0 or more. The previous figure is kept.');
    expect(text('budget-optimum')).toContain('CN¥4,125');
    i18n.locale = 'zh';
    await type('budget-amount', 'abc');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('“abc”不是数字：请输入数字，例如 5000。 已保留之前的数字。'));
    expect(text('budget-optimum')).toContain('¥4,125');
    expect(text('budget-lambda')).toContain('在最优分配下，每个获得预算的细分，最后投入的 ¥1 带来 ¥1.69。');
  });

  it('words a segment’s bad curve and bounds that cannot be met', async () => {
    await shown();
    await type('budget-amount', '1000');
    await type('budget-champions-min', '2000');
    await waitFor(() => expect(text('budget-error')).toBe('The minimums add up to CN¥2,000, more than the budget of CN¥1,000: raise the budget or lower the minimums.'));
    expect(screen.queryByTestId('budget-split')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Reset Champions to the defaults' }));
    await waitFor(() => expect(screen.queryByTestId('budget-error')).toBeNull());
    expect(screen.getByTestId('budget-split')).toBeTruthy();
    // maximums below the budget: 3 × 200 = 600 < 1,000
    for (const key of ['champions', 'new_customers', 'hibernating']) await type(`budget-${key}-max`, '200');
    await waitFor(() => expect(text('budget-error')).toBe('The maximums add up to CN¥600, less than the budget of CN¥1,000: raise the maximums or lower the budget.'));
    // a κ of 0 is refused at the field, in words
    await type('budget-hibernating-kappa', '0');
    expect(document.getElementById('budget-hibernating-kappa-error')!.textContent).toBe('Enter more than 0. The previous figure is kept.');
    expect(screen.getByTestId('budget-hibernating-kappa').getAttribute('aria-invalid')).toBe('true');
  });

  it('re-weights toward new customers at launch and says why', async () => {
    await shown();
    await fireEvent.click(screen.getByTestId('budget-stage-launch'));
    await waitFor(() => expect(text('budget-stage-why')).toContain('At a launch, acquisition and trial matter'));
    const weights = screen.getAllByTestId('budget-weight').map((c) => c.querySelector('strong')!.textContent);
    expect(weights).toEqual(['×0.5', '×1.5', '×1']);
  });

  it('exports the split as CSV', async () => {
    const state = await shown();
    await type('budget-amount', '1000');
    await waitFor(() => expect(state.view!.budget).toBe(1_000));
    await fireEvent.click(screen.getByTestId('budget-export'));
    expect(downloads).toHaveLength(1);
    expect(downloads[0].name).toBe('budget-allocation.csv');
    const lines = downloads[0].text.trim().split(/\r?\n/);
    expect(lines[0]).toBe('Segment,Amount (CNY),Share of budget (%),Expected value (CNY),Marginal return,Min,Max,β,κ');
    // 833.33, 83.33%, 3,750, λ 1.6875, min 0, no max, β 6,000, κ 500
    expect(lines[1]).toBe('Champions,833.33,83.33,3750,1.6875,0,,6000,500');
    expect(lines[3]).toBe('Hibernating,0,0,0,1,0,,500,500');
  });
});
