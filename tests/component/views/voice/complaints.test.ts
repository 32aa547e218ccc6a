// The feedback and complaints part as a user sees it: the headline figures, the queue in priority
// order with the rule in words, "Mark resolved" with a date and a note (the figures computed again
// after the save), undo, a refused save in words, the service level and keyword rules remembered
// per dataset, the masked export, the empty state — in both languages.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import ComplaintsPart from '../../../../src/views/voice/ComplaintsPart.svelte';
import { ComplaintsState, complaintSettingsKey } from '../../../../src/lib/state/voice/complaints.svelte';
import { InteractionEditor } from '../../../../src/lib/state/voice/edits.svelte';
import type { VoiceGroupingSource } from '../../../../src/lib/state/voice.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import { dayFromCivil, isoDate, NO_DAY } from '../../../../src/lib/domain';
import { getSetting } from '../../../../src/lib/db';
import type { ComplaintGroup, ComplaintsRequest, ComplaintsResult, InteractionSave, QueueEntry } from '../../../../workers/api';
import { fakeContext, freshDatabase } from '../../fakes';

const MAR10 = dayFromCivil(2024, 3, 10);
const group = (key: string, over: Partial<ComplaintGroup> = {}): ComplaintGroup => ({
  key, customers: 5, complainers: 4, complaints: 5, orders: 6, rate: 0.8, per1000Orders: 5000 / 6, resolved: 2, medianDays: 2.5, within: 1, due: 4, withinShare: 0.25, open: 3, ...over,
});
const entry = (entryId: string, customerId: string, name: string, priority: number, over: Partial<QueueEntry> = {}): QueueEntry => ({
  entryId, customerId, name, day: MAR10 - 5, daysWaiting: 5, severity: 1, topic: 'delivery', channel: 'Phone', text: 'Parcel arrived broken', value: 400, priority, ...over,
});
const QUEUE = [
  entry('T2', 'C1', 'Wang Fang', 2000),
  entry('T5', '13800138000', 'Li Lei', 240, { day: MAR10 - 6, daysWaiting: 6, severity: 0, topic: 'staff', text: '客服态度差', value: 20 }),
  entry('T6', 'C4', 'Zhao Min', 3, { day: MAR10 - 1, daysWaiting: 1, severity: 3, topic: 'Billing', text: 'refund please', value: 0 }),
];
const result = (queue: QueueEntry[] = QUEUE, over: Partial<ComplaintsResult> = {}): ComplaintsResult => ({
  interactions: 7, asOfDay: MAR10, slaHours: 48, overall: group('', { open: queue.length }),
  grouping: { kind: 'rfm', id: 'rfm:x' }, groups: [group('champions', { customers: 2, rate: 0.5 }), group('lost', { customers: 3 })],
  kinds: [{ kind: 'complaint', count: 5 }, { kind: 'inquiry', count: 1 }, { kind: 'praise', count: 1 }, { kind: 'suggestion', count: 0 }],
  topics: [{ topic: 'delivery', count: 2, fromFile: 0 }, { topic: 'Billing', count: 1, fromFile: 1 }],
  byMonth: [{ month: '2024-03', complaints: 5, open: queue.length }],
  queue: { basis: 'net', count: queue.length, entries: queue },
  resolved: { count: 0, entries: [] },
  ...over,
});

const asOf: VoiceGroupingSource = { analysisDay: MAR10, groupingHandle: () => null };

/** The part on a fake engine whose queue loses the entries saved as resolved (and gets them back when opened again). */
function setup(options: { db?: ReturnType<typeof freshDatabase>; save?: (s: InteractionSave) => Promise<unknown>; first?: ComplaintsResult } = {}) {
  const resolved = new Set<string>();
  const saves: InteractionSave[] = [];
  const complaints = vi.fn(async (_job: string, _id: string, request?: ComplaintsRequest) => {
    void request;
    if (options.first && complaints.mock.calls.length === 1) return options.first;
    const open = QUEUE.filter((e) => !resolved.has(e.entryId));
    return result(open, {
      resolved: { count: resolved.size, entries: QUEUE.filter((e) => resolved.has(e.entryId)).map((e) => ({ ...e, resolvedDay: MAR10, note: 'Sent a new one' })) },
    });
  });
  const saveInteraction = vi.fn(async (_id: string, s: InteractionSave) => {
    saves.push(s);
    if (options.save) await options.save(s);
    if (s.fields.resolved === 1) resolved.add(s.entryId!);
    else resolved.delete(s.entryId!);
    return { ...QUEUE[0], entryId: s.entryId!, added: false, note: s.note ?? '', resolved: s.fields.resolved ?? 0, resolvedDay: s.fields.resolvedDay ?? NO_DAY, kind: 'complaint' as const };
  });
  const ctx = fakeContext({ complaints, saveInteraction }, { db: options.db });
  const editor = new InteractionEditor(ctx);
  const state = new ComplaintsState(ctx, asOf, editor);
  render(ComplaintsPart, { state, currency: 'CNY' });
  return { state, complaints, saves, ctx };
}

const queueIds = () => [...screen.getByTestId('complaints-queue').querySelectorAll('tbody tr[data-entry]')].map((r) => r.getAttribute('data-entry'));

afterEach(() => {
  i18n.locale = 'en';
});

describe('Complaints: what the page shows', () => {
  it('shows the headline figures, the groups, the kinds and the queue in priority order with the rule in words', async () => {
    const { complaints } = setup();
    await waitFor(() => expect(screen.getByTestId('complaints-queue')).toBeTruthy());
    // as of the analysis day, with the 48 h default
    expect(complaints.mock.calls[0][2]).toMatchObject({ analysisDay: MAR10, slaHours: 48 });
    expect(screen.getByRole('heading', { level: 2, name: 'Feedback and complaints' })).toBeTruthy();
    expect(screen.getByTestId('complaints-rate').textContent).toContain('80.0%');
    expect(screen.getByTestId('complaints-rate').textContent).toContain('833.3 complaints per 1,000 orders');
    expect(screen.getByTestId('complaints-median').textContent).toContain('2.5 d');
    expect(screen.getByTestId('complaints-sla-card').textContent).toMatch(/Resolved within 48 h\s*25%\s*1 of 4/);
    expect(queueIds()).toEqual(['T2', 'T5', 'T6']);
    const rows = within(screen.getByTestId('complaints-queue')).getAllByRole('row');
    // unknown severity worded, default topics translated, a file's topic as written
    expect(rows[2].textContent).toContain('Unknown');
    expect(rows[2].textContent).toContain('Staff and service');
    expect(rows[3].textContent).toContain('Billing');
    expect(screen.getByTestId('complaints-rule').textContent).toContain('Priority = customer value × days waiting × severity weight');
    expect(screen.getByTestId('complaints-rule').textContent).toContain('net revenue of the last 12 months');
    expect(within(screen.getByTestId('complaints-groups')).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['Champions', 'Lost']);
    expect(screen.getByTestId('complaints-kinds').textContent).toContain('Inquiry');
    expect(screen.getByTestId('complaints-section').textContent).not.toMatch(/NaN|undefined/);
  });

  it('says what to import when the dataset has no interactions', async () => {
    setup({ first: result([], { interactions: 0 }) });
    await waitFor(() => expect(screen.getByTestId('complaints-empty')).toBeTruthy());
    expect(screen.getByTestId('complaints-empty').textContent).toContain('Import a file of service interactions');
    expect(within(screen.getByTestId('complaints-empty')).getByRole('link').getAttribute('href')).toContain('import');
  });

  it('words it in Chinese', async () => {
    setup();
    await waitFor(() => expect(screen.getByTestId('complaints-queue')).toBeTruthy());
    i18n.locale = 'zh';
    flushSync();
    expect(screen.getByRole('heading', { level: 2, name: '反馈与投诉' })).toBeTruthy();
    expect(screen.getByTestId('complaints-rule').textContent).toContain('优先级 = 客户价值 × 等待天数 × 严重程度权重');
    expect(screen.getAllByRole('button', { name: '标记为已解决' })).toHaveLength(3);
  });
});

describe('Complaints: resolving from the queue', () => {
  it('marks the first complaint resolved on the analysis day with a note, recomputes, and undoes it', async () => {
    const { saves, complaints } = setup();
    await waitFor(() => expect(screen.getByTestId('complaints-queue')).toBeTruthy());
    await fireEvent.click(screen.getAllByRole('button', { name: 'Mark resolved' })[0]);
    const date = screen.getByTestId('complaints-resolve-date') as HTMLInputElement;
    // the default day: the analysis day
    expect(date.value).toBe(isoDate(MAR10));
    expect(document.activeElement).toBe(date);
    await fireEvent.input(screen.getByTestId('complaints-resolve-note'), { target: { value: 'Sent a new one' } });
    await fireEvent.click(screen.getByTestId('complaints-resolve-save'));
    await waitFor(() => expect(queueIds()).toEqual(['T5', 'T6']));
    expect(saves[0]).toEqual({ entryId: 'T2', customerId: 'C1', fields: { resolved: 1, resolvedDay: MAR10 }, note: 'Sent a new one' });
    expect(complaints).toHaveBeenCalledTimes(2); // computed again after the save
    expect(screen.getByText(/Complaint T2 of Wang Fang marked resolved\./)).toBeTruthy();
    expect(within(screen.getByTestId('complaints-resolved')).getByText('Sent a new one')).toBeTruthy();

    await fireEvent.click(screen.getByTestId('complaints-undo'));
    await waitFor(() => expect(queueIds()).toEqual(['T2', 'T5', 'T6']));
    expect(saves[1]).toEqual({ entryId: 'T2', customerId: 'C1', fields: { resolved: 0 } });
    expect(screen.queryByTestId('complaints-undo')).toBeNull();
  });

  it('refuses a day before the complaint came in, in words, without saving', async () => {
    const { saves } = setup();
    await waitFor(() => expect(screen.getByTestId('complaints-queue')).toBeTruthy());
    await fireEvent.click(screen.getAllByRole('button', { name: 'Mark resolved' })[0]);
    await fireEvent.input(screen.getByTestId('complaints-resolve-date'), { target: { value: isoDate(MAR10 - 9) } });
    await fireEvent.submit(screen.getByTestId('complaints-resolve-form'));
    expect(screen.getByRole('alert').textContent).toMatch(/^It cannot be resolved before it came in \(/);
    expect(saves).toEqual([]);
    expect(queueIds()).toEqual(['T2', 'T5', 'T6']);
    // Escape closes the form and gives the focus back to its button
    await fireEvent.keyDown(screen.getByTestId('complaints-resolve-note'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('complaints-resolve-form')).toBeNull());
    await waitFor(() => expect(document.activeElement?.getAttribute('data-resolve')).toBe('T2'));
  });

  it('shows why the engine refused a save, and keeps the complaint in the queue', async () => {
    setup({ save: async () => { throw { code: 'voice.interactionResolvedBefore' }; } });
    await waitFor(() => expect(screen.getByTestId('complaints-queue')).toBeTruthy());
    await fireEvent.click(screen.getAllByRole('button', { name: 'Mark resolved' })[1]);
    await fireEvent.click(screen.getByTestId('complaints-resolve-save'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The resolved date is before the date the entry was received: correct one of them.'));
    expect(queueIds()).toEqual(['T2', 'T5', 'T6']);
    expect(screen.getByTestId('complaints-resolve-form')).toBeTruthy(); // nothing typed is lost
  });
});

describe('Complaints: settings and export', () => {
  it('remembers the service level and the keyword rules for the dataset, and asks the engine with them', async () => {
    const db = freshDatabase('complaints');
    const { state, complaints } = setup({ db });
    await waitFor(() => expect(complaints).toHaveBeenCalledTimes(1));
    const sla = screen.getByTestId('complaints-sla') as HTMLInputElement;
    await fireEvent.input(sla, { target: { value: '0' } });
    await fireEvent.change(sla);
    expect(screen.getByRole('alert').textContent).toBe('The service level must be a number of hours above 0 and at most 8760.');
    await fireEvent.input(sla, { target: { value: '72' } });
    await fireEvent.change(sla);
    await waitFor(() => expect(complaints.mock.calls.at(-1)![2]).toMatchObject({ slaHours: 72 }));
    expect(await state.setRules([{ topic: 'Packaging', keywords: ['box', ' 包装 '] }])).toBe(true);
    expect(complaints.mock.calls.at(-1)![2]!.rules).toEqual([{ topic: 'Packaging', keywords: ['box', '包装'] }]);
    expect(await getSetting(db, complaintSettingsKey('d'), null)).toEqual({ slaHours: 72, rules: [{ topic: 'Packaging', keywords: ['box', '包装'] }] });

    // another session on the same database: the settings come back
    const complaints2 = vi.fn(async () => result());
    const again = new ComplaintsState(fakeContext({ complaints: complaints2 }, { db }), asOf, new InteractionEditor(fakeContext({}, { db })));
    await again.sync();
    expect(again.slaHours).toBe(72);
    expect(complaints2.mock.calls[0]).toEqual([expect.any(String), 'd', expect.objectContaining({ slaHours: 72, rules: [{ topic: 'Packaging', keywords: ['box', '包装'] }] })]);
    expect(await again.resetRules()).toBe(true);
    expect(again.customRules).toBe(false);
    expect(await getSetting(db, complaintSettingsKey('d'), null)).toEqual({ slaHours: 72, rules: null });
    // no rule left: refused in words, nothing stored
    expect(await again.setRules([{ topic: ' ', keywords: ['x'] }])).toBe(false);
    expect(again.settingsError).toEqual({ code: 'complaints.rulesEmpty' });
  });

  it('edits the rules on the page: a default topic keeps its key, a new one its name', async () => {
    const { state } = setup();
    await waitFor(() => expect(screen.getByTestId('complaints-queue')).toBeTruthy());
    const topics = () => screen.getAllByTestId('complaints-rule-topic') as HTMLInputElement[];
    expect(topics().map((t) => t.value)).toEqual(['Delivery', 'Quality', 'Price', 'Staff and service', 'Refunds and returns']);
    await fireEvent.click(screen.getByRole('button', { name: 'Remove the topic Price' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Add a topic' }));
    await fireEvent.input(topics()[4], { target: { value: 'Packaging' } });
    await fireEvent.input(screen.getAllByTestId('complaints-rule-keywords')[4], { target: { value: 'box，包装, tape' } });
    await fireEvent.click(screen.getByTestId('complaints-rules-save'));
    await waitFor(() => expect(state.customRules).toBe(true));
    expect(state.rules.map((r) => r.topic)).toEqual(['delivery', 'quality', 'staff', 'refund', 'Packaging']);
    expect(state.rules[4].keywords).toEqual(['box', '包装', 'tape']);
  });

  it('exports the queue, ids and names masked and the free text left out when masking is on', async () => {
    const { state } = setup();
    await waitFor(() => expect(screen.getByTestId('complaints-queue')).toBeTruthy());
    const header = ['entry', 'id', 'name', 'opened', 'days', 'severity', 'topic', 'channel', 'text', 'value', 'priority'];
    const plain = state.queueCsv(header, false, (t) => t).trim().split(/\r\n/);
    expect(plain[2]).toBe(`T5,13800138000,Li Lei,${isoDate(MAR10 - 6)},6,,staff,Phone,客服态度差,20,240`);
    const masked = state.queueCsv(header, true, (t) => t).trim().split(/\r\n/);
    expect(masked[2]).not.toContain('13800138000');
    expect(masked[2]).not.toContain('Li Lei');
    expect(masked[2]).not.toContain('客服态度差');
    expect(masked[2]).toMatch(/^T5,\S*\*+\S*,L\*+/);
  });
});
