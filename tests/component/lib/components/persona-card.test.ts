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

describe('PersonaCard: the segment’s voice', () => {
  const voice = {
    nps: { n: 40, promoters: 20, passives: 10, detractors: 10, nps: 25, ci: [3.1, 44.6] as [number, number], tooFew: false },
    csat: { n: 20, satisfied: 15, csat: 0.75, ci: [0.53, 0.89] as [number, number], tooFew: true },
    // 10 of 40 complained, 6 complaints over 120 orders = 50 per 1,000
    complaints: { customers: 40, complainers: 10, complaints: 6, orders: 120, rate: 0.25, per1000Orders: 50 },
  };

  it('shows NPS and CSAT with their 95% CI and answers, and the complaint rate', () => {
    render(PersonaCard, { persona: { ...full, voice }, name: 'Champions', currency: 'GBP' });
    expect(headings()).toContain('Voice of the customer');
    const nps = screen.getByTestId('persona-nps').textContent!.replace(/\s+/g, ' ');
    expect(nps).toContain('Net Promoter Score (NPS) 25 95% CI 3–45 · 40 answers');
    expect(nps).not.toContain('too few');
    const csat = screen.getByTestId('persona-csat').textContent!.replace(/\s+/g, ' ');
    expect(csat).toContain('75% 95% CI 53%–89% · 20 answers · too few answers');
    const complaints = screen.getByTestId('persona-complaints').textContent!.replace(/\s+/g, ' ');
    expect(complaints).toContain('25.0%');
    expect(complaints).toContain('10 of 40 customers complained at least once · 50 complaints per 1,000 orders');
  });

  it('in Chinese', async () => {
    const { i18n } = await import('../../../../src/lib/i18n/i18n.svelte');
    i18n.locale = 'zh';
    render(PersonaCard, { persona: { ...full, voice }, name: '冠军客户', currency: 'GBP' });
    expect(headings()).toContain('客户声音');
    expect(screen.getByTestId('persona-nps').textContent).toContain('净推荐值 NPS');
    expect(screen.getByTestId('persona-nps').textContent).toContain('95% 置信区间 3–45');
    expect(screen.getByTestId('persona-csat').textContent).toContain('满意度 CSAT');
    expect(screen.getByTestId('persona-csat').textContent).toContain('回答太少');
    expect(screen.getByTestId('persona-complaints').textContent).toContain('40 位客户中有 10 位投诉过 · 每千单投诉 50 次');
  });

  it('leaves the block out when the dataset has no answers or interactions, and the complaints without interactions', () => {
    render(PersonaCard, { persona: full, name: 'Champions', currency: 'GBP' });
    expect(headings()).not.toContain('Voice of the customer');
    cleanup();
    render(PersonaCard, { persona: { ...full, voice: { ...voice, complaints: null } }, name: 'Champions', currency: 'GBP' });
    expect(screen.getByTestId('persona-nps')).toBeTruthy();
    expect(screen.queryByTestId('persona-complaints')).toBeNull();
  });
});
