// The Voice page's complaint-loss and referral parts as a user sees them: the three groups, the
// loss figure and its customers (export masked when masking is on), the silence factor asking the
// engine again, referrals by NPS group in words, and the empty states — in both languages.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import RecoveryPart from '../../../../src/views/voice/RecoveryPart.svelte';
import { RecoveryState } from '../../../../src/lib/state/voice/recovery.svelte';
import { InteractionEditor } from '../../../../src/lib/state/voice/edits.svelte';
import type { VoiceGroupingSource } from '../../../../src/lib/state/voice.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import { privacy } from '../../../../src/lib/state/privacy.svelte';
import { dayFromCivil } from '../../../../src/lib/domain';
import type { RecoveryResult, ReferralResult } from '../../../../workers/api';
import { fakeContext } from '../../fakes';

const d = (m: number, day: number) => dayFromCivil(2024, m, day);
const recovery: RecoveryResult = {
  asOfDay: d(6, 1), analysisDay: d(6, 2), complaints: 3, undated: 0, interactions: 4, referenceDay: d(2, 5), gapFactor: 2, baseGap: 19, baselineDays: 90, basis: 'net',
  groups: [
    { key: 'resolved', customers: 40, repurchased: 30, repurchaseRate: 0.75, churned: 8, churnShare: 0.2, netAfter: 4000, meanNetAfter: 100 },
    { key: 'unresolved', customers: 10, repurchased: 2, repurchaseRate: 0.2, churned: 7, churnShare: 0.7, netAfter: 300, meanNetAfter: 30 },
    { key: 'never', customers: 200, repurchased: 120, repurchaseRate: 0.6, churned: 50, churnShare: 0.25, netAfter: 16000, meanNetAfter: 80 },
  ],
  loss: 260, lossOpen: 180, lostCount: 2,
  lost: [
    { id: '13800138000', name: 'Wang Fang', firstComplaint: d(2, 5), latestComplaint: d(2, 5), open: true, lastPurchase: d(2, 1), silentDays: 122, usualGap: 15.5, value: 180 },
    { id: 'C', name: 'Cat', firstComplaint: d(1, 25), latestComplaint: d(1, 25), open: false, lastPurchase: d(1, 20), silentDays: 134, usualGap: null, value: 80 },
  ],
};
const npsGroup = (key: string, customers: number, referrers: number) => ({
  key, customers, referrers, share: referrers / customers, ci: [0, 1] as [number, number], referred: referrers, net: referrers * 100, clv: null,
  meanNet: (referrers * 100) / customers, meanClv: null,
});
const referrals: ReferralResult = {
  asOfDay: d(6, 1), referred: 3, referrerCount: 2, selfReferrals: 0, totalNet: 90, totalClv: null, basis: 'net', grouping: { kind: 'rfm', id: 'rfm:x' },
  referrers: [
    { id: 'A', name: 'Ann', known: true, referred: 2, net: 80, clv: null, segment: 'champions', npsGroup: 'promoter' },
    { id: 'Z', name: '', known: false, referred: 1, net: 10, clv: null, segment: '', npsGroup: 'none' },
  ],
  bySegment: [npsGroup('champions', 10, 1)], outsideSegments: { referrers: 1, referred: 1, net: 10 },
  byNps: [npsGroup('promoter', 40, 10), npsGroup('passive', 40, 4), npsGroup('detractor', 20, 1), npsGroup('none', 100, 0)],
};
const source: VoiceGroupingSource = { analysisDay: undefined, groupingHandle: () => null };

function shown(rec: RecoveryResult = recovery, refs: ReferralResult = referrals) {
  const api = { recovery: vi.fn(async () => rec), referrals: vi.fn(async () => refs) };
  const ctx = fakeContext(api);
  const state = new RecoveryState(ctx, source, new InteractionEditor(ctx));
  render(RecoveryPart, { state, currency: 'CNY' });
  return { state, api };
}

afterEach(() => {
  cleanup();
  i18n.locale = 'en';
  privacy.mask = false;
});

describe('complaint loss and recovery', () => {
  it('compares the three groups and shows the loss with its customers and how it is valued', async () => {
    shown();
    const table = await screen.findByTestId('recovery-groups');
    const rows = within(table).getAllByRole('row').slice(1).map((r) => [...r.children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()));
    expect(rows).toEqual([
      ['Complained, all resolved', '40', '75%', '20%', 'CN¥100.00'],
      ['Complained, still open fewer than 30 customers', '10', '20%', '70%', 'CN¥30.00'],
      ['Never complained', '200', '60%', '25%', 'CN¥80.00'],
    ]);
    expect(screen.getByTestId('recovery-loss-value').textContent).toBe('CN¥260.00');
    const loss = screen.getByTestId('recovery-loss').textContent!;
    expect(loss).toContain('Of it, CN¥180.00 is from customers whose complaint is still open');
    expect(loss).toContain('net revenue in the 12 months up to their last purchase');
    expect(screen.getByTestId('recovery-method').textContent).toContain('02/05/2024, the median day of the first complaints: those who bought in the 90 days up to that day count');
    const lost = within(screen.getByTestId('recovery-lost')).getAllByRole('row').slice(1);
    expect(lost[0].textContent).toContain('Wang Fang');
    expect(lost[1].textContent).toContain('bought once');
  });

  it('asks again with another silence factor', async () => {
    const { api } = shown();
    await screen.findByTestId('recovery-groups');
    await fireEvent.change(screen.getByTestId('recovery-factor'), { target: { value: '3' } });
    await waitFor(() => expect(api.recovery).toHaveBeenLastCalledWith(expect.any(String), 'd', { analysisDay: undefined, gapFactor: 3 }));
  });

  it('exports the lost customers masked when masking is on', async () => {
    const { state } = shown();
    await screen.findByTestId('recovery-lost');
    const csv = state.lostCsv(['id', 'name', 'first', 'latest', 'status', 'last', 'silent', 'gap', 'value'], { open: 'Open', resolved: 'Resolved' }, true);
    const [, first] = csv.trim().split(/\r?\n/);
    expect(first).not.toContain('13800138000');
    expect(first).not.toContain('Wang Fang');
    expect(first).toContain('2024-02-05');
    expect(first).toContain('Open');
    expect(first.endsWith(',180')).toBe(true);
  });

  it('explains what to import when there are no complaints, in Chinese', async () => {
    i18n.locale = 'zh';
    shown({ ...recovery, complaints: 0, interactions: 0, lost: [], lostCount: 0 });
    const empty = await screen.findByTestId('recovery-empty');
    expect(empty.textContent).toContain('还没有可比较的投诉');
    expect(within(empty).getByRole('link').textContent).toBe('导入反馈与投诉');
    expect(screen.getByRole('heading', { level: 2, name: '投诉损失与服务补救' })).toBeTruthy();
  });
});

describe('referrals', () => {
  it('lists the top referrers and answers “do promoters really refer?” in words', async () => {
    shown();
    expect((await screen.findByTestId('referrals-verdict')).textContent).toBe('25% of promoters referred someone, 10% of passives and 5% of detractors.');
    const top = within(screen.getByTestId('referrals-referrers')).getAllByRole('row').slice(1);
    expect(top[0].textContent).toContain('Ann');
    expect(top[1].textContent).toContain('not in this dataset');
    expect(screen.getByTestId('referrals-by-segment').textContent).toContain('Referrers outside these groups (not customers of this dataset, or in no group): 1, who brought 1 customers (CN¥10.00).');
  });

  it('explains the referred_by column when nobody has a referrer', async () => {
    shown(recovery, { ...referrals, referred: 0, referrerCount: 0, referrers: [], bySegment: [], byNps: [] });
    const empty = await screen.findByTestId('referrals-empty');
    expect(empty.textContent).toContain('referred_by');
    expect(empty.textContent).toContain('推荐人');
  });
});
