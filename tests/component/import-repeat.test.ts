// The Import page asks, before importing, what to do with a file already imported into the
// target dataset (skip by default, replace that import, or import it anyway), and offers to keep
// lines of orders already in the dataset; both choices reach the engine.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import Import from '../../src/views/Import.svelte';
import { Importer } from '../../src/lib/state/importer.svelte';
import type { BatchRow } from '../../src/lib/db';
import type { FilePreview, ImportResult } from '../../workers/api';
import { datasetRow, fakeDatasets, freshDatabase } from './fakes';

const SHA = 'ab'.repeat(32);
const preview: FilePreview = {
  fileName: 'orders.csv', size: 10, encoding: 'utf-8', encodingReason: 'ascii', delimiter: ',', hasHeader: true,
  columnNames: ['customer_id', 'order_id', 'order_date', 'amount'], rows: [['A', 'O1', '2024-01-01', '5']], kind: 'orders',
  mapping: { customerId: 0, orderId: 1, date: 2, amount: 3, quantity: null, unitPrice: null, returnFlag: null },
  dateOrder: 'ymd', dateAmbiguous: false, signature: 'sig-repeat', problems: [],
};
const result: ImportResult = { committed: false, datasetId: 'ds-1', files: [], replaced: [], reason: 'noRows' };

/** An earlier import of the file (by its hash) into dataset ds-1, as stored. */
const earlier: BatchRow = {
  id: 'b-1', datasetId: 'ds-1', status: 'committed', source: 'orders.csv', createdAt: Date.UTC(2025, 4, 5, 6), committedAt: Date.UTC(2025, 4, 5, 6),
  tables: { orders: { rows: 1234, chunks: 1 } }, files: [{ name: 'orders.csv', size: 10, kind: 'orders', sha256: SHA }],
};

async function setUp(hash: string) {
  const db = freshDatabase('repeat');
  await db.batches.add(earlier);
  const api = { preview: vi.fn(async () => preview), hashFile: vi.fn(async () => hash), importFiles: vi.fn(async () => result) };
  const ws = fakeDatasets(api, { db, datasets: [datasetRow('ds-1', { name: 'Shop' })], current: datasetRow('ds-1', { name: 'Shop' }) });
  const importer = new Importer(ws);
  await importer.add([new File(['x'], 'orders.csv')]);
  importer.target = 'current';
  render(Import, { ws, importer });
  return { api, importer };
}

const sent = (api: Awaited<ReturnType<typeof setUp>>['api']) => (api.importFiles.mock.calls[0] as unknown[])[1] as { ifImported: string; settings: { keepExistingOrders?: boolean } }[];

describe('a file imported before', () => {
  it('is named with its dataset and date, skipped by default, and cannot be imported until another choice is made', async () => {
    const { api } = await setUp(SHA);
    const box = await screen.findByTestId('repeat');
    expect(box.textContent).toContain('This file was already imported into “Shop”');
    const skip = screen.getByRole('radio', { name: /^Skip it/ }) as HTMLInputElement;
    expect(skip.checked).toBe(true);
    expect(screen.getByRole('radio', { name: /^Replace that earlier import: its 1,234 order lines are removed/ })).toBeTruthy();
    expect(screen.getByTestId('all-skipped')).toBeTruthy();
    const start = screen.getByRole('button', { name: 'Import' }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    // nothing to compare order by order: the file is not read at all
    expect(screen.queryByRole('checkbox', { name: /Skip lines of orders/ })).toBeNull();

    await fireEvent.click(screen.getByRole('radio', { name: /^Replace that earlier import/ }));
    expect(screen.queryByTestId('all-skipped')).toBeNull();
    expect(start.disabled).toBe(false);
    await fireEvent.click(start);
    await vi.waitFor(() => expect(api.importFiles).toHaveBeenCalled());
    expect(sent(api)[0].ifImported).toBe('replace');
    expect((api.importFiles.mock.calls[0] as unknown[])[2]).toEqual({ datasetId: 'ds-1' });
  });

  it('"import anyway" is sent as such', async () => {
    const { api } = await setUp(SHA);
    await fireEvent.click(await screen.findByRole('radio', { name: /^Import it anyway/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await vi.waitFor(() => expect(api.importFiles).toHaveBeenCalled());
    expect(sent(api)[0].ifImported).toBe('anyway');
  });

  it('into a new dataset, is only mentioned (a separate copy is no doubling)', async () => {
    const { importer } = await setUp(SHA);
    importer.target = 'new';
    expect((await screen.findByTestId('seen-elsewhere')).textContent).toContain('This file is already in the dataset “Shop”');
    expect(screen.queryByTestId('repeat')).toBeNull();
  });
});

describe('a new file into the current dataset', () => {
  it('skips lines of orders already there by default; unticking keeps them', async () => {
    const { api } = await setUp('cd'.repeat(32));
    expect(screen.queryByTestId('repeat')).toBeNull();
    const skip = (await screen.findByRole('checkbox', { name: 'Skip lines of orders already in the dataset' })) as HTMLInputElement;
    expect(skip.checked).toBe(true);
    await fireEvent.click(skip);
    await fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await vi.waitFor(() => expect(api.importFiles).toHaveBeenCalled());
    expect(sent(api)[0]).toMatchObject({ ifImported: 'skip', settings: { keepExistingOrders: true } });
  });
});
