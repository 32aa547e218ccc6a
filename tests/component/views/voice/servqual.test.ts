// The Voice page's SERVQUAL part as a user sees it: expectation against perception per dimension,
// the unweighted and weighted scores, the priorities in words, the gaps by segment and their
// export, the 22 items, the grouping choice, the empty state — in both languages.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import ServqualPart from '../../../../src/views/voice/ServqualPart.svelte';
import { ServqualState } from '../../../../src/lib/state/voice/servqual.svelte';
import { InteractionEditor } from '../../../../src/lib/state/voice/edits.svelte';
import type { VoiceGroupingSource } from '../../../../src/lib/state/voice.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import { routeHref } from '../../../../src/lib/state/router.svelte';
import { NO_DAY, servqualSummary, type ImportanceColumns, type ServqualColumns } from '../../../../src/lib/domain';
import type { EngineApi, GroupingHandle, ServqualFigures, ServqualResult } from '../../../../workers/api';
import { fakeContext, type FakeApi } from '../../fakes';

const downloads = vi.hoisted(() => [] as { text: string; name: string }[]);
vi.mock('../../../../src/lib/components/download', () => ({
  downloadText: (text: string, name: string) => downloads.push({ text, name }),
  downloadBlob: () => undefined,
}));

afterEach(() => {
  downloads.length = 0;
  i18n.locale = 'en';
});

/** Dimension-level answers from [customer, dimension index, expectation, perception], or item-level with a 5th entry. */
function answers(rows: [string, number, number, number, number?][]): ServqualColumns {
  return {
    customerId: rows.map((r) => r[0]), day: new Int32Array(rows.length).fill(NO_DAY), item: Int8Array.from(rows, (r) => r[4] ?? 0),
    dimension: Int8Array.from(rows, (r) => r[1]), expectation: Int8Array.from(rows, (r) => r[2]), perception: Int8Array.from(rows, (r) => r[3]),
  };
}

const col = (v: number) => Float64Array.of(v);
// one respondent's 100 points: 10 / 30 / 40 / 10 / 10 → weights .1 .3 .4 .1 .1
const POINTS: ImportanceColumns = { customerId: ['a'], day: Int32Array.of(NO_DAY), tangibles: col(10), reliability: col(30), responsiveness: col(40), assurance: col(10), empathy: col(10) };

// tangibles 5 → 6 (+1); reliability 6, 6 → 5, 6 (−0.5); responsiveness 7, 6 → 5, 5 (−1.5, items 11 and 12);
// assurance 6 → 6 (0); empathy 6 → 5 (−1)
const ALL = answers([['a', 0, 5, 6], ['a', 1, 6, 5], ['b', 1, 6, 6], ['a', 2, 7, 5, 11], ['b', 2, 6, 5, 12], ['a', 3, 6, 6], ['b', 4, 6, 5]]);
const fig = (s: ReturnType<typeof servqualSummary>): ServqualFigures => ({ ...s, tooFew: s.respondents < 30 });
// unweighted (1 − 0.5 − 1.5 + 0 − 1)/5 = −0.4; weighted .1 − .15 − .6 + 0 − .1 = −0.75
const overall = fig(servqualSummary(ALL, undefined, POINTS));
// lost: one respondent, responsiveness 7 → 3 (−4) only, no points
const lost = fig(servqualSummary(answers([['c', 2, 7, 3]])));

const result: ServqualResult = {
  answers: 7, respondents: 2, importanceAnswers: 1, firstDay: null, lastDay: null, overall,
  grouping: { kind: 'rfm', id: 'rfm:x' },
  groups: [{ key: 'champions', ...overall }, { key: 'lost', ...lost }],
  ungrouped: 1,
};
const empty: ServqualResult = { ...result, answers: 0, respondents: 0, overall: fig(servqualSummary(answers([]))), groups: [], ungrouped: 0 };

const noSegments: VoiceGroupingSource = { analysisDay: undefined, groupingHandle: () => null };

async function shown(answer: ServqualResult = result, api: FakeApi = {}, source = noSegments) {
  const servqual = vi.fn<EngineApi['servqual']>(async () => answer);
  const ctx = fakeContext({ servqual, ...api });
  const state = new ServqualState(ctx, source, new InteractionEditor(ctx));
  await state.sync();
  render(ServqualPart, { state, currency: 'CNY' });
  return { state, servqual };
}

describe('SERVQUAL part', () => {
  it('shows the section with the unweighted and weighted scores and the five dimensions', async () => {
    await shown();
    const section = screen.getByTestId('servqual-section');
    expect(within(section).getByRole('heading', { level: 2, name: 'SERVQUAL: service quality gaps' })).toBeTruthy();
    expect(screen.getByTestId('servqual-cards').textContent).toContain('7 answers (3.5 per respondent on average).');
    expect(screen.getByTestId('servqual-cards').textContent).toContain('Weights from the importance points of 1 of them');
    expect(screen.getByTestId('servqual-unweighted').textContent).toBe('−0.40');
    expect(screen.getByTestId('servqual-weighted').textContent).toBe('−0.75');
    const rows = within(screen.getByTestId('servqual-dimensions')).getAllByRole('row').slice(1, 6);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Tangibles', 'Reliability', 'Responsiveness', 'Assurance', 'Empathy']);
    // responsiveness: expectation 6.50, perception 5.00, gap −1.50, weight 40%, weight × gap −0.60, 2 answers
    expect(Array.from(rows[2].querySelectorAll('td'), (td) => td.textContent)).toEqual(['6.50', '5.00', '−1.50', '40%', '−0.60', '2']);
    expect(Array.from(rows[0].querySelectorAll('td'), (td) => td.textContent)[2]).toBe('+1.00');
    expect(screen.getByTestId('servqual-chart')).toBeTruthy();
    expect(screen.getByTestId('servqual-method').textContent).toContain('Gap = perception − expectation');
    expect(screen.getByTestId('servqual-method').textContent).toContain('respondents without points do not count towards the weights');
  });

  it('words the priorities, the largest weighted gap first (responsiveness .4 × −1.5, reliability .3 × −0.5, empathy .1 × −1)', async () => {
    await shown();
    const items = within(screen.getByTestId('servqual-priorities')).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      'Responsiveness: customers expect 6.5, perceive 5.0 (gap −1.5, 40% of importance).',
      'Reliability: customers expect 6.0, perceive 5.5 (gap −0.5, 30% of importance).',
      'Empathy: customers expect 6.0, perceive 5.0 (gap −1.0, 10% of importance).',
    ]);
  });

  it('shows the gaps by segment with names, flags, shading, and exports them as CSV', async () => {
    await shown();
    const rows = within(screen.getByTestId('servqual-groups')).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').firstChild!.textContent!.trim())).toEqual(['Champions', 'Lost']);
    // 2 and 1 respondents, both under 30: flagged, the full words for screen readers and as the tooltip
    expect(rows.map((r) => within(r).getByTestId('servqual-too-few').getAttribute('title'))).toEqual(['too few respondents', 'too few respondents']);
    expect(within(rows[0]).getByText('too few respondents').className).toContain('sr-only');
    const lostCells = Array.from(rows[1].querySelectorAll('td'), (td) => td.textContent);
    // 1 respondent; only responsiveness answered: −4.00; unweighted −4.00, no weighted score; first priority responsiveness
    expect(lostCells).toEqual(['1', '—', '—', '−4.00', '—', '—', '−4.00', '—', 'Responsiveness']);
    expect((rows[1].querySelectorAll('td')[3] as HTMLElement).style.background).toContain('rgba(192, 57, 43');
    expect(screen.getByTestId('servqual-by-group').textContent).toContain('Respondents in no group (for example, customers without orders) are left out here: 1.');
    await fireEvent.click(screen.getByTestId('servqual-export'));
    expect(downloads).toHaveLength(1);
    expect(downloads[0].name).toBe('servqual-gaps-by-segment.csv');
    const lines = downloads[0].text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Group,Respondents,Answers,Tangibles Gap,Reliability Gap,Responsiveness Gap,Assurance Gap,Empathy Gap,SERVQUAL score (unweighted),SERVQUAL score (weighted)');
    expect(lines[1]).toBe('Champions,2,7,1,-0.5,-1.5,0,-1,-0.4,-0.75');
    expect(lines[2]).toBe('Lost,1,1,,,-4,,,-4,');
  });

  it('lists the items answered in a collapsible table', async () => {
    await shown();
    const details = screen.getByTestId('servqual-items') as HTMLDetailsElement;
    expect(details.tagName).toBe('DETAILS');
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')!.textContent).toBe('The 22 items (2 with answers)');
    const rows = within(details).getAllByRole('row').slice(1);
    // item 11: 7 → 5 (−2); item 12: 6 → 5 (−1)
    expect(rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent))).toEqual([
      ['11', 'Employees of the company give customers prompt service.', 'Responsiveness', '7.00', '5.00', '−2.00', '1'],
      ['12', 'Employees of the company are always willing to help customers.', 'Responsiveness', '6.00', '5.00', '−1.00', '1'],
    ]);
  });

  it('without importance points: no weighted score, priorities by the gap alone', async () => {
    const plain = fig(servqualSummary(ALL));
    await shown({ ...result, overall: plain, groups: [] });
    expect(screen.getByTestId('servqual-weighted').textContent).toBe('—');
    expect(screen.getByTestId('servqual-weighted-card').textContent).toContain('Needs importance points.');
    // by the gap: responsiveness −1.5, empathy −1, reliability −0.5
    const items = within(screen.getByTestId('servqual-priorities')).getAllByRole('listitem').map((li) => li.textContent);
    expect(items[0]).toBe('Responsiveness: customers expect 6.5, perceive 5.0 (gap −1.5).');
    expect(items[1]).toMatch(/^Empathy/);
    expect(screen.getByTestId('servqual-priorities-card').textContent).toContain('no importance points to weight them');
    expect((screen.getByTestId('servqual-export') as HTMLButtonElement).disabled).toBe(true);
  });

  it('says what to import when there are no SERVQUAL answers, pointing to the import page and the questionnaire', async () => {
    await shown(empty);
    const card = screen.getByTestId('servqual-empty');
    expect(card.textContent).toContain('No SERVQUAL answers yet');
    expect(card.textContent).toContain('item (1–22) or dimension');
    expect(card.textContent).toContain('100 points split over the five dimensions');
    expect(within(card).getByRole('link', { name: 'Import SERVQUAL answers' }).getAttribute('href')).toBe(routeHref({ page: 'import' }));
    expect(within(card).getByRole('button', { name: 'Go to the questionnaire and templates' })).toBeTruthy();
    expect(screen.queryByTestId('servqual-dimensions')).toBeNull();
  });

  it('words it all in Chinese with the Chinese dimension names', async () => {
    await shown();
    i18n.locale = 'zh';
    flushSync();
    expect(screen.getByRole('heading', { level: 2, name: 'SERVQUAL 服务质量差距' })).toBeTruthy();
    const rows = within(screen.getByTestId('servqual-dimensions')).getAllByRole('row').slice(1, 6);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['有形性', '可靠性', '响应性', '保证性', '同理心']);
    expect(within(screen.getByTestId('servqual-priorities')).getAllByRole('listitem')[0].textContent)
      .toBe('响应性：客户期望 6.5，实际感知 5.0（差距 −1.5，重要性占 40%）。');
    expect(within(screen.getByTestId('servqual-groups')).getAllByTestId('servqual-too-few')[0].getAttribute('title')).toBe('受访者太少');
  });
});

describe('ServqualState', () => {
  it('asks for the 11 RFM segments by default, then for the tiers picked, as of the analysis day; not again when nothing changed', async () => {
    const tiersHandle: GroupingHandle = { id: 'tiers:x', definition: { kind: 'tiers', shares: [20, 30, 50], basis: 'customers', analysisDay: 100 } };
    const tiers = vi.fn(async () => ({ handle: tiersHandle }) as Awaited<ReturnType<NonNullable<FakeApi['tiers']>>>);
    const { state, servqual } = await shown(result, { tiers }, { analysisDay: 100, groupingHandle: () => null });
    expect(servqual).toHaveBeenCalledTimes(1);
    expect(servqual.mock.calls[0]).toEqual([expect.any(String), 'd', { grouping: undefined, analysisDay: 100 }]);
    await state.sync();
    expect(servqual).toHaveBeenCalledTimes(1);
    await fireEvent.change(screen.getByTestId('servqual-grouping'), { target: { value: 'tiers' } });
    await waitFor(() => expect(servqual).toHaveBeenCalledTimes(2));
    expect(tiers).toHaveBeenCalledWith('d', [20, 30, 50], 'customers', { analysisDay: 100 });
    expect(servqual.mock.calls[1][2]).toEqual({ grouping: tiersHandle, analysisDay: 100 });
    expect(state.grouping).toBe('tiers');
  });
});
