import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import DatasetSwitcher from '../../../../src/lib/components/DatasetSwitcher.svelte';
import type { DatasetRow } from '../../../../src/lib/db/schema';

const row = (id: string, name: string): DatasetRow => ({
  id, name, currency: 'CNY', origin: 'import', createdAt: 1, updatedAt: 1,
  counts: { customers: 1, orders: 1, surveys: 0, interactions: 0, servqual: 0, importance: 0 },
});

describe('DatasetSwitcher', () => {
  it('lists datasets, marks the current one and reports a switch', async () => {
    const onselect = vi.fn();
    render(DatasetSwitcher, { datasets: [row('a', 'Demo'), row('b', 'Branch Q3')], currentId: 'a', onselect });
    const select = screen.getByRole('combobox', { name: 'Dataset' }) as HTMLSelectElement;
    expect(Array.from(select.options, (o) => o.textContent)).toEqual(['Demo', 'Branch Q3']);
    expect(select.value).toBe('a');
    await fireEvent.change(select, { target: { value: 'b' } });
    expect(onselect).toHaveBeenCalledWith('b');
  });

  it('is disabled with a clear label when there is no dataset', () => {
    render(DatasetSwitcher, { datasets: [], currentId: null, onselect: () => {} });
    const select = screen.getByRole('combobox') as HTMLSelectElement;
    expect(select.disabled).toBe(true);
    expect(select.textContent).toContain('No dataset');
  });
});
