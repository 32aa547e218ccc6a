import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import Customers from '../../../src/views/Customers.svelte';
import { fakeContext } from '../fakes';

describe('Customers view', () => {
  it('says why when the engine cannot answer, instead of an empty screen', async () => {
    render(Customers, { ws: fakeContext({ customers: () => Promise.reject({ code: 'error.notLoaded', params: { id: 'ds' } }) }), currency: 'USD' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The dataset is not loaded yet');
  });

  it('words an unexpected failure too', async () => {
    render(Customers, { ws: fakeContext({ customers: () => Promise.reject(new Error('boom')) }), currency: 'USD' });
    expect((await screen.findByRole('alert')).textContent).toContain('boom');
  });
});
