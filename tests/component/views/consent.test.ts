// Marketing consent as a user sees it (issue 16, point 6): the export for contact says how many
// customers without consent it leaves out and lets the user include them for a list not used for
// marketing (the note stays, so they can be left out again); a dataset without a consent column
// says so; the privacy page shows the coverage of the open dataset; the customer's page its consent.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import ContactExport from '../../../src/views/act/ContactExport.svelte';
import PrivacySection from '../../../src/views/PrivacySection.svelte';
import CustomerDetail from '../../../src/views/CustomerDetail.svelte';
import { i18n } from '../../../src/lib/i18n/i18n.svelte';
import { parseIsoDay } from '../../../src/lib/domain';
import type { ConsentCoverage, CustomerDetail as Detail } from '../../../workers/api';
import { datasetRow, fakeEngine, freshDatabase } from '../fakes';

afterEach(() => cleanup());

function exporter(split: { leftOut: number; hasConsent: boolean; withoutConsent?: number } | null, include = false) {
  const oninclude = vi.fn();
  const onexport = vi.fn();
  render(ContactExport, { split, include, oninclude, onexport });
  return { oninclude, onexport };
}

describe('the export for contact', () => {
  it('says how many it leaves out and lets the user include them', async () => {
    const { oninclude, onexport } = exporter({ leftOut: 1234, hasConsent: true, withoutConsent: 1234 });
    expect(screen.getByTestId('contact-export-left-out').textContent).toContain('1,234 customers without marketing consent (refused or not known) are left out.');
    const box = screen.getByRole('checkbox', { name: 'Include them (this list is not for marketing)' }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    await fireEvent.click(box);
    expect(oninclude).toHaveBeenCalledWith(true);
    await fireEvent.click(screen.getByRole('button', { name: 'Export CSV for contact' }));
    expect(onexport).toHaveBeenCalledOnce();
    // the note describes the button for screen readers
    expect(screen.getByRole('button').getAttribute('aria-describedby')).toBe('contact-export-note');
  });

  it('when included, says they are in and keeps the box so they can be left out again', async () => {
    // forContact: leftOut is 0 once included; withoutConsent still counts them
    const { oninclude } = exporter({ leftOut: 0, hasConsent: true, withoutConsent: 3 }, true);
    expect(screen.getByTestId('contact-export-left-out').textContent).toContain('3 customers without marketing consent are included: use this list only for service');
    const box = screen.getByRole('checkbox') as HTMLInputElement;
    expect(box.checked).toBe(true);
    await fireEvent.click(box);
    expect(oninclude).toHaveBeenCalledWith(false);
  });

  it('says so when the dataset has no consent column, and when everyone agreed', () => {
    exporter({ leftOut: 0, hasConsent: false, withoutConsent: 0 });
    expect(screen.getByTestId('contact-export-no-consent').textContent).toContain('This dataset has no marketing consent column');
    expect(screen.queryByRole('checkbox')).toBeNull();
    cleanup();
    exporter({ leftOut: 0, hasConsent: true, withoutConsent: 0 });
    expect(screen.getByTestId('contact-export-all-agreed').textContent).toBe('Every customer on this list agreed to marketing.');
    cleanup();
    // while the split is not known yet: only the button
    exporter(null);
    expect(screen.getByTestId('contact-export').textContent?.trim()).toBe('Export CSV for contact');
  });

  it('speaks Chinese', () => {
    i18n.locale = 'zh';
    exporter({ leftOut: 12, hasConsent: true });
    expect(screen.getByTestId('contact-export-left-out').textContent).toContain('已排除 12 位未同意营销');
    expect(screen.getByRole('button').textContent).toBe('导出联系名单 CSV');
  });
});

function privacyPage(coverage: ConsentCoverage | Error, currentDatasetId: string | null = 'ds-1') {
  const api = {
    pseudonymStatus: vi.fn(async () => ({ key: false, mappings: [] })),
    consentCoverage: vi.fn(async () => {
      if (coverage instanceof Error) throw coverage;
      return coverage;
    }),
  };
  const ws = { engine: fakeEngine(api), currentId: currentDatasetId, currentDatasetId, revision: { datasetId: currentDatasetId }, datasets: [datasetRow('ds-1', { name: 'Shop' })] };
  const storage = { inventory: vi.fn(async () => ({ datasets: [], settings: 0 })) };
  render(PrivacySection, { ws, storage });
  return api;
}

const COVERAGE: ConsentCoverage = {
  customers: 5000, yes: 4250, no: 500, unknown: 250, yesShare: 0.85, noShare: 0.1, unknownShare: 0.05, latestDay: parseIsoDay('2025-12-30')!, hasConsent: true,
};

describe('consent coverage on the privacy page', () => {
  it('shows who agreed, refused or is not known, with shares and the latest consent date', async () => {
    const api = privacyPage(COVERAGE);
    const yes = await screen.findByTestId('consent-yes');
    expect(api.consentCoverage).toHaveBeenCalledWith(expect.any(String), 'ds-1');
    expect(yes.textContent).toContain('Agreed');
    expect(yes.textContent).toContain('4,250');
    expect(yes.textContent).toContain('85.0%');
    expect(screen.getByTestId('consent-no').textContent).toContain('500');
    expect(screen.getByTestId('consent-unknown').textContent).toContain('5.0%');
    expect(screen.getByTestId('consent-latest').textContent).toContain('Latest consent recorded:');
    expect(screen.getByTestId('consent-latest').textContent).toContain('2025');
    expect(screen.getByTestId('consent-coverage').textContent).toContain('Of the customers of “Shop”');
  });

  it('says when the dataset has no consent column and how to add one', async () => {
    privacyPage({ ...COVERAGE, yes: 0, no: 0, unknown: 5000, yesShare: 0, noShare: 0, unknownShare: 1, latestDay: null, hasConsent: false });
    expect((await screen.findByTestId('consent-none')).textContent).toContain('“Shop” has no marketing consent column');
  });

  it('asks to open a dataset when none is, and words a failure without internals', async () => {
    const api = privacyPage(COVERAGE, null);
    expect(screen.getByTestId('consent-coverage').textContent).toContain('Open a dataset to see its marketing consent.');
    expect(api.consentCoverage).not.toHaveBeenCalled();
    cleanup();
    privacyPage(new Error('TypeError: cannot read properties of undefined'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The consent coverage could not be read.');
  });

  it('speaks Chinese', async () => {
    i18n.locale = 'zh';
    privacyPage(COVERAGE);
    expect((await screen.findByTestId('consent-yes')).textContent).toContain('已同意');
    expect(screen.getByTestId('consent-coverage').textContent).toContain('营销授权');
  });
});

describe('consent on the customer’s page', () => {
  const detail: Detail = {
    row: { id: 'C1', name: 'Ann', gender: '', age: null, city: '', province: '', channel: '', signup: null, orders: 0, net: 0, firstOrder: null, lastOrder: null },
    usualGapDays: null, rhythmRisk: null, simple: null, model: null, valueModel: null, segment: null, birthDay: null, acquisitionCost: null, returns: 0,
    lines: [], surveys: [], interactions: [],
  };

  function show(d: Detail) {
    const api = { customer: vi.fn(async () => d), pseudonymStatus: vi.fn(async () => ({ key: false, mappings: [] })) };
    const ws = {
      db: freshDatabase('consent-detail'), engine: fakeEngine(api), current: null, currentId: 'ds-1', currentDatasetId: 'ds-1', revision: {},
      datasets: [], select: vi.fn(async () => undefined), forget: vi.fn(async () => false),
    };
    render(CustomerDetail, { ws, customerId: d.row.id });
  }

  it('shows the consent and its date when the dataset records consent', async () => {
    show({ ...detail, consent: { status: 'no', day: parseIsoDay('2024-02-01')! } });
    const dd = await screen.findByTestId('consent');
    expect(dd.textContent).toMatch(/^Refused \(on .*2024.*\)$/);
  });

  it('shows nothing about consent when the dataset has none', async () => {
    show(detail);
    await screen.findByText('Customer C1 · Ann', { exact: false });
    expect(screen.queryByTestId('consent')).toBeNull();
  });
});
