// The Actions page's experiment section as a user sees it: the example read out at once, figures
// typed (good, broken, hostile), several variants with the Bonferroni rule, cells pasted from a
// spreadsheet, the CSV export, and the sample-size calculator with and without the dataset's
// daily rate — in both languages. Expected figures by hand (quoted beside each check).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import ExperimentSection from '../../../../src/views/act/ExperimentSection.svelte';
import { ExperimentState } from '../../../../src/lib/state/act/experiment.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import type { EngineApi } from '../../../../workers/api';
import { fakeContext } from '../../fakes';

const downloads = vi.hoisted(() => [] as { text: string; name: string }[]);
vi.mock('../../../../src/lib/components/download', () => ({
  downloadText: (text: string, name: string) => downloads.push({ text, name }),
  downloadBlob: () => undefined,
}));

afterEach(() => {
  downloads.length = 0;
  i18n.locale = 'en';
});

function setup(ctx: ConstructorParameters<typeof ExperimentState>[0] = null) {
  i18n.locale = 'en';
  const state = new ExperimentState(ctx);
  render(ExperimentSection, { props: { state, currency: 'CNY' } });
  return state;
}

const verdicts = () => screen.getAllByTestId('experiment-readout-verdict').map((e) => e.textContent ?? '');
const rows = () => screen.getAllByTestId('experiment-variant-row');
const input = (row: number, field: string) => within(rows()[row]).getByTestId(`experiment-${field}`) as HTMLInputElement;

describe('experiment calculator', () => {
  it('reads out the example at once', () => {
    setup();
    // A 400/5000 = 8.0%, B 470/5000 = 9.4%: +1.4 points; SE = √(0.08·0.92/5000 + 0.094·0.906/5000) = 0.0056350,
    // 1.959964 × SE = 0.011044 → 0.3 to 2.5 points; incremental (121000/5000 − 100000/5000) × 5000 = 21,000
    expect(verdicts()).toEqual(['B lifted conversion from 8.0% to 9.4% (+1.4 points, 95% CI 0.3 to 2.5); incremental revenue CN¥21,000.']);
    const arms = within(screen.getByTestId('experiment-readout-arms'));
    expect(arms.getAllByText('5,000', { selector: 'td' })).toHaveLength(2);
    // revenue per visitor: 100000/5000 = 20, 121000/5000 = 24.2
    expect(arms.getByText('CN¥20.00')).toBeTruthy();
    expect(arms.getByText('CN¥24.20')).toBeTruthy();
    expect(screen.queryByTestId('experiment-bonferroni')).toBeNull();
  });

  it('follows typed figures: no detectable difference, worse, too few', async () => {
    setup();
    // B 420/5000 = 8.4%: +0.4 points, 1.96·√(0.08·0.92/5000 + 0.084·0.916/5000) = 1.09 points → −0.7 to 1.5
    await fireEvent.input(input(1, 'conversions'), { target: { value: '420' } });
    expect(verdicts()[0]).toContain('B made no detectable difference to conversion: 8.4% against 8.0% in the control group (+0.4 points, 95% CI −0.7 to 1.5, which includes 0)');
    // B 330/5000 = 6.6%: −1.4 points, 1.96·√(0.0000147 + 0.066·0.934/5000) = 1.04 points → −2.4 to −0.4
    await fireEvent.input(input(1, 'conversions'), { target: { value: '330' } });
    expect(verdicts()[0]).toContain('B lowered conversion from 8.0% to 6.6% (−1.4 points, 95% CI −2.4 to −0.4): worse than doing nothing');
    await fireEvent.input(input(1, 'visitors'), { target: { value: '20' } });
    await fireEvent.input(input(1, 'conversions'), { target: { value: '3' } });
    await fireEvent.input(input(1, 'revenue'), { target: { value: '' } });
    await fireEvent.input(input(1, 'spread'), { target: { value: '' } });
    expect(verdicts()[0]).toBe('Too few customers to judge yet: 5,000 in the control group and 20 treated. Each group needs at least 30.');
  });

  it('says what is wrong with a broken figure and keeps everything typed', async () => {
    const state = setup();
    await fireEvent.input(input(1, 'visitors'), { target: { value: 'lots' } });
    expect(screen.getByTestId('experiment-row-error').textContent).toBe('B: visitors “lots” is not valid: enter a whole number of 1 or more.');
    expect(input(1, 'visitors').value).toBe('lots');
    expect(input(1, 'visitors').getAttribute('aria-invalid')).toBe('true');
    expect(input(1, 'conversions').value).toBe('470');
    expect(screen.getByTestId('experiment-empty').textContent).toContain('Enter the figures of at least one more variant');
    await fireEvent.input(input(1, 'visitors'), { target: { value: '100' } });
    // 470 conversions of 100 visitors
    expect(screen.getByTestId('experiment-row-error').textContent).toBe('B: 470 conversions is more than its 100 visitors. Each visitor converts at most once.');
    await fireEvent.input(input(0, 'spread'), { target: { value: '-3' } });
    expect(screen.getAllByTestId('experiment-row-error')[0].textContent).toContain('A: standard deviation “-3” is not valid');
    expect(screen.getByTestId('experiment-empty').textContent).toContain('Fix the figures of the control (A)');
    // a hostile name is shown as text
    await fireEvent.input(within(rows()[0]).getByLabelText('Variant of A'), { target: { value: '<img src=x onerror=alert(1)>' } });
    expect(document.querySelector('img[src="x"]')).toBeNull();
    await fireEvent.click(screen.getByTestId('experiment-reset'));
    expect(state.drafts.map((d) => d.name)).toEqual(['A', 'B']);
    expect(screen.queryByTestId('experiment-row-error')).toBeNull();
    expect(verdicts()).toHaveLength(1);
  });

  it('compares several variants with the Bonferroni rule and exports them', async () => {
    setup();
    await fireEvent.click(screen.getByTestId('experiment-add'));
    expect(rows()).toHaveLength(3);
    expect(within(rows()[2]).getByLabelText('Variant of C')).toBeTruthy();
    await fireEvent.input(input(2, 'visitors'), { target: { value: '5000' } });
    await fireEvent.input(input(2, 'conversions'), { target: { value: '455' } });
    await fireEvent.input(input(2, 'revenue'), { target: { value: '110000' } });
    await fireEvent.input(input(2, 'spread'), { target: { value: '125' } });
    expect(verdicts()).toHaveLength(2);
    // 2 comparisons: 0.05 ÷ 2 = 0.025; 1 − 0.95² = 9.75% ≈ 10%
    const note = screen.getByTestId('experiment-bonferroni').textContent ?? '';
    expect(note).toContain('grows to about 10%');
    expect(note).toContain('below 0.05 ÷ 2 = 0.025');
    // B: z = 0.014 / √(0.087·0.913·2/5000) = 0.014/0.0056363 = 2.484, p = 0.0130 < 0.025;
    // C 455/5000 = 9.1%: z = 0.011/√(0.0855·0.9145·2/5000) = 0.011/0.0055925 = 1.967, p = 0.0492 > 0.025
    const adjusted = screen.getAllByTestId('experiment-adjusted').map((e) => e.textContent ?? '');
    expect(adjusted[0]).toBe('Significant after the Bonferroni adjustment: p = 0.013, below 0.025.');
    expect(adjusted[1]).toBe('Not significant after the Bonferroni adjustment: p = 0.049, not below 0.025.');
    await fireEvent.click(screen.getByTestId('experiment-export'));
    expect(downloads).toHaveLength(1);
    expect(downloads[0].name).toBe('experiment-readout.csv');
    const lines = downloads[0].text.replace(/^\ufeff/, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('Variant,Visitors,Conversions,Conversion rate');
    expect(lines[1].startsWith('A,5000,400,0.08,20,')).toBe(true);
    expect(lines[2].startsWith('B,5000,470,0.094,24.2,0.014,')).toBe(true);
    expect(lines[2].endsWith(',21000,yes')).toBe(true);
    expect(lines[3].endsWith(',no')).toBe(true);
  });

  it('reads cells pasted from a spreadsheet, lists refused rows, and keeps the variants when nothing reads', async () => {
    const state = setup();
    await fireEvent.click(screen.getByText('Paste or import variants'));
    const paste = screen.getByTestId('experiment-paste');
    await fireEvent.input(paste, { target: { value: '版本\t访客数\t转化数\n对照\t2000\t150\n新版\t2000\t190\n坏行\tabc\t3\n' } });
    await fireEvent.click(screen.getByTestId('experiment-paste-read'));
    expect(state.drafts.map((d) => d.name)).toEqual(['对照', '新版']);
    const result = screen.getByTestId('experiment-import-result').textContent ?? '';
    expect(result).toContain('2 variants read');
    expect(result).toContain('Line 4 (坏行): 坏行: visitors “abc” is not valid');
    // conversion only: 150/2000 = 7.5%, 190/2000 = 9.5%, +2.0 points; 1.96·√(0.075·0.925/2000 + 0.095·0.905/2000) = 1.72 → 0.3 to 3.7
    expect(verdicts()).toEqual(['新版 lifted conversion from 7.5% to 9.5% (+2.0 points, 95% CI 0.3 to 3.7).']);
    expect(screen.queryByText('Revenue per customer')).toBeNull();
    await fireEvent.input(paste, { target: { value: 'just some words\nand more' } });
    await fireEvent.click(screen.getByTestId('experiment-paste-read'));
    expect(screen.getByTestId('experiment-import-result').textContent).toContain('No visitors and conversions columns were found');
    expect(screen.getByTestId('experiment-import-result').textContent).toContain('The variants above are unchanged.');
    expect(state.drafts.map((d) => d.name)).toEqual(['对照', '新版']);
    await fireEvent.input(paste, { target: { value: 'x'.repeat(200_001) } });
    await fireEvent.click(screen.getByTestId('experiment-paste-read'));
    expect(screen.getByTestId('experiment-import-result').textContent).toContain('This is too much text for a table of variants');
    expect(state.drafts).toHaveLength(2);
  });

  it('speaks Chinese', async () => {
    setup();
    i18n.locale = 'zh';
    await waitFor(() => expect(verdicts()[0]).toBe('B 将转化率从 8.0% 提高到 9.4%（+1.4 个百分点，95% 置信区间 0.3 至 2.5）；增量收入 ¥21,000。'));
    await fireEvent.input(input(1, 'visitors'), { target: { value: '0' } });
    expect(screen.getByTestId('experiment-row-error').textContent).toBe('B：访客数“0”无效，请输入大于或等于 1 的整数。');
  });
});

describe('sample-size calculator', () => {
  const answer = () => ({
    perArm: screen.getByTestId('sample-per-arm').textContent, total: screen.getByTestId('sample-total').textContent, days: screen.getByTestId('sample-days').textContent,
  });

  it('gives customers per group for the defaults, then days at a typed rate', async () => {
    setup();
    // 8% → 10%, α 5%, power 80%: SciPy 2983.27 → 2984 per group, 5968 in all; no rate yet
    expect(answer()).toEqual({ perArm: '2,984', total: '5,968', days: '—' });
    expect(screen.getByTestId('sample-answer').textContent).toContain('Give a number of customers per day');
    await fireEvent.input(screen.getByTestId('sample-perDay'), { target: { value: '100' } });
    // 5968 ÷ 100 = 59.68 → 60
    expect(answer().days).toBe('60');
    // 20% of the baseline: 8% → 9.6%, SciPy 4632.71 → 4633 per group
    await fireEvent.change(screen.getByTestId('sample-effect-kind'), { target: { value: 'relative' } });
    await fireEvent.input(screen.getByTestId('sample-effect'), { target: { value: '20' } });
    expect(answer()).toEqual({ perArm: '4,633', total: '9,266', days: '93' });
  });

  it('refuses impossible figures with their reasons', async () => {
    setup();
    await fireEvent.input(screen.getByTestId('sample-baseline'), { target: { value: '150' } });
    expect(screen.getByTestId('sample-error').textContent).toBe('The baseline rate “150” is not valid: enter a percentage above 0 and below 100, such as 8.');
    expect(screen.getByTestId('sample-baseline').getAttribute('aria-invalid')).toBe('true');
    await fireEvent.input(screen.getByTestId('sample-baseline'), { target: { value: '8' } });
    await fireEvent.input(screen.getByTestId('sample-effect'), { target: { value: '0' } });
    expect(screen.getByTestId('sample-error').textContent).toContain('An effect of 0 leaves the target equal to the baseline');
    await fireEvent.input(screen.getByTestId('sample-effect'), { target: { value: '95' } });
    expect(screen.getByTestId('sample-error').textContent).toBe('With this effect the target rate would be 103%, outside 0–100%: choose a smaller effect.');
    await fireEvent.input(screen.getByTestId('sample-effect'), { target: { value: '2' } });
    await fireEvent.input(screen.getByTestId('sample-power'), { target: { value: '100' } });
    expect(screen.getByTestId('sample-error').textContent).toContain('The power “100” is not valid');
    await fireEvent.input(screen.getByTestId('sample-power'), { target: { value: '80' } });
    await fireEvent.input(screen.getByTestId('sample-perDay'), { target: { value: '-5' } });
    expect(screen.getByTestId('sample-error').textContent).toContain('The customers per day “-5” is not valid');
    await fireEvent.click(screen.getByTestId('sample-reset'));
    expect(answer().perArm).toBe('2,984');
  });

  it('uses the dataset’s customers per day when none is typed', async () => {
    const calls: string[] = [];
    const api: Partial<EngineApi> = {
      buyerRate: async (_job, datasetId) => {
        calls.push(datasetId);
        return { datasetId, asOfDay: 20_000, customers: 900, days: 90, perDay: 10 };
      },
    };
    setup(fakeContext(api));
    // 900 customers in 90 days = 10 a day; 5968 ÷ 10 = 596.8 → 597 days
    await waitFor(() => expect(answer().days).toBe('597'));
    expect(calls).toEqual(['d']);
    expect(screen.getByTestId('sample-size').textContent).toContain('the dataset’s rate, 10 a day (900 customers bought in its last 90 days)');
    await fireEvent.input(screen.getByTestId('sample-perDay'), { target: { value: '50' } });
    // 5968 ÷ 50 = 119.36 → 120
    expect(answer().days).toBe('120');
  });
});
