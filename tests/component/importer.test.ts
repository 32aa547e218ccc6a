import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { Importer } from '../../src/lib/state/importer.svelte';
import { openDatabase, setSetting, type WorkbenchDB } from '../../src/lib/db';
import type { FilePreview } from '../../workers/api';
import { fakeDatasets } from './fakes';

const preview = (over: Partial<FilePreview> = {}): FilePreview => ({
  fileName: 'orders.csv', size: 10, encoding: 'utf-8', encodingReason: 'ascii', delimiter: ',', hasHeader: true,
  columnNames: ['buyer', 'when', 'paid', 'memo'], rows: [['a', '2024-01-01', '5', 'x']], kind: 'orders',
  mapping: { customerId: null, orderId: null, date: 1, amount: 2, quantity: null, unitPrice: null, returnFlag: null },
  dateOrder: 'ymd', dateAmbiguous: false, signature: 'sig-1', problems: [], ...over,
});

function importer(p: FilePreview, db: WorkbenchDB) {
  return new Importer(fakeDatasets({ preview: vi.fn(async () => p), hashFile: vi.fn(async () => 'f'.repeat(64)), importFiles: vi.fn() }, { db }));
}

describe('Importer', () => {
  it('blocks the import until required columns are mapped, naming them', async () => {
    const db = openDatabase('importer-1');
    const imp = importer(preview(), db);
    await imp.add([new File(['x'], 'orders.csv')]);
    const [f] = imp.files;
    expect(imp.problems(f)).toEqual([{ code: 'import.missingColumns', params: { fields: 'customerId' } }]);
    expect(imp.ready).toBe(false);
    imp.setMapping(f.key, 'customerId', 0);
    expect(imp.problems(imp.files[0])).toEqual([]);
    expect(imp.ready).toBe(true);
    expect(imp.newName).toBe('orders');
  });

  it('gives a column to one field only', async () => {
    const imp = importer(preview(), openDatabase('importer-2'));
    await imp.add([new File(['x'], 'o.csv')]);
    imp.setMapping(imp.files[0].key, 'orderId', 2); // column 2 was the amount
    expect(imp.files[0].settings.mapping).toMatchObject({ orderId: 2, amount: null });
  });

  it('applies the mapping remembered for the same header, ignoring columns that no longer exist', async () => {
    const db = openDatabase('importer-3');
    await setSetting(db, 'mapping:sig-1', { customerId: 0, orderId: 3, amount: 9 });
    const imp = importer(preview(), db);
    await imp.add([new File(['x'], 'o.csv')]);
    expect(imp.files[0].settings.mapping).toMatchObject({ customerId: 0, orderId: 3, amount: 2, date: 1 });
  });

  it('shows problems of the file itself, such as a binary file', async () => {
    const imp = importer(preview({ columnNames: [], problems: [{ code: 'import.binary' }] }), openDatabase('importer-4'));
    await imp.add([new File(['x'], 'x.xlsx')]);
    expect(imp.problems(imp.files[0])[0]).toEqual({ code: 'import.binary' });
    expect(imp.ready).toBe(false);
  });
});
