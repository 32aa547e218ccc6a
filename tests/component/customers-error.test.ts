import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import Customers from '../../src/views/Customers.svelte';
import type { Workspace } from '../../src/lib/state/workspace.svelte';

/** Just what the customers view reads from the workspace. */
function fakeWorkspace(customers: () => Promise<unknown>): Workspace {
  return { dashboard: { datasetId: 'ds' }, current: { currency: 'USD' }, customers } as unknown as Workspace;
}

describe('Customers view', () => {
  it('says why when the engine cannot answer, instead of an empty screen', async () => {
    render(Customers, { ws: fakeWorkspace(() => Promise.reject({ code: 'error.notLoaded', params: { id: 'ds' } })) });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The dataset is not loaded yet');
  });

  it('words an unexpected failure too', async () => {
    render(Customers, { ws: fakeWorkspace(() => Promise.reject(new Error('boom'))) });
    expect((await screen.findByRole('alert')).textContent).toContain('boom');
  });
});
