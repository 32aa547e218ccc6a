import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import Import from '../../src/views/Import.svelte';
import PrivacySection from '../../src/views/PrivacySection.svelte';
import CustomerDetail from '../../src/views/CustomerDetail.svelte';
import { Importer } from '../../src/lib/state/importer.svelte';
import { privacy } from '../../src/lib/state/privacy.svelte';
import { openDatabase, type DatasetRow, type SnapshotRow } from '../../src/lib/db';
import type { CustomerDetail as Detail, FilePreview, ImportResult, PseudonymStatus } from '../../workers/api';
import { datasetRow, fakeEngine, freshDatabase } from './fakes';

const preview: FilePreview = {
  fileName: 'orders.csv', size: 10, encoding: 'utf-8', encodingReason: 'ascii', delimiter: ',', hasHeader: true,
  columnNames: ['customer_id', 'order_date', 'amount'], rows: [['13800138000', '2024-01-01', '5']], kind: 'orders',
  mapping: { customerId: 0, orderId: null, date: 1, amount: 2, quantity: null, unitPrice: null, returnFlag: null },
  dateOrder: 'ymd', dateAmbiguous: false, signature: 'sig-pseudo', problems: [],
};

const result: ImportResult = {
  committed: true, datasetId: 'ds-1', pseudonymised: { ids: 1, names: 0, keptMapping: false },
  replaced: [],
  files: [{ fileName: 'orders.csv', kind: 'orders', encoding: 'utf-8', rejects: [], columnNames: ['customer_id', 'order_date', 'amount'], sha256: 'a'.repeat(64), outcome: 'imported', earlier: [], stats: {
    rows: 1, accepted: 1, rejected: 0, returns: 0, duplicates: 0, duplicatesDropped: 0, existing: 0, existingSkipped: 0, customers: 1, rejectedBy: {}, orderIds: 0, orders: 1,
    amount: 5, minDay: 0, maxDay: 0,
  } }],
};

function fakeWorkspace(status: PseudonymStatus = { key: false, mappings: [] }) {
  const api = {
    preview: vi.fn(async () => preview),
    hashFile: vi.fn(async () => 'a'.repeat(64)),
    importFiles: vi.fn(async () => result),
    snapshotAfterImport: vi.fn(async (): Promise<SnapshotRow> => ({ id: 's', datasetId: 'ds-1', createdAt: 1, scheme: 'rfm11', label: '', auto: true, counts: {} })),
    pseudonymStatus: vi.fn(async () => status),
    pseudonymIdentity: vi.fn(async () => ({ id: '13800138000', name: '王文博' })),
    discardPseudonymMapping: vi.fn(async () => undefined),
    customer: vi.fn(async (): Promise<Detail | null> => null),
  };
  // just what the views and state classes here read from the workspace
  const ws = {
    db: freshDatabase('pseudo'), engine: fakeEngine(api), current: null as DatasetRow | null, currentId: 'ds-1',
    currentDatasetId: 'ds-1', revision: {}, datasets: [datasetRow('ds-1', { name: 'Shop' })],
    select: vi.fn(async () => undefined), forget: vi.fn(async () => false),
  };
  const storage = { inventory: vi.fn(async () => ({ datasets: [], settings: 0 })) };
  return { ws, api, storage };
}

describe('pseudonymise on the Import page', () => {
  it('is off by default; when ticked, the import asks for it with the mapping choice', async () => {
    const { ws, api } = fakeWorkspace();
    const importer = new Importer({ ...ws, db: openDatabase('pseudo-component-1') });
    await importer.add([new File(['x'], 'orders.csv')]);
    render(Import, { ws, importer });

    const box = screen.getByRole('checkbox', { name: 'Pseudonymise personal data' }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(screen.getByText(/analysis works the same/)).toBeTruthy();
    expect(screen.queryByRole('radio', { name: /Keep the mapping/ })).toBeNull();

    await fireEvent.click(box);
    const keep = screen.getByRole('radio', { name: /Keep the mapping/ }) as HTMLInputElement;
    expect(keep.checked).toBe(true);
    await fireEvent.click(screen.getByRole('radio', { name: /Do not keep the mapping/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Import' }));

    await vi.waitFor(() => expect(api.importFiles).toHaveBeenCalled());
    const target = (api.importFiles.mock.calls[0] as unknown[])[2];
    expect(target).toMatchObject({ newDataset: { name: 'orders' }, pseudonymise: { keepMapping: false } });
    expect((await screen.findByTestId('pseudonymised')).textContent).toContain('1 customer ids and 0 names were replaced by codes');
  });

  it('sends no pseudonymise option when the box stays unticked', async () => {
    const { ws, api } = fakeWorkspace();
    const importer = new Importer({ ...ws, db: openDatabase('pseudo-component-2') });
    await importer.add([new File(['x'], 'orders.csv')]);
    await importer.run();
    expect((api.importFiles.mock.calls[0] as unknown[])[2]).not.toHaveProperty('pseudonymise');
  });
});

describe('adding to a pseudonymised dataset', () => {
  it('pseudonymises by default, and warns when the box is unticked', async () => {
    const { ws, api } = fakeWorkspace();
    ws.current = datasetRow('ds-1', { name: 'Shop', pseudonymised: true });
    const importer = new Importer({ ...ws, db: openDatabase('pseudo-component-3') });
    await importer.add([new File(['x'], 'orders.csv')]);
    importer.target = 'current';
    render(Import, { ws, importer });
    const box = screen.getByRole('checkbox', { name: 'Pseudonymise personal data' }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(screen.queryByTestId('mixes-identities')).toBeNull();
    await fireEvent.click(box);
    expect(screen.getByTestId('mixes-identities').textContent).toContain('would add real names');
    await fireEvent.click(box);
    await fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await vi.waitFor(() => expect(api.importFiles).toHaveBeenCalled());
    expect((api.importFiles.mock.calls[0] as unknown[])[2]).toMatchObject({ datasetId: 'ds-1', pseudonymise: { keepMapping: true } });
  });
});

describe('pseudonyms in Data & storage', () => {
  it('says a key exists, lists the kept mapping and discards it after confirmation', async () => {
    const { ws, api, storage } = fakeWorkspace({ key: true, mappings: [{ datasetId: 'ds-1', customers: 3 }, { datasetId: 'gone', customers: 1 }] });
    render(PrivacySection, { ws, storage });
    const box = await screen.findByTestId('pseudonyms');
    expect(box.textContent).toContain('A pseudonymisation key exists on this device');
    expect(box.textContent).toContain('Shop: the mapping of 3 customers is kept on this device.');
    expect(box.textContent).toContain('a deleted dataset (gone)');

    await fireEvent.click(screen.getAllByRole('button', { name: 'Discard the mapping' })[0]);
    expect(api.discardPseudonymMapping).not.toHaveBeenCalled();
    expect(screen.getByText('Discard the mapping of “Shop”?')).toBeTruthy();
    const dialog = document.querySelector('dialog')!;
    await fireEvent.click(Array.from(dialog.querySelectorAll('button')).find((b) => b.textContent === 'Discard the mapping')!);
    await vi.waitFor(() => expect(api.discardPseudonymMapping).toHaveBeenCalledWith('ds-1'));
  });
});

describe('identity on the customer detail', () => {
  const detail: Detail = {
    row: { id: 'P-0123456789abcdef', name: 'N-0123456789ab', gender: '', age: null, city: '', province: '', channel: '', signup: null, orders: 0, net: 0, firstOrder: null, lastOrder: null },
    usualGapDays: null, rhythmRisk: null, simple: null, model: null, valueModel: null, segment: null, birthDay: null, acquisitionCost: null, returns: 0, lines: [], surveys: [], interactions: [],
  };

  it('shows the original identity on request when a mapping is kept, never while masking', async () => {
    const { ws, api } = fakeWorkspace({ key: true, mappings: [{ datasetId: 'ds-1', customers: 1 }] });
    api.customer.mockResolvedValue(detail);
    privacy.mask = false;
    render(CustomerDetail, { ws, customerId: detail.row.id });
    const show = await screen.findByRole('button', { name: 'Show identity' });
    expect(document.body.textContent).not.toContain('王文博');
    await fireEvent.click(show);
    await vi.waitFor(() => expect(document.body.textContent).toContain('王文博'));
    expect(api.pseudonymIdentity).toHaveBeenCalledWith('ds-1', detail.row.id);
    expect(document.body.textContent).toContain('13800138000');

    privacy.mask = true;
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: /identity/ })).toBeNull());
    expect(document.body.textContent).not.toContain('王文博');
    privacy.mask = false;
  });

  it('offers nothing when no mapping is kept for the dataset', async () => {
    const { ws, api } = fakeWorkspace({ key: true, mappings: [] });
    api.customer.mockResolvedValue(detail);
    render(CustomerDetail, { ws, customerId: detail.row.id });
    await screen.findByText(/P-0123456789abcdef/);
    expect(screen.queryByRole('button', { name: 'Show identity' })).toBeNull();
  });
});
