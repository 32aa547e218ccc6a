// The Actions page's care section as a user sees it: the lists' day and rules, a list opened
// (masked when masking is on) and exported for contact, a list made an action, the festivals in
// the window, the user's own dates (refused when broken, saved per dataset, deleted with undo),
// the empty state — in both languages.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import CareSection from '../../../../src/views/act/CareSection.svelte';
import { CareState, careDatesKey } from '../../../../src/lib/state/act/care.svelte';
import type { VoiceGroupingSource } from '../../../../src/lib/state/voice.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import { privacy } from '../../../../src/lib/state/privacy.svelte';
import { parseIsoDay } from '../../../../src/lib/domain';
import { getSetting, type WorkbenchDB } from '../../../../src/lib/db';
import type { CareListKey, CareListsResult, EngineApi } from '../../../../workers/api';
import { datasetRow, fakeContext, freshDatabase } from '../../fakes';

const downloads = vi.hoisted(() => [] as { text: string; name: string }[]);
vi.mock('../../../../src/lib/components/download', () => ({
  downloadText: (text: string, name: string) => downloads.push({ text, name }),
  downloadBlob: () => undefined,
}));

afterEach(() => {
  downloads.length = 0;
  i18n.locale = 'en';
  privacy.mask = false;
});

const day = (iso: string) => parseIsoDay(iso)!;
const LISTS: CareListKey[] = ['birthdays', 'anniversaries', 'winback', 'vip', 'secondPurchase', 'complaintFollowUp', 'upgradeNudge'];

/** The lists as of 2026-09-20 (the window of 30 days holds 中秋 2026-09-25 and 国庆 2026-10-01). */
function result(over: Partial<CareListsResult> = {}): CareListsResult {
  return {
    day: day('2026-09-20'), lastOrderDay: day('2026-09-19'), days: 30, windowEnd: day('2026-10-19'), factor: 2, vip: 'tier',
    valueBasis: 'net', valueModel: null, baseGap: 16, design: 'default', nudgePoints: false, ladder: { rate1: 0.25, rate2: 0.5, customers1: 100 },
    perDay: { birthdays: Array.from({ length: 30 }, (_, i) => (i === 5 ? 4 : 1)), anniversaries: new Array<number>(30).fill(0) },
    lists: LISTS.map((list, i) => ({ list, size: i === 6 ? 0 : 10 * (i + 1), value: 1000 * (i + 1), contactable: 8 * (i + 1), leftOut: 2 * (i + 1), hasConsent: true })),
    ...over,
  };
}

const source: VoiceGroupingSource = { analysisDay: undefined, groupingHandle: () => null };

async function database(): Promise<WorkbenchDB> {
  const db = freshDatabase('care');
  await db.datasets.put(datasetRow('d'));
  return db;
}

async function shown(over: Partial<CareListsResult> = {}, db?: WorkbenchDB) {
  const careLists = vi.fn<EngineApi['careLists']>(async (_j, _d, request = {}) => result({ days: request.days ?? 30, factor: request.factor ?? 2, ...over }));
  const careListPage = vi.fn<EngineApi['careListPage']>(async (_j, _d, request, offset) => ({
    list: request.list, total: 2, offset,
    rows: [
      { id: '13800138000', name: '李雷', orders: 3, lastOrder: day('2026-05-01'), net: 1500, clv: null, when: day('2026-05-01'), figure: 142, note: '' },
      { id: 'C0002', name: 'Han Meimei', orders: 2, lastOrder: day('2026-06-01'), net: 900, clv: null, when: day('2026-06-01'), figure: 111, note: '' },
    ],
  }));
  const careListCsv = vi.fn<EngineApi['careListCsv']>(async () => ({ csv: 'id\r\nX\r\n', rows: 1, leftOut: 6, hasConsent: true }));
  const careLadder = vi.fn<EngineApi['careLadder']>(async () => ({ asOfDay: day('2026-09-19'), grouping: { kind: 'rfm', id: 'x' }, overall: [], segments: [] }));
  const ctx = fakeContext({ careLists, careListPage, careListCsv, careLadder }, { db: db ?? (await database()) });
  const state = new CareState(ctx, source);
  const onaction = vi.fn();
  render(CareSection, { state, currency: 'CNY', onaction });
  await waitFor(() => expect(screen.queryByText('Working out the lists…')).toBeNull());
  return { state, careLists, careListPage, careListCsv, onaction, db: ctx.db };
}

describe('care section', () => {
  it('says the lists’ day and each list’s rule, size and who may be contacted', async () => {
    await shown();
    expect(screen.getByTestId('care-as-of').textContent).toContain('Lists as of 09/20/2026, the day after the last order (09/19/2026).');
    const winback = screen.getByTestId('care-list-winback');
    expect(winback.textContent).toContain('silent for more than 2 × their usual gap between purchases (one-time buyers: the median gap, 16 days)');
    expect(within(winback).getByTestId('care-list-winback-size').textContent).toBe('30');
    expect(screen.getByTestId('care-list-secondPurchase').textContent).toContain('only 25.0% of one-order customers come back, but 50.0% of two-order customers order again');
    expect(screen.getByTestId('care-list-birthdays').textContent).toContain('celebrated on 28 February in years without it');
    // an empty list cannot become an action
    expect((screen.getByTestId('care-list-upgradeNudge-action') as HTMLButtonElement).disabled).toBe(true);
  });

  it('opens a list (masked when masking is on) and exports it for contact', async () => {
    privacy.mask = true;
    const { careListPage, careListCsv } = await shown();
    await fireEvent.click(screen.getByTestId('care-list-winback-open'));
    const table = await screen.findByTestId('care-customers-table');
    expect(careListPage).toHaveBeenCalledWith(expect.any(String), 'd', { list: 'winback', options: { factor: 2 } }, 0, 20);
    expect(table.textContent).not.toContain('13800138000');
    expect(table.textContent).not.toContain('李雷');
    expect(table.textContent).toContain('142'); // days silent
    expect(screen.getByTestId('care-export-left-out').textContent).toContain('6 customers without marketing consent');
    await fireEvent.click(within(screen.getByTestId('care-export')).getByRole('button'));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(careListCsv).toHaveBeenCalledWith(expect.any(String), 'd', { list: 'winback', options: { factor: 2 } }, expect.objectContaining({ mask: true, includeWithoutConsent: false }));
    expect(downloads[0].name).toBe('care-list-winback.csv');
    expect(screen.getByTestId('care-exported').textContent).toBe('Customers exported: 1.');
  });

  it('makes a list an action with the settings shown, and a festival an action on all customers', async () => {
    const { onaction } = await shown();
    await fireEvent.click(screen.getByTestId('care-list-birthdays-action'));
    expect(onaction).toHaveBeenCalledWith({ kind: 'list', request: { list: 'birthdays', options: { days: 30 } } });
    const midAutumn = screen.getByTestId('care-holiday-midAutumn');
    expect(midAutumn.textContent).toContain('09/25/2026');
    expect(midAutumn.textContent).toContain('in 5 days');
    expect(screen.getByTestId('care-holiday-national').textContent).toContain('10/01/2026');
    // the strip of the window: 4 birthdays on 09/25, 1 on each other day
    expect(within(screen.getByTestId('care-strip')).getByRole('img').getAttribute('aria-label'))
      .toBe('Birthdays and anniversaries per day from 09/20/2026 to 10/19/2026; the busiest day is 09/25/2026 (4).');
    await fireEvent.click(within(midAutumn).getByRole('button'));
    expect(onaction).toHaveBeenLastCalledWith({ kind: 'all' });
  });

  it('refuses broken settings with a clear message and keeps the lists', async () => {
    const { careLists, state } = await shown();
    const input = screen.getByTestId('care-days') as HTMLInputElement;
    await fireEvent.change(input, { target: { value: '400' } });
    expect(screen.getByTestId('care-input-error').textContent).toBe('Days ahead must be a whole number from 1 to 366 (you typed “400”).');
    expect(state.days).toBe(30);
    await fireEvent.change(input, { target: { value: '60' } });
    await waitFor(() => expect(careLists).toHaveBeenLastCalledWith(expect.any(String), 'd', { days: 60, factor: 2, vip: 'tier' }));
    expect(screen.queryByTestId('care-input-error')).toBeNull();
  });

  it('adds, refuses, saves and deletes (with undo) the user’s own dates', async () => {
    const { db } = await shown();
    expect(screen.getByTestId('care-dates-empty')).toBeTruthy();
    // broken: no name, 31 April
    await fireEvent.input(screen.getByTestId('care-date-month'), { target: { value: '4' } });
    await fireEvent.input(screen.getByTestId('care-date-day'), { target: { value: '31' } });
    await fireEvent.submit(screen.getByTestId('care-date-form'));
    const problems = await screen.findByTestId('care-date-problems');
    expect(problems.textContent).toContain('Give the date a name.');
    expect(problems.textContent).toContain('There is no such date');
    expect(await getSetting(db, careDatesKey('d'), null)).toBeNull();
    // a good one: the store's anniversary on 1 October, every year
    await fireEvent.input(screen.getByTestId('care-date-name'), { target: { value: '  Store anniversary <b>' } });
    await fireEvent.input(screen.getByTestId('care-date-month'), { target: { value: '10' } });
    await fireEvent.input(screen.getByTestId('care-date-day'), { target: { value: '2' } });
    await fireEvent.submit(screen.getByTestId('care-date-form'));
    await waitFor(() => expect(screen.getAllByTestId('care-date-row')).toHaveLength(1));
    expect(await getSetting(db, careDatesKey('d'), null)).toEqual([expect.objectContaining({ name: 'Store anniversary <b>', month: 10, day: 2 })]);
    // it is in the calendar's window (2026-10-02)
    expect(screen.getByTestId('care-own-date').textContent).toContain('Store anniversary <b>');
    // a new state (the page opened again) reads it back
    const again = new CareState(fakeContext({}, { db }), source);
    await again.sync().catch(() => undefined);
    expect(again.dates.map((d) => d.name)).toEqual(['Store anniversary <b>']);
    // delete, then undo
    await fireEvent.click(screen.getByTestId('care-date-delete'));
    await screen.findByTestId('care-date-deleted');
    expect(await getSetting(db, careDatesKey('d'), null)).toEqual([]);
    await fireEvent.click(screen.getByTestId('care-date-undo'));
    await waitFor(() => expect(screen.getAllByTestId('care-date-row')).toHaveLength(1));
    expect((await getSetting<unknown[]>(db, careDatesKey('d'), [])).length).toBe(1);
  });

  it('says what to do without orders', async () => {
    await shown({ day: null, lastOrderDay: null, windowEnd: null });
    expect(screen.getByTestId('care-empty').textContent).toContain('Import an orders file');
  });

  it('speaks Chinese', async () => {
    i18n.locale = 'zh';
    await shown();
    expect(screen.getByTestId('care-as-of').textContent).toContain('名单日期：2026/09/20');
    expect(screen.getByTestId('care-list-winback').textContent).toContain('流失挽回');
    expect(screen.getByTestId('care-holiday-midAutumn').textContent).toContain('中秋节');
    expect(screen.getByTestId('care-holiday-midAutumn').textContent).toContain('5 天后');
  });
});
