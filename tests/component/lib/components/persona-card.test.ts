import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import PersonaCard from '../../../../src/lib/components/PersonaCard.svelte';
import type { Persona } from '../../../../src/lib/domain';

const profile = { recencyDays: { segment: 10, base: 40 }, frequency: { segment: 5, base: 2 }, monetary: { segment: 500, base: 100 } };
const full: Persona = {
  size: 40, shareOfCustomers: 0.2, shareOfRevenue: 0.5, medianAge: 34,
  genderShares: [{ value: 'F', share: 0.6 }, { value: 'M', share: 0.4 }],
  topCities: [{ value: 'Leeds', share: 0.5 }], topChannels: [{ value: 'web', share: 1 }], profile, risks: [],
};
// an orders-only dataset: no birthdays, genders, cities or channels (every value unknown)
const ordersOnly: Persona = {
  ...full, medianAge: null, genderShares: [{ value: '', share: 1 }], topCities: [{ value: '', share: 1 }], topChannels: [{ value: '', share: 1 }],
};

afterEach(cleanup);

const headings = () => screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent);

describe('PersonaCard', () => {
  it('shows who the customers are when the data says it', () => {
    render(PersonaCard, { persona: full, name: 'Champions', currency: 'GBP' });
    expect(headings()).toEqual(expect.arrayContaining(['Typical age', 'Gender', 'Top cities', 'Top channels']));
  });

  it('leaves out the attribute blocks an orders-only dataset cannot fill', () => {
    render(PersonaCard, { persona: ordersOnly, name: 'Champions', currency: 'GBP' });
    const h = headings();
    for (const empty of ['Typical age', 'Gender', 'Top cities', 'Top channels']) expect(h).not.toContain(empty);
    // the buying profile is still there
    expect(h.some((x) => x?.startsWith('R / F / M'))).toBe(true);
    expect(document.body.textContent).not.toContain('unknown');
  });
});
