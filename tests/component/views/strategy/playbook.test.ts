// The Strategy page's service playbook as a user sees it: a card per segment with the value
// proposition first, the budget share and the KPIs, an edit saved and found again after a reload,
// undo, reset to the template, validation, archetypes for segments of their own kind, both languages.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import PlaybookSection from '../../../../src/views/strategy/PlaybookSection.svelte';
import { PlaybookState } from '../../../../src/lib/state/strategy/playbook.svelte';
import { BudgetState } from '../../../../src/lib/state/strategy/budget.svelte';
import { StrategyState } from '../../../../src/lib/state/strategy.svelte';
import type { VoiceGroupingSource } from '../../../../src/lib/state/voice.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import type { EngineApi, SegmentFacts, StrategyFacts } from '../../../../workers/api';
import { datasetRow, fakeContext, freshDatabase } from '../../fakes';

const downloads = vi.hoisted(() => [] as { text: string; name: string }[]);
vi.mock('../../../../src/lib/components/download', () => ({
  downloadText: (text: string, name: string) => downloads.push({ text, name }),
  downloadBlob: () => undefined,
}));

afterEach(() => {
  downloads.length = 0;
  i18n.locale = 'en';
});

const segment = (key: string, over: Partial<SegmentFacts>): SegmentFacts => ({
  key, archetype: null, customers: 1, net12: 0, netTotal: 0, revenueShare: 0, meanClv: null, meanPAlive: null, meanRecency: 10,
  lapsedShare: 0, newShare: 0, nps: NaN, npsAnswers: 0, complaintRate: null, ...over,
});

// champions: a value fit says mean P(alive) 0.9 → churn 1 − 0.9 = 10%; lost: no fit for it → lapsed share 80%
const RFM: StrategyFacts = {
  grouping: { kind: 'rfm', id: 'rfm:default', scheme: 'rfm11' }, asOfDay: 20_400, customers: 420, value: null,
  segments: [
    segment('champions', { archetype: 'high_value', customers: 120, revenueShare: 0.45, nps: 40, npsAnswers: 25, complaintRate: 0.05, meanPAlive: 0.9 }),
    segment('lost', { archetype: 'low_value', customers: 300, revenueShare: 0.05, lapsedShare: 0.8 }),
  ],
};
const CLUSTERS: StrategyFacts = {
  ...RFM, grouping: { kind: 'clusters', id: 'clusters:x', scheme: 'clusters' },
  segments: [segment('cluster_1', { customers: 50 }), segment('cluster_2', { customers: 70 })],
};

const noSegments: VoiceGroupingSource = { analysisDay: undefined, groupingHandle: () => null };
const CHAMPIONS_VP = 'Our best customers: VIP treatment, first access to everything new, and rewards that match their loyalty.';

async function setUp(facts: StrategyFacts = RFM, db = freshDatabase('playbook')) {
  await db.datasets.put(datasetRow('d'));
  const strategyFacts = vi.fn<EngineApi['strategyFacts']>(async () => facts);
  const ctx = fakeContext({ strategyFacts }, { db });
  const strategy = new StrategyState(ctx, noSegments);
  await strategy.sync();
  // the budget panel's optimum: 60% (CNY 60,000) to champions, nothing allocated to lost yet
  const budget = Object.assign(new BudgetState(strategy), {
    shareOf: (k: string) => (k === 'champions' ? 0.6 : null),
    amountOf: (k: string) => (k === 'champions' ? 60_000 : null),
  });
  return { db, strategy, budget };
}

async function shown(setup: Awaited<ReturnType<typeof setUp>>) {
  const state = new PlaybookState(setup.strategy, setup.budget);
  const view = render(PlaybookSection, { state, currency: 'CNY' });
  await screen.findByTestId('playbook-card');
  return { state, view };
}

const card = () => screen.getByTestId('playbook-card');
const vp = () => within(card()).getByRole('textbox', { name: 'Value proposition' }) as HTMLTextAreaElement;

describe('service playbook', () => {
  it('lists the segments and opens the first card, its value proposition first, prefilled from the template', async () => {
    await shown(await setUp());
    const list = within(screen.getByTestId('playbook-list')).getAllByRole('button');
    expect(list.map((b) => b.querySelector('.name')?.textContent)).toEqual(['Champions', 'Lost']);
    expect(list[0].getAttribute('aria-current')).toBe('true');
    // the first field of the card is the value proposition
    const fields = [...card().querySelectorAll('.field')].map((f) => f.textContent!.trim().split('\n')[0]);
    expect(fields[0]).toMatch(/^Value proposition/);
    expect(within(card()).getAllByRole('textbox')[0]).toBe(vp());
    expect(vp().value).toBe(CHAMPIONS_VP);
    expect((within(card()).getByRole('combobox', { name: 'Service model' }) as HTMLSelectElement).value).toBe('vip');
    const checked = within(screen.getByTestId('playbook-channels')).getAllByRole('checkbox').filter((c) => (c as HTMLInputElement).checked);
    expect(checked.map((c) => c.parentElement!.textContent!.trim())).toEqual(['WeChat', 'Phone', 'Store', 'Personal advisor']);
    expect(screen.getByTestId('playbook-changed').textContent).toBe('Template, not edited yet');
  });

  it('shows the budget share and the KPIs, saying which churn it is and what is missing', async () => {
    await shown(await setUp());
    expect(within(card()).getByTestId('playbook-resource').textContent).toBe('60.0% of the budget (CN¥60,000.00)');
    const kpis = within(card()).getByTestId('playbook-kpis').textContent!;
    expect(kpis).toContain('120 customers');
    expect(kpis).toContain('45.0%');
    expect(kpis).toContain('40 (25 answers)');
    expect(kpis).toContain('5.0%');
    expect(kpis).toMatch(/10\.0%\s*1 − mean P\(alive\) of the value fit/);
    await fireEvent.click(within(screen.getByTestId('playbook-list')).getByRole('button', { name: /Lost/ }));
    expect(within(card()).getByTestId('playbook-resource').textContent).toBe('Not allocated yet: run the budget allocation above.');
    const lost = within(card()).getByTestId('playbook-kpis').textContent!;
    expect(lost).toContain('no answers');
    expect(lost).toContain('no feedback data');
    expect(lost).toMatch(/80\.0%\s*share without a purchase in 12 months \(no value fit\)/);
  });

  it('saves an edit, finds it after a reload, and undoes it', async () => {
    const setup = await setUp();
    const first = await shown(setup);
    await fireEvent.input(vp(), { target: { value: 'Priority for our best' } });
    expect(screen.getByTestId('playbook-dirty').textContent).toBe('Unsaved changes');
    await fireEvent.click(within(card()).getByRole('button', { name: 'Save card' }));
    await waitFor(() => expect(screen.getByTestId('playbook-status').textContent!.trim()).toBe('Saved.'));
    expect(screen.getByTestId('playbook-changed').textContent).toMatch(/^Edited \d{1,2} [A-Z][a-z]{2} \d{4}$/);
    await waitFor(() => expect(screen.queryByTestId('playbook-dirty')).toBeNull());
    expect(within(screen.getByTestId('playbook-list')).getByRole('button', { name: /Champions/ }).textContent).toContain('edited');
    // only the changed field is stored
    expect((await setup.db.playbooks.get(['d', 'rfm11', 'champions']))?.card).toEqual({ valueProposition: 'Priority for our best' });

    // a reload: a new state over the same database
    first.view.unmount();
    await shown(setup);
    expect(vp().value).toBe('Priority for our best');
    await fireEvent.click(within(card()).getByRole('button', { name: 'Undo last change' }));
    await waitFor(() => expect(vp().value).toBe(CHAMPIONS_VP));
    expect(screen.getByTestId('playbook-status').textContent!.trim()).toBe('Last change undone.');
    expect(await setup.db.playbooks.count()).toBe(0);
  });

  it('keeps unsaved edits while another card is open', async () => {
    const setup = await setUp();
    await shown(setup);
    await fireEvent.input(vp(), { target: { value: 'Half-written idea' } });
    const list = () => screen.getByTestId('playbook-list');
    await fireEvent.click(within(list()).getByRole('button', { name: /Lost/ }));
    expect(vp().value).toBe('Gone for now: one good reason to try us again, at low cost.');
    expect(within(list()).getByRole('button', { name: /Champions/ }).textContent).toContain('not saved');
    await fireEvent.click(within(list()).getByRole('button', { name: /Champions/ }));
    expect(vp().value).toBe('Half-written idea');
    expect(screen.getByTestId('playbook-dirty').textContent).toBe('Unsaved changes');
    expect(await setup.db.playbooks.count()).toBe(0);
  });

  it('resets a card to its template, and the reset can be undone', async () => {
    const setup = await setUp();
    await shown(setup);
    await fireEvent.input(within(card()).getByRole('textbox', { name: 'Owner' }), { target: { value: 'Ms Wang' } });
    await fireEvent.click(within(card()).getByRole('button', { name: 'Save card' }));
    await waitFor(() => expect(screen.getByTestId('playbook-status').textContent!.trim()).toBe('Saved.'));
    await fireEvent.click(within(card()).getByRole('button', { name: 'Reset to template' }));
    await waitFor(() => expect((within(card()).getByRole('textbox', { name: 'Owner' }) as HTMLInputElement).value).toBe('VIP account manager'));
    expect(screen.getByTestId('playbook-changed').textContent).toMatch(/^Reset to its template /);
    await fireEvent.click(within(card()).getByRole('button', { name: 'Undo last change' }));
    await waitFor(() => expect((within(card()).getByRole('textbox', { name: 'Owner' }) as HTMLInputElement).value).toBe('Ms Wang'));
  });

  it('refuses a card without a value proposition or with too long a text, in words, keeping the text', async () => {
    const setup = await setUp();
    await shown(setup);
    await fireEvent.input(vp(), { target: { value: ' ' } });
    await fireEvent.input(within(card()).getByRole('textbox', { name: 'Owner' }), { target: { value: 'x'.repeat(81) } });
    await fireEvent.click(within(card()).getByRole('button', { name: 'Save card' }));
    const problems = within(screen.getByTestId('playbook-problems')).getAllByRole('listitem').map((li) => li.textContent);
    expect(problems).toEqual([
      'Write a value proposition: it heads the card (or reset the card to its template).',
      'Owner: at most 80 characters (now 81).',
    ]);
    expect((within(card()).getByRole('textbox', { name: 'Owner' }) as HTMLInputElement).value).toHaveLength(81);
    expect(await setup.db.playbooks.count()).toBe(0);
  });

  it('says when a save failed and keeps the text', async () => {
    const setup = await setUp();
    await shown(setup);
    await setup.db.datasets.delete('d'); // the dataset went away (deleted in another tab)
    await fireEvent.input(vp(), { target: { value: 'Kept in the box' } });
    await fireEvent.click(within(card()).getByRole('button', { name: 'Save card' }));
    const alert = await within(card()).findByRole('alert');
    expect(alert.textContent).toMatch(/^Could not save: .+ Your text is still here\.$/);
    expect(vp().value).toBe('Kept in the box');
    expect(screen.getByTestId('playbook-dirty')).toBeTruthy();
  });

  it('lets the user pick an archetype for segments of their own kind, and saves the pick', async () => {
    const setup = await setUp(CLUSTERS);
    await shown(setup);
    expect(vp().value).toBe('');
    await fireEvent.change(screen.getByTestId('playbook-archetype'), { target: { value: 'older_personal' } });
    expect(vp().value).toBe('Personal, patient service from people who know you, in store or by phone.');
    expect((within(card()).getByRole('combobox', { name: 'Service model' }) as HTMLSelectElement).value).toBe('advisor');
    await fireEvent.click(within(card()).getByRole('button', { name: 'Save card' }));
    await waitFor(() => expect(screen.getByTestId('playbook-status').textContent!.trim()).toBe('Saved.'));
    expect((await setup.db.playbooks.get(['d', 'clusters', 'cluster_1']))?.card).toEqual({ archetype: 'older_personal' });
    // saving again without a change stores nothing (the undo still leads back to the blank card)
    await fireEvent.click(within(card()).getByRole('button', { name: 'Save card' }));
    await waitFor(() => expect(screen.getByTestId('playbook-status').textContent!.trim()).toBe('Nothing changed since the last save.'));
    expect((await setup.db.playbooks.get(['d', 'clusters', 'cluster_1']))?.previous).toMatchObject({ card: null });
  });

  it('speaks Chinese, the template words following the language', async () => {
    i18n.locale = 'zh';
    await shown(await setUp());
    expect(within(card()).getAllByRole('textbox')[0]).toBe(within(card()).getByRole('textbox', { name: '价值主张' }));
    expect((within(card()).getByRole('textbox', { name: '价值主张' }) as HTMLTextAreaElement).value).toBe('最好的客户：VIP 待遇、新品优先，回馈与其忠诚相匹配。');
    i18n.locale = 'en';
    await waitFor(() => expect(vp().value).toBe(CHAMPIONS_VP));
  });

  it('exports every card as CSV and has one print page per segment', async () => {
    await shown(await setUp());
    expect(screen.getAllByTestId('playbook-print-card')).toHaveLength(2);
    await fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(downloads).toHaveLength(1);
    const lines = downloads[0].text.replace('\uFEFF', '').split('\r\n');
    expect(lines[0]).toBe('Segment,Value proposition,Service model,Contact channels,Marketing actions,Care activities,Service level,Share of the budget,Size,Owner');
    // cells with a comma are quoted
    expect(lines[1].startsWith(`Champions,"${CHAMPIONS_VP}",VIP service,"WeChat; Phone; Store; Personal advisor",`)).toBe(true);
    expect(lines[1]).toContain(',0.6,120,VIP account manager');
    expect(downloads[0].name).toBe('playbook-rfm11.csv');
  });

  it('prints the cards alone: the body marked while the print runs, unmarked after it', async () => {
    await shown(await setUp());
    const during: string[][] = [];
    const print = vi.spyOn(window, 'print').mockImplementation(() => { during.push([...document.body.classList]); });
    await fireEvent.click(screen.getByRole('button', { name: 'Print all cards' }));
    expect(print).toHaveBeenCalledTimes(1);
    expect(during[0]).toEqual(expect.arrayContaining(['print-part', 'playbook-printing']));
    expect(screen.getByTestId('playbook-print-cards').classList.contains('print-target')).toBe(true);
    window.dispatchEvent(new Event('afterprint'));
    expect([...document.body.classList]).not.toContain('playbook-printing');
    expect([...document.body.classList]).not.toContain('print-part');
    // each printed card holds its own segment's words, value proposition first
    const pages = screen.getAllByTestId('playbook-print-card');
    expect(pages.map((p) => p.querySelector('h2')?.textContent)).toEqual(['Champions', 'Lost']);
    expect(pages[0].querySelector('h3')?.textContent).toBe('Value proposition');
    expect(pages[1].textContent).toContain('Gone for now: one good reason to try us again, at low cost.');
    print.mockRestore();
  });
});
