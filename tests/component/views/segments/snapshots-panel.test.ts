import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import SnapshotsPanel from '../../../../src/views/segments/SnapshotsPanel.svelte';
import { SegmentsState } from '../../../../src/lib/state/segments.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import { dayFromCivil, LIFECYCLE_STAGES, migrationMatrix, OTHERS_SEGMENT, RFM11_RULES, RFM8_KEYS } from '../../../../src/lib/domain';
import { readSnapshot, saveSnapshot } from '../../../../src/lib/db';
import { fakeContext, freshDatabase } from '../../fakes';

/** The engine's key order: every key the app knows, so most rows and columns of one pair are empty. */
const ORDER = [...RFM11_RULES.map((r) => r.key), OTHERS_SEGMENT, ...RFM8_KEYS, ...LIFECYCLE_STAGES];
const ids = ['a', 'b', 'c', 'd', 'e'];

async function setUp() {
  const db = freshDatabase('snapshots-panel');
  const save = (scheme: string, label: string, createdAt: number, segments: string[], asOfDay?: number) =>
    saveSnapshot(db, { datasetId: 'd', scheme, label, auto: false, createdAt, ...(asOfDay === undefined ? {} : { asOfDay }) }, ids, segments);
  const january = await save('lifecycle', 'January', 1_000, ['prospect', 'new', 'new', 'repeat', ''], dayFromCivil(2025, 1, 31));
  const rfm = await save('rfm11', 'RFM', 2_000, ['champions', 'lost', 'lost', 'at_risk', 'champions'], dayFromCivil(2025, 3, 31));
  const june = await save('lifecycle', 'June', 3_000, ['new', 'repeat', 'loyal', 'at_risk', 'new'], dayFromCivil(2025, 6, 30));
  const api = {
    compareSnapshots: vi.fn(async (fromId: string, toId: string) => migrationMatrix((await readSnapshot(db, fromId))!, (await readSnapshot(db, toId))!, { order: ORDER })),
    migrationMembers: vi.fn(async () => ['b']),
  };
  const segs = new SegmentsState(fakeContext(api, { db }));
  await segs.setMode('snapshots');
  render(SnapshotsPanel, { segs });
  return { api, segs, january, rfm, june };
}

const options = (select: HTMLElement) => Array.from((select as HTMLSelectElement).options, (o) => o.value);

describe('Snapshots: comparing two snapshots of the same segments', () => {
  it('shows the day each snapshot’s segments are as of', async () => {
    await setUp();
    const list = within(screen.getByTestId('snapshot-list'));
    expect(list.getByRole('columnheader', { name: 'Segments as of' })).toBeTruthy();
    expect(list.getByText('2025-06-30')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'From' }).textContent).toContain('as of 2025-01-31');
  });

  it('offers as second snapshot only those of the first one’s scheme, and says why', async () => {
    const { january, rfm, june } = await setUp();
    const from = screen.getByRole('combobox', { name: 'From' });
    expect(options(from)).toEqual([june.id, rfm.id, january.id]);
    // the newest pair of one scheme is picked first
    expect((from as HTMLSelectElement).value).toBe(january.id);
    expect(options(screen.getByRole('combobox', { name: 'To' }))).toEqual([june.id]);
    expect(screen.getByTestId('same-scheme').textContent).toContain('Only snapshots of the same segments (lifecycle stages) can be compared');
    // an RFM snapshot has no other of its scheme: nothing to compare it with
    await fireEvent.change(from, { target: { value: rfm.id } });
    expect(screen.queryByRole('combobox', { name: 'To' })).toBeNull();
    expect(screen.getByTestId('same-scheme').textContent).toContain('There is no other snapshot of RFM, 11 segments yet');
    expect((screen.getByRole('button', { name: 'Compare' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows only the rows and columns with customers, every label in words', async () => {
    const { api, january, june } = await setUp();
    await fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    expect(api.compareSnapshots).toHaveBeenCalledWith(january.id, june.id);
    const matrix = within(await waitFor(() => screen.getByTestId('migration-matrix')));
    const columns = matrix.getAllByRole('columnheader').map((th) => th.textContent?.trim()).slice(1);
    const rows = matrix.getAllByRole('rowheader').map((th) => th.textContent?.trim());
    // e was in no stage in January (unlabelled): new by June; nobody is gone
    expect(rows).toEqual(['Prospect', 'New', 'Repeat', 'New (not in the earlier snapshot)']);
    expect(columns).toEqual(['New', 'Repeat', 'Loyal', 'At risk']);
    const text = screen.getByTestId('migration-matrix').textContent ?? '';
    for (const raw of ['prospect', 'seg.', 'stage.', 'champions', 'Champions', 'Gone']) expect(text).not.toContain(raw);
    i18n.locale = 'zh';
    flushSync();
    const zhRows = within(screen.getByTestId('migration-matrix')).getAllByRole('rowheader').map((th) => th.textContent?.trim());
    expect(zhRows.slice(0, 3)).toEqual(['潜在客户', '新客户', '复购客户']);
  });
});

describe('Snapshots: a matrix belongs to the pair picked', () => {
  it('is no longer shown once another first snapshot is picked', async () => {
    const { rfm } = await setUp();
    await fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    await waitFor(() => screen.getByTestId('migration-matrix'));
    await fireEvent.change(screen.getByRole('combobox', { name: 'From' }), { target: { value: rfm.id } });
    expect(screen.queryByTestId('migration-matrix')).toBeNull();
  });
});
