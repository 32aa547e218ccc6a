// The actions section as a user sees it: the empty state, starting from a segment or all
// customers, the form's errors on broken and hostile input (in both languages, nothing typed lost,
// nothing created), a created action with its read-out and verdict, the treated list exported
// (masked when asked, formula-injection safe, never the control), delete with undo, the list CSV.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import ActionsSection from '../../../../src/views/act/ActionsSection.svelte';
import { ActionsState } from '../../../../src/lib/state/act/actions.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import { privacy } from '../../../../src/lib/state/privacy.svelte';
import { parseIsoDay, readout } from '../../../../src/lib/domain';
import { saveAction, type WorkbenchDB } from '../../../../src/lib/db';
import type { Action } from '../../../../src/lib/domain/act/action';
import type { ActionReadout, CreateActionRequest, EngineApi } from '../../../../workers/api';
import { datasetRow, fakeContext, freshDatabase, rfmHandle, rfmResult } from '../../fakes';

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

const DAY = parseIsoDay('2026-01-05')!;
// the example: control 1,000 customers, 81 converted (8.1%); treated 9,000, 1,026 (11.4%);
// each converter spent 100 (sum 100 × conversions, sum of squares 100² × conversions)
const CONTROL = { n: 1000, conversions: 81, sum: 8100, sumSquares: 810_000 };
const TREATED = { n: 9000, conversions: 1026, sum: 102_600, sumSquares: 10_260_000 };
const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

async function setUp() {
  const db: WorkbenchDB = freshDatabase('actions');
  await db.datasets.put(datasetRow('d'));
  const created: CreateActionRequest[] = [];
  const handle = rfmHandle({ monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean' });
  const api: Partial<EngineApi> = {
    rfm: async () => rfmResult(handle, ['champions', 'at_risk']),
    actionSourceSize: async () => ({ customers: 2000 }),
    createAction: async (_job, datasetId, request) => {
      created.push(request);
      const action: Action = {
        ...request.draft, id: `act_${created.length}`, datasetId, status: 'planned', seed: 'abc', source: request.source as never, window: 30,
        sizes: { treated: 1800, control: 200 }, createdAt: created.length, updatedAt: created.length,
      };
      await saveAction(db, action, { customerIds: ['C1', 'C2'], control: Uint8Array.of(0, 1) });
      return action;
    },
    actionReadout: async (_job, _d, actionId, options): Promise<ActionReadout> => ({
      actionId, day: DAY, window: options?.window ?? 30, end: DAY + (options?.window ?? 30), lastOrderDay: DAY + 40, complete: true,
      treated: TREATED, control: CONTROL, missing: 3, notice: null, readout: readout(CONTROL, TREATED, { cost: 2700, plannedControlShare: 0.1 }),
    }),
    actionContacts: async () => ({
      customers: [{ id: '13800138000', name: '=HYPERLINK("x")', city: '杭州', channel: 'app' }, { id: 'C0002', name: 'Han Meimei', city: '', channel: '' }],
      leftOut: 4, withoutConsent: 4, hasConsent: true,
    }),
  };
  const state = new ActionsState(fakeContext(api, { db }));
  render(ActionsSection, { props: { state, currency: 'CNY' } });
  return { db, state, created };
}

describe('the actions section', () => {
  it('says what to do when there is no action, and starts one from a segment of RFM with its size', async () => {
    await setUp();
    expect((await screen.findByTestId('actions-empty')).textContent).toContain('No actions yet');
    const segment = screen.getByLabelText('Segment');
    await waitFor(() => expect(within(segment).getAllByRole('option').length).toBe(3));
    await fireEvent.change(segment, { target: { value: 'at_risk' } });
    await fireEvent.click(screen.getByRole('button', { name: 'New action for this segment' }));
    const form = await screen.findByTestId('action-form');
    expect(within(form).getByTestId('action-form-source').textContent).toContain('At risk (RFM segments)');
    await waitFor(() => expect(within(form).getByTestId('action-form-size').textContent).toContain('2,000 customers now: about 200 held back as control, 1,800 to contact.'));
    // an at-risk segment is a win-back by default; its name is suggested
    expect((within(form).getByLabelText('Type') as HTMLSelectElement).value).toBe('winback');
    expect(within(form).getByLabelText('Name').getAttribute('placeholder')).toBe('e.g. At risk');
  });

  it('refuses broken and hostile input with clear errors in both languages, keeps what was typed, creates nothing', async () => {
    const { created } = await setUp();
    await fireEvent.click(await screen.findByRole('button', { name: 'New action for all customers' }));
    const form = await screen.findByTestId('action-form');
    await fireEvent.input(within(form).getByLabelText('Name'), { target: { value: 'x'.repeat(121) } });
    await fireEvent.input(within(form).getByLabelText('Cost per contact (CNY)'), { target: { value: '=1+1' } });
    await fireEvent.input(within(form).getByLabelText('Control group (%)'), { target: { value: '-5' } });
    await fireEvent.input(within(form).getByLabelText('Date'), { target: { value: '' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Create action' }));
    await waitFor(() => expect(form.textContent).toContain('Please correct the fields marked below.'));
    expect(form.textContent).toContain('The name is too long (at most 120 characters).');
    expect(form.textContent).toContain('The cost per contact must be a number, 0 or more');
    expect(form.textContent).toContain('The control group must be between 0% and 50%.');
    expect(form.textContent).toContain('Enter a valid date');
    expect((within(form).getByLabelText('Cost per contact (CNY)') as HTMLInputElement).value).toBe('=1+1');
    expect(within(form).getByLabelText('Cost per contact (CNY)').getAttribute('aria-invalid')).toBe('true');
    i18n.locale = 'zh';
    await waitFor(() => expect(form.textContent).toContain('每次触达成本须为不小于 0 的数字'));
    expect(form.textContent).toContain('对照组比例须在 0% 到 50% 之间。');
    expect(created).toEqual([]);
  });

  it('creates an action (the source in words as the name when none is typed) and shows its read-out, verdict and warnings', async () => {
    const { created } = await setUp();
    await fireEvent.click(await screen.findByRole('button', { name: 'New action for all customers' }));
    const form = await screen.findByTestId('action-form');
    await fireEvent.change(within(form).getByLabelText('Type'), { target: { value: 'winback' } });
    await fireEvent.input(within(form).getByLabelText('Date'), { target: { value: '2026-01-05' } });
    await fireEvent.input(within(form).getByLabelText('Cost per contact (CNY)'), { target: { value: '1,5' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Create action' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0].draft).toMatchObject({ name: 'All customers', type: 'winback', day: DAY, costPerContact: 1.5, controlShare: 0.1 });
    expect(created[0].source).toEqual({ kind: 'all' });
    const item = await screen.findByTestId('action-item');
    expect(screen.getByTestId('action-created').textContent).toContain('Action “All customers” created: 1,800 to contact, 200 in the control group.');
    expect(text(item)).toContain('Win-back · SMS · 01/05/2026 · All customers');
    expect(text(within(item).getByTestId('action-sizes'))).toContain('1,800 treated · 200 control (10%) · Cost CN¥2,700.00 (CN¥1.50 per contact)');
    // control 8.1% → treated 11.4% as in the example sentence
    await waitFor(() => expect(within(item).getByTestId('action-readout-act_1-verdict').textContent).toMatch(/All customers lifted 30-day repurchase from 8\.1% to 11\.4%/));
    expect(within(item).getByTestId('action-missing').textContent).toContain('3 of the action’s customers are no longer in the dataset');
    expect(within(item).getByTestId('action-range').textContent).toContain('Orders from 01/05/2026 to 02/03/2026.');
    i18n.locale = 'zh';
    await waitFor(() => expect(within(item).getByTestId('action-readout-act_1-verdict').textContent).toMatch(/将 30 天复购率从 8\.1% 提高到 11\.4%/));
  });

  it('exports the treated customers masked when asked, formula-injection safe; deletes with confirmation and undoes; exports the list', async () => {
    const { state } = await setUp();
    state.draft({ kind: 'all' });
    state.form.name = 'VIP 关怀';
    state.form.day = '2026-01-05';
    await state.create();
    const item = await screen.findByTestId('action-item');
    await waitFor(() => expect(within(item).getByTestId('action-export-left-out').textContent).toContain('4 customers without marketing consent'));
    expect(text(item)).toContain('the control group (200) stays on this device');
    privacy.mask = true;
    await fireEvent.click(within(item).getByRole('button', { name: 'Export treated customers (CSV)' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const lines = downloads[0].text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('customer_id,name,city,channel,action');
    expect(lines).toHaveLength(3);
    expect(lines[1]).not.toContain('13800138000');
    expect(lines[1]).toMatch(/^\*+8000,/);
    // a name starting with = cannot become a formula in a spreadsheet
    expect(lines[1]).not.toMatch(/,=/);
    expect(downloads[0].name).toBe('action-treated-VIP-关怀.csv');

    await fireEvent.click(screen.getByRole('button', { name: 'Export actions (CSV)' }));
    await waitFor(() => expect(downloads).toHaveLength(2));
    const list = downloads[1].text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(list[0]).toBe('Action,Type,Date,Status,Channel,Owner,Customers,Offer,Treated,Control,Control share,Cost,Window (days),Treated conversion,Control conversion,Incremental revenue − cost');
    expect(list[1]).toMatch(/^VIP 关怀,Other,2026-01-05,Planned,SMS,,All customers,,1800,200,0\.1,0,30,0\.114,0\.081,/);

    await fireEvent.change(within(item).getByLabelText('Status of VIP 关怀'), { target: { value: 'running' } });
    await waitFor(() => expect(state.actions[0].status).toBe('running'));
    await fireEvent.click(within(item).getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('Delete “VIP 关怀”? Its control group and read-out go with it.');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByTestId('action-item')).toBeNull());
    expect(screen.getByTestId('action-deleted').textContent).toContain('“VIP 关怀” deleted.');
    await fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.getByTestId('action-item').textContent).toContain('VIP 关怀'));
    expect(state.actions[0].status).toBe('running');
  });
});
