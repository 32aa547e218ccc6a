// The shared read-out as the actions page shows it: the verdict with the action's name and window,
// the money, the sample-ratio warning, and the figures table — in both languages.
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import Readout from '../../../../src/views/act/Readout.svelte';
import { readout } from '../../../../src/lib/domain';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';

afterEach(() => {
  i18n.locale = 'en';
});

// control 88 of 1100 (8.0%), revenue 20 each on average (sd 50: Σx² = 1099·2500 + 22000²/1100 = 3,187,500);
// treated 1015 of 8900 (11.40%), 21.5 each (Σx² = 8899·2500 + 191350²/8900 = 26,361,525)
const r = readout(
  { n: 1100, conversions: 88, sum: 22000, sumSquares: 3187500 },
  { n: 8900, conversions: 1015, sum: 191350, sumSquares: 26361525 },
  { cost: 3000, plannedControlShare: 0.1 },
);

describe('Readout', () => {
  it('words the verdict with the action, its window and its money, and warns about the split', () => {
    i18n.locale = 'en';
    render(Readout, { props: { readout: r, currency: 'CNY', subject: 'Win-back', windowDays: 30 } });
    // +3.40 points; 1.959964·√(0.08·0.92/1100 + 0.114045·0.885955/8900) = 1.73 points → 1.7 to 5.1;
    // incremental (21.5 − 20) × 8900 = 13,350; net 13,350 − 3,000 = 10,350
    expect(screen.getByTestId('readout-verdict').textContent).toBe(
      'Win-back lifted 30-day repurchase from 8.0% to 11.4% (+3.4 points, 95% CI 1.7 to 5.1); incremental revenue CN¥13,350 against CN¥3,000 cost (net CN¥10,350).',
    );
    // planned 10% of 10,000 = 1,000 control; χ² = 100²/1000 + 100²/9000 = 11.11, p = 0.00086
    const warn = screen.getByTestId('readout-srm').textContent ?? '';
    expect(warn).toContain('the groups hold 1,100 and 8,900 customers, but the plan was 10.0% in the control group (χ² = 11.11, p < 0.001)');
    expect(warn).toContain('warns when p < 0.001');
    const arms = within(screen.getByTestId('readout-arms'));
    expect(arms.getByText('Control')).toBeTruthy();
    expect(arms.getByText('11.4%')).toBeTruthy();
    expect(arms.getByText('CN¥21.50')).toBeTruthy();
    const stats = screen.getByTestId('readout-stats').textContent ?? '';
    expect(stats).toContain('+3.4 points (95% CI 1.7 to 5.1)');
    expect(stats).toContain('CN¥10,350');
  });

  it('speaks Chinese, with the caller’s group names', () => {
    i18n.locale = 'zh';
    render(Readout, { props: { readout: r, currency: 'CNY', subject: '挽回活动', windowDays: 30, labels: { control: '对照组（留存）', treated: '已联系' } } });
    expect(screen.getByTestId('readout-verdict').textContent).toBe(
      '挽回活动将 30 天复购率从 8.0% 提高到 11.4%（+3.4 个百分点，95% 置信区间 1.7 至 5.1）；增量收入 ¥13,350，成本 ¥3,000，净收益 ¥10,350。',
    );
    expect(screen.getByTestId('readout-srm').textContent).toContain('样本比例不符');
    expect(within(screen.getByTestId('readout-arms')).getByText('已联系')).toBeTruthy();
  });

  it('says the split is fine without a warning', () => {
    const fine = readout({ n: 1000, conversions: 80, sum: 0, sumSquares: 0 }, { n: 9000, conversions: 900, sum: 0, sumSquares: 0 }, { plannedControlShare: 0.1 });
    render(Readout, { props: { readout: fine, currency: 'CNY', showRevenue: false } });
    expect(screen.queryByTestId('readout-srm')).toBeNull();
    expect(screen.getByTestId('readout-srm-ok').textContent).toContain('fit the planned split of 10.0% in the control group');
    // 8.0% → 10.0%; conversion only
    expect(screen.getByTestId('readout-verdict').textContent).toMatch(/^The treatment lifted conversion from 8\.0% to 10\.0% \(\+2\.0 points, 95% CI [\d.]+ to [\d.]+\)\.$/);
  });
});
