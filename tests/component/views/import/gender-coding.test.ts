// A customers file's numeric gender codes are read only as the user declares them on the Import
// page, and the choice reaches the engine.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import Import from '../../../../src/views/Import.svelte';
import { Importer } from '../../../../src/lib/state/importer.svelte';
import type { FilePreview, ImportResult } from '../../../../workers/api';
import { fakeDatasets, freshDatabase } from '../../fakes';

const preview: FilePreview = {
  fileName: 'customers.csv', size: 10, encoding: 'utf-8', encodingReason: 'ascii', delimiter: ',', hasHeader: true,
  columnNames: ['id', 'sex'], rows: [['A', '1']], kind: 'customers',
  mapping: { customerId: 0, name: null, gender: 1, birthDay: null, city: null, province: null, channel: null, acquisitionCost: null, signupDay: null },
  dateOrder: 'ymd', dateAmbiguous: false, signature: 'sig-gender', problems: [],
};
const result: ImportResult = { committed: false, datasetId: 'ds-1', files: [], replaced: [], reason: 'noRows' };

describe('gender codes on the Import page', () => {
  it('keeps numbers as they are by default, and sends the coding the user picks', async () => {
    const api = { preview: vi.fn(async () => preview), hashFile: vi.fn(async () => 'c'.repeat(64)), importFiles: vi.fn(async () => result) };
    const ws = fakeDatasets(api, { db: freshDatabase('gender-coding') });
    const importer = new Importer(ws);
    await importer.add([new File(['x'], 'customers.csv')]);
    render(Import, { ws, importer });
    const select = (await screen.findByRole('combobox', { name: 'Gender codes' })) as HTMLSelectElement;
    expect(select.value).toBe('');
    await fireEvent.change(select, { target: { value: '1M2F' } });
    const start = screen.getByRole('button', { name: 'Import' }) as HTMLButtonElement;
    await fireEvent.click(start);
    await vi.waitFor(() => expect(api.importFiles).toHaveBeenCalled());
    const files = (api.importFiles.mock.calls[0] as unknown[])[1] as { settings: { genderCoding?: string } }[];
    expect(files[0].settings.genderCoding).toBe('1M2F');
  });
});
