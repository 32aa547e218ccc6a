// The Voice page as a user sees it: NPS and CSAT with their 95% CI and answers, groups flagged
// under 30 answers, two groups compared in words, the high-value detractors and their export, the
// empty state — in both languages.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import Voice from '../../../../src/views/Voice.svelte';
import GroupScores from '../../../../src/views/voice/GroupScores.svelte';
import ScoreCards from '../../../../src/views/voice/ScoreCards.svelte';
import { VoiceState, type VoiceGroupingSource } from '../../../../src/lib/state/voice.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import { csatSummary, dayFromCivil, npsSummary, npsDifference } from '../../../../src/lib/domain';
import type { GroupingHandle, VoiceFigures, VoiceResult } from '../../../../workers/api';
import { fakeContext } from '../../fakes';

/** Answers with these counts: promoters (10), passives (8), detractors (3); CSAT satisfied (5) and not (2). */
function answers(p: number, m: number, d: number, sat = p + m, unsat = d): { nps: number[]; csat: number[] } {
  return { nps: [...Array(p).fill(10), ...Array(m).fill(8), ...Array(d).fill(3)], csat: [...Array(sat).fill(5), ...Array(unsat).fill(2)] };
}

function figures(a: { nps: number[]; csat: number[] }): VoiceFigures {
  const n = npsSummary(a.nps), c = csatSummary(a.csat);
  return { nps: { ...n, tooFew: n.n < 30 }, csat: { ...c, tooFew: c.n < 30 } };
}

const champions = answers(60, 30, 10);
const hibernating = answers(12, 14, 14);
const lost = answers(4, 5, 11);
const all = { nps: [...champions.nps, ...hibernating.nps, ...lost.nps], csat: [...champions.csat, ...hibernating.csat, ...lost.csat] };

const result: VoiceResult = {
  csatScale: { scale: 5, topBox: 4, detected: 5, aboveScale: 0 },
  answers: all.nps.length, firstDay: dayFromCivil(2024, 1, 3), lastDay: dayFromCivil(2024, 12, 30),
  overall: figures(all),
  byMonth: [{ month: '2024-01', ...figures(champions) }, { month: '2024-02', ...figures(hibernating) }],
  grouping: { kind: 'rfm', id: 'rfm:x' },
  groups: [{ key: 'champions', ...figures(champions) }, { key: 'hibernating', ...figures(hibernating) }, { key: 'lost', ...figures(lost) }],
  ungrouped: 0,
  tiers: [{ key: 'tier_1', ...figures(champions) }, { key: 'tier_2', ...figures(hibernating) }],
  detractors: {
    basis: 'net', count: 2,
    customers: [
      { id: '13800138000', name: 'Wang Fang', nps: 3, day: dayFromCivil(2024, 5, 6), net: 5000, clv: null },
      { id: 'C2', name: 'Li Lei', nps: 6, day: dayFromCivil(2024, 7, 1), net: 4000, clv: null },
    ],
  },
};

const empty: VoiceResult = {
  ...result, answers: 0, firstDay: null, lastDay: null, overall: figures({ nps: [], csat: [] }), byMonth: [], groups: [], tiers: [],
  detractors: { basis: 'net', count: 0, customers: [] },
};

const noSegments: VoiceGroupingSource = { analysisDay: undefined, groupingHandle: () => null };

async function shown(answer: VoiceResult = result, api: Record<string, unknown> = {}) {
  const voice = vi.fn(async () => answer);
  const state = new VoiceState(fakeContext({ voice, ...api }), noSegments);
  await state.sync();
  render(Voice, { voice: state, currency: 'CNY' });
  return { state, voice };
}

describe('Voice: NPS and CSAT', () => {
  it('shows the overall NPS and CSAT with their 95% CI and number of answers', () => {
    render(ScoreCards, { overall: result.overall, scale: result.csatScale });
    const o = npsSummary(all.nps);
    const nps = screen.getByTestId('voice-nps').textContent!;
    expect(nps).toContain(String(Math.round(o.nps)));
    expect(nps).toContain(`95% CI ${Math.round(o.ci[0])}–${Math.round(o.ci[1])}`);
    expect(nps).toContain('160 answers');
    expect(screen.getByTestId('voice-csat').textContent).toMatch(/\d+%.*95% CI \d+%–\d+%.*160 answers/);
  });

  it('lists each group with NPS, its interval and answers, and flags groups under 30 answers', () => {
    render(GroupScores, { result, min: 30 });
    const rows = within(screen.getByTestId('voice-groups')).getAllByRole('row').slice(2);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Champions', 'Hibernating', 'Lost']);
    const h = npsSummary(hibernating.nps);
    expect(rows[1].textContent).toContain(`${Math.round(h.nps)}`);
    expect(rows[1].textContent).toContain(`${Math.round(h.ci[0])} to ${Math.round(h.ci[1])}`); // a negative lower end reads "−x to y"
    expect(within(rows[0]).queryByText('too few answers')).toBeNull();
    expect(within(rows[1]).queryByText('too few answers')).toBeNull();
    expect(within(rows[2]).getByText('too few answers')).toBeTruthy(); // 20 answers
  });

  it('words it all in Chinese, keeping the abbreviations and “95% 置信区间”', async () => {
    await shown();
    i18n.locale = 'zh';
    flushSync();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('客户声音');
    expect(screen.getByTestId('voice-nps').textContent).toContain('净推荐值 NPS');
    expect(screen.getByTestId('voice-nps').textContent).toContain('95% 置信区间');
    expect(screen.getByTestId('voice-csat').textContent).toContain('满意度 CSAT');
    expect(within(screen.getByTestId('voice-groups')).getByTestId('too-few').textContent).toBe('回答太少');
    expect(screen.getByTestId('voice-comparison').textContent).toMatch(/^冠军客户的 NPS 比沉睡客户高 \d+ 分，95% 置信区间 \d+–\d+。/);
    expect(screen.getByTestId('voice-method').textContent).toContain('调整 Wald');
  });
});

describe('Voice: two groups compared', () => {
  it('says how much higher the first group’s NPS is, with the interval of the difference, and follows the choice', async () => {
    const { state } = await shown();
    // defaults: the first and the last group with enough answers
    expect(state.pair).toEqual(['champions', 'hibernating']);
    const d = npsDifference(hibernating.nps, champions.nps);
    const text = screen.getByTestId('voice-comparison').textContent!;
    expect(text).toContain(`Champions’ NPS is ${Math.round(d.difference)} points higher than Hibernating’s, 95% CI ${Math.round(d.ci[0])}–${Math.round(d.ci[1])}.`);
    expect(text).toContain('does not include 0');
    expect(text).toContain('(p < 0.001)');
    await fireEvent.change(screen.getByTestId('compare-a'), { target: { value: 'lost' } });
    const e = npsDifference(hibernating.nps, lost.nps); // lost − hibernating < 0
    expect(e.difference).toBeLessThan(0);
    const lower = screen.getByTestId('voice-comparison').textContent!;
    expect(lower).toContain(`Lost’s NPS is ${Math.round(-e.difference)} points lower than Hibernating’s, 95% CI`);
    expect(lower).toContain('fewer than 30 answers');
  });
});

describe('Voice: high-value detractors', () => {
  it('lists them and exports them, ids and names masked when masking is on', async () => {
    const { state } = await shown();
    const table = within(screen.getByTestId('voice-detractors'));
    expect(table.getByText('Wang Fang')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export these 2 customers (CSV)' })).toBeTruthy();
    const header = ['id', 'name', 'nps', 'day', 'net', 'clv'];
    expect(state.detractorsCsv(header, false).split('\r\n').slice(1, 3)).toEqual(['13800138000,Wang Fang,3,2024-05-06,5000,', 'C2,Li Lei,6,2024-07-01,4000,']);
    const masked = state.detractorsCsv(header, true);
    expect(masked).not.toContain('13800138000');
    expect(masked).not.toContain('Wang Fang');
    expect(masked).toContain('*******8000');
    expect(masked).toContain('C2,'); // a code, not personal data, stays
  });
});

describe('Voice: groupings and the empty state', () => {
  it('asks the engine for the value tiers when the user picks them, and names the grouping by its handle', async () => {
    const handle: GroupingHandle = { id: 'tiers:1', definition: { kind: 'tiers', shares: [20, 30, 50], basis: 'customers' } };
    const tiers = vi.fn(async () => ({ analysisDay: 1, asOfDay: 0, tiers: [], edges: [], pareto: [], handle }));
    const { voice } = await shown(result, { tiers });
    expect(voice).toHaveBeenCalledWith(expect.any(String), 'd', { grouping: undefined, analysisDay: undefined });
    await fireEvent.change(screen.getByTestId('voice-grouping'), { target: { value: 'tiers' } });
    await waitFor(() => expect(voice).toHaveBeenCalledTimes(2));
    expect(tiers).toHaveBeenCalledWith('d', [20, 30, 50], 'customers', { analysisDay: undefined });
    expect(voice).toHaveBeenLastCalledWith(expect.any(String), 'd', { grouping: handle, analysisDay: undefined });
  });

  it('groups by a customer attribute through the engine, and offers clusters only once the Segments page has them', async () => {
    const handle: GroupingHandle = { id: 'attribute:1', definition: { kind: 'attribute', field: 'channel' } };
    const attributeGroups = vi.fn(async () => ({ handle, groups: [] }));
    const { voice, state } = await shown(result, { attributeGroups });
    const options = within(screen.getByTestId('voice-grouping')).getAllByRole('option') as HTMLOptionElement[];
    const byValue = Object.fromEntries(options.map((o) => [o.value, o]));
    expect(byValue.clusters.disabled).toBe(true);
    expect(byValue.clusters.textContent).toContain('set up on the Segments page first');
    expect(byValue.channel.disabled).toBe(false);
    expect(state.available('city')).toBe(true);
    await fireEvent.change(screen.getByTestId('voice-grouping'), { target: { value: 'channel' } });
    await waitFor(() => expect(voice).toHaveBeenCalledTimes(2));
    expect(attributeGroups).toHaveBeenCalledWith('d', 'channel', { analysisDay: undefined });
    expect(voice).toHaveBeenLastCalledWith(expect.any(String), 'd', { grouping: handle, analysisDay: undefined });
  });

  it('counts CSAT on the scale the user picks, and says how many answers that leaves out', async () => {
    const above: VoiceResult = { ...result, csatScale: { scale: 5, topBox: 4, detected: 7, aboveScale: 12 } };
    const { voice } = await shown(above);
    const select = screen.getByTestId('voice-csat-scale') as HTMLSelectElement;
    expect(select.options[0].textContent).toBe('As the answers suggest: 1–7');
    expect([...select.options].map((o) => o.textContent).slice(1)).toEqual(['1–5 (satisfied: 4–5)', '1–7 (satisfied: 6–7)', '1–10 (satisfied: 9–10)']);
    expect(screen.getByText('12 CSAT answers are above 5 and left out: pick the scale they were given on.')).toBeTruthy();
    expect(screen.getByTestId('voice-csat').textContent).toContain('(4–5 of 5)');
    await fireEvent.change(select, { target: { value: '7' } });
    await waitFor(() => expect(voice).toHaveBeenCalledTimes(2));
    expect(voice).toHaveBeenLastCalledWith(expect.any(String), 'd', { grouping: undefined, analysisDay: undefined, csatScale: 7 });
  });

  it('uses the Segments page’s grouping when it has one for this dataset', async () => {
    const mine: GroupingHandle = { id: 'rfm:mine', definition: { kind: 'rfm', request: { monetary: 'average', bins: 5, preset: 'rfm8', reference: 'median' } } };
    const voice = vi.fn(async () => result);
    const state = new VoiceState(fakeContext({ voice }), { analysisDay: undefined, groupingHandle: (kind) => (kind === 'rfm' ? mine : null) });
    await state.sync();
    expect(voice).toHaveBeenCalledWith(expect.any(String), 'd', { grouping: mine, analysisDay: undefined });
    await state.sync(); // nothing changed: no new call
    expect(voice).toHaveBeenCalledTimes(1);
  });

  it('says what to import when the dataset has no survey answers', async () => {
    await shown(empty);
    const card = screen.getByTestId('voice-empty');
    expect(card.textContent).toContain('no survey answers');
    expect(within(card).getByRole('link', { name: 'Import survey answers' }).getAttribute('href')).toBe('#/import');
    expect(screen.queryByTestId('voice-groups')).toBeNull();
    expect(screen.getAllByTestId('voice-q-item')).toHaveLength(22); // the questionnaire, to collect answers with
  });
});
