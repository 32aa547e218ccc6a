// Feedback kept by hand on the customer's page: adding an entry (checked in words first, in both
// languages), marking a complaint resolved with a note, deleting an entry added by hand after a
// confirmation — each through the engine's saveInteraction, the page reading the customer again
// after each save — and the customer's referrer and the customers they referred.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import CustomerDetail from '../../../src/views/CustomerDetail.svelte';
import { InteractionEditor } from '../../../src/lib/state/voice/edits.svelte';
import { i18n } from '../../../src/lib/i18n/i18n.svelte';
import { privacy } from '../../../src/lib/state/privacy.svelte';
import { isoDate, NO_DAY, parseIsoDay } from '../../../src/lib/domain';
import type { CustomerDetail as Detail, InteractionEntry, InteractionSave } from '../../../workers/api';
import { fakeEngine, freshDatabase } from '../fakes';

const day = (iso: string) => parseIsoDay(iso)!;
const open: InteractionEntry = {
  entryId: 'T-2', customerId: 'C1', day: day('2025-11-15'), kind: 'complaint', channel: 'Phone', topic: 'Delivery', severity: 3,
  resolved: 0, resolvedDay: NO_DAY, text: 'Late', added: false, note: '',
};
const hand: InteractionEntry = {
  entryId: 'hand-1', customerId: 'C1', day: day('2025-11-01'), kind: 'praise', channel: 'Store', topic: '', severity: 0,
  resolved: 0, resolvedDay: NO_DAY, text: 'Friendly staff', added: true, note: '',
};
const base: Detail = {
  row: { id: 'C1', name: 'Wang Fang', gender: '', age: null, city: '', province: '', channel: '', signup: null, orders: 1, net: 10, firstOrder: 19_000, lastOrder: 19_000 },
  usualGapDays: null, rhythmRisk: null, simple: null, model: null, valueModel: null, segment: null, birthDay: null, acquisitionCost: null, returns: 0,
  lines: [], surveys: [], interactions: [open, hand],
  referrals: {
    referredBy: { id: 'R9', name: 'Li Lei', known: true },
    referred: [{ id: 'C7', name: 'Zhao Min', net: 300, clv: null }, { id: 'C8', name: '', net: 120.5, clv: null }], net: 420.5, clv: null,
  },
};

function show(detail: Detail = base, saved: (s: InteractionSave) => InteractionEntry | null = () => open) {
  let current = detail;
  const customer = vi.fn(async () => current);
  const saveInteraction = vi.fn(async (_id: string, s: InteractionSave) => saved(s));
  const api = { customer, saveInteraction, pseudonymStatus: vi.fn(async () => ({ key: false, mappings: [] })) };
  const ws = {
    db: freshDatabase('entries'), engine: fakeEngine(api), current: null, currentId: 'ds-1', currentDatasetId: 'ds-1', revision: {},
    datasets: [], select: vi.fn(async () => undefined), forget: vi.fn(async () => false),
  };
  const editor = new InteractionEditor(ws);
  render(CustomerDetail, { ws, customerId: 'C1', editor });
  return { customer, saveInteraction, editor, next: (d: Detail) => (current = d) };
}

afterEach(() => {
  cleanup();
  i18n.locale = 'en';
  privacy.mask = false;
});

const now = new Date();
const todayIso = isoDate(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 86_400_000);

describe('adding feedback on the customer’s page', () => {
  it('opens a form dated today, checks the dates in words, and saves a new entry with every field', async () => {
    const { saveInteraction, customer } = show();
    await fireEvent.click(await screen.findByTestId('entry-add'));
    const form = screen.getByTestId('entry-form');
    expect((within(form).getByTestId('entry-day') as HTMLInputElement).value).toBe(todayIso);
    // the first field has the focus (keyboard users type straight away)
    expect(document.activeElement).toBe(within(form).getByTestId('entry-channel'));

    await fireEvent.input(within(form).getByTestId('entry-day'), { target: { value: '' } });
    await fireEvent.submit(form);
    expect(within(form).getByRole('alert').textContent).toBe('Enter the date it was received as a full date (year, month, day).');
    expect(within(form).getByTestId('entry-day').getAttribute('aria-invalid')).toBe('true');
    expect(saveInteraction).not.toHaveBeenCalled();

    await fireEvent.input(within(form).getByTestId('entry-day'), { target: { value: '2025-11-20' } });
    await fireEvent.change(within(form).getByTestId('entry-status'), { target: { value: 'resolved' } });
    await fireEvent.input(within(form).getByTestId('entry-resolved-day'), { target: { value: '2025-11-19' } });
    await fireEvent.submit(form);
    expect(within(form).getByRole('alert').textContent).toBe('The resolved date is before the date it was received: correct one of them.');
    expect(saveInteraction).not.toHaveBeenCalled();

    await fireEvent.input(within(form).getByTestId('entry-resolved-day'), { target: { value: '2025-11-21' } });
    await fireEvent.change(within(form).getByTestId('entry-kind'), { target: { value: 'suggestion' } });
    await fireEvent.input(within(form).getByTestId('entry-channel'), { target: { value: ' Phone ' } });
    await fireEvent.input(within(form).getByTestId('entry-topic'), { target: { value: 'Sizes' } });
    await fireEvent.change(within(form).getByTestId('entry-severity'), { target: { value: '2' } });
    await fireEvent.input(within(form).getByTestId('entry-text'), { target: { value: 'More sizes please' } });
    const loads = customer.mock.calls.length;
    await fireEvent.submit(form);
    await waitFor(() => expect(saveInteraction).toHaveBeenCalledTimes(1));
    expect(saveInteraction.mock.calls[0]).toEqual(['ds-1', {
      customerId: 'C1', note: undefined,
      fields: {
        customerId: 'C1', day: day('2025-11-20'), kind: 'suggestion', channel: 'Phone', topic: 'Sizes', severity: 2, resolved: 1,
        resolvedDay: day('2025-11-21'), text: 'More sizes please',
      },
    }]);
    // the page reads the customer again, the form closes and says so
    await waitFor(() => expect(customer.mock.calls.length).toBe(loads + 1));
    expect(screen.queryByTestId('entry-form')).toBeNull();
    expect(screen.getByTestId('entry-done').textContent).toBe('Saved: the Voice page counts it now.');
  });

  it('in Chinese, a date in the future is refused in words; Escape closes the form', async () => {
    i18n.locale = 'zh';
    show();
    await fireEvent.click(await screen.findByTestId('entry-add'));
    const form = screen.getByTestId('entry-form');
    await fireEvent.input(within(form).getByTestId('entry-day'), { target: { value: '2999-01-01' } });
    await fireEvent.submit(form);
    expect(within(form).getByRole('alert').textContent).toBe('收到日期晚于今天。');
    await fireEvent.keyDown(form, { key: 'Escape' });
    expect(screen.queryByTestId('entry-form')).toBeNull();
  });

  it('shows the engine’s refusal in words and keeps the form', async () => {
    const { editor } = show(base, () => {
      throw { code: 'voice.interactionCustomer', params: { id: 'C1' } };
    });
    await fireEvent.click(await screen.findByTestId('entry-add'));
    await fireEvent.submit(screen.getByTestId('entry-form'));
    expect((await screen.findByTestId('entry-error')).textContent).toContain('This dataset has no customer “C1”');
    expect(editor.version).toBe(0);
    expect(screen.getByTestId('entry-form')).toBeTruthy();
  });
});

describe('changing an entry', () => {
  it('Mark resolved opens the entry on its note with the status resolved today, and saves only what changed', async () => {
    const { saveInteraction } = show();
    const row = (await screen.findAllByRole('row')).find((r) => r.textContent!.includes('Late'))!;
    await fireEvent.click(within(row).getByRole('button', { name: /Mark resolved/ }));
    const form = screen.getByTestId('entry-form');
    expect((within(form).getByTestId('entry-status') as HTMLSelectElement).value).toBe('resolved');
    expect((within(form).getByTestId('entry-resolved-day') as HTMLInputElement).value).toBe(todayIso);
    expect(document.activeElement).toBe(within(form).getByTestId('entry-note'));
    await fireEvent.input(within(form).getByTestId('entry-note'), { target: { value: 'Refunded the shipping' } });
    await fireEvent.submit(form);
    await waitFor(() => expect(saveInteraction).toHaveBeenCalledTimes(1));
    expect(saveInteraction.mock.calls[0][1]).toEqual({
      entryId: 'T-2', customerId: 'C1', fields: { resolved: 1, resolvedDay: day(todayIso) }, note: 'Refunded the shipping',
    });
  });

  it('deletes only an entry added by hand, after a confirmation', async () => {
    const { saveInteraction } = show(base, () => null);
    const rows = await screen.findAllByRole('row');
    const imported = rows.find((r) => r.textContent!.includes('Late'))!;
    expect(within(imported).queryByRole('button', { name: /Delete/ })).toBeNull();
    const added = rows.find((r) => r.textContent!.includes('Friendly staff'))!;
    expect(added.textContent).toContain('added by hand');
    await fireEvent.click(within(added).getByRole('button', { name: /Delete/ }));
    const dialog = screen.getAllByRole('dialog', { hidden: true }).find((d) => d.textContent!.includes('Delete this entry?'))!;
    expect(dialog.textContent).toContain('The Praise of 11/01/2025, added by hand, is removed for good');
    expect(saveInteraction).not.toHaveBeenCalled();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Delete', hidden: true }));
    await waitFor(() => expect(saveInteraction).toHaveBeenCalledWith('ds-1', { entryId: 'hand-1', customerId: 'C1', fields: {}, deleted: true }));
  });
});

describe('referrals on the customer’s page', () => {
  it('links the referrer and lists the customers they referred with their net revenue; masked when masking is on', async () => {
    show();
    const by = await screen.findByTestId('referred-by');
    expect(by.textContent!.trim()).toBe('R9 · Li Lei');
    expect(by.querySelector('a')!.getAttribute('href')).toContain('R9');
    expect(screen.getByTestId('referred-total').textContent!.trim()).toBe('Referred: 2 · their net revenue CN¥420.50');
    const rows = [...screen.getByTestId('referred').querySelectorAll('tbody tr')].map((r) => r.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows).toEqual(['C7Zhao MinCN¥300.00', 'C8—CN¥120.50']);
    privacy.mask = true;
    await waitFor(() => expect(screen.getByTestId('referred-by').textContent).not.toContain('Li Lei'));
  });

  it('says so when nobody referred them and they referred nobody', async () => {
    show({ ...base, referrals: { referredBy: null, referred: [], net: 0, clv: null } });
    expect((await screen.findByTestId('referred-by')).textContent!.trim()).toBe('Nobody (no referrer in the customers file).');
    expect(screen.getByTestId('referred-total').textContent!.trim()).toBe('They have not referred anyone.');
    expect(screen.queryByTestId('referred')).toBeNull();
  });
});
