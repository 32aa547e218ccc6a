// The Report page before a build: every section chosen, whether masking is on in words, a
// pseudonymised dataset said, the empty state without a dataset, and no way to build with no
// section chosen — in both languages.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import Report from '../../../src/views/Report.svelte';
import { ReportState, REPORT_SECTIONS, type ReportSources } from '../../../src/lib/state/report.svelte';
import { i18n } from '../../../src/lib/i18n/i18n.svelte';
import { privacy } from '../../../src/lib/state/privacy.svelte';
import { datasetRow } from '../fakes';

afterEach(() => {
  i18n.locale = 'en';
  privacy.mask = false;
});

const row = datasetRow('d', { name: 'Shop', pseudonymised: true });
// the page reads only the workspace before a build
const state = () => new ReportState({ ws: { current: row, dashboard: null, currentDatasetId: 'd' } } as unknown as ReportSources);

describe('Report page', () => {
  it('offers every section, says masking is off and that the dataset is pseudonymised', () => {
    render(Report, { report: state(), dataset: row });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Report');
    for (const id of REPORT_SECTIONS) expect((screen.getByTestId(`report-choose-${id}`) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('report-mask').textContent).toContain('Masking is off');
    expect(screen.getByTestId('report-pseudonymised').textContent).toContain('pseudonymised');
    expect(screen.queryByTestId('report-print')).toBeNull();
  });

  it('says when masking is on, in Chinese', () => {
    i18n.locale = 'zh';
    privacy.mask = true;
    render(Report, { report: state(), dataset: row });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('战略报告');
    expect(screen.getByTestId('report-mask').textContent).toContain('已开启“遮蔽个人信息”');
  });

  it('cannot build with no section chosen', async () => {
    render(Report, { report: state(), dataset: row });
    for (const id of REPORT_SECTIONS) await fireEvent.click(screen.getByTestId(`report-choose-${id}`));
    expect((screen.getByTestId('report-build') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Choose at least one section.')).toBeTruthy();
  });

  it('without a dataset says how to get one', () => {
    render(Report, { report: state(), dataset: null });
    expect(screen.getByTestId('report-empty').textContent).toContain('Add a dataset');
  });
});
