// The segment tables' voice columns: NPS with its 95% CI and answers ("too few" under 30), CSAT,
// and the complaint rate with complaints per 1,000 orders, in both languages; none without data.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import SegmentTable from '../../../../src/views/segments/SegmentTable.svelte';
import GroupTable from '../../../../src/views/segments/GroupTable.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import type { GroupCount, SegmentStat, SegmentVoice } from '../../../../workers/api';

afterEach(cleanup);

const voice = (n: number, nps: number, ci: [number, number], rate: number, per1000: number): SegmentVoice => ({
  nps: { n, promoters: 0, passives: 0, detractors: 0, nps, ci, tooFew: n < 30 },
  csat: { n, satisfied: Math.round(n * 0.8), csat: 0.8, ci: [0.7, 0.87], tooFew: n < 30 },
  complaints: { customers: 100, complainers: Math.round(rate * 100), complaints: 0, orders: 0, rate, per1000Orders: per1000 },
});

const stat = (key: string, v?: SegmentVoice): SegmentStat => ({
  key, size: 100, customerShare: 0.5, revenue: 1000, revenueShare: 0.5, avgRecencyDays: 30, avgFrequency: 3, avgMonetary: 300, avgR: 4, avgF: 4, avgM: 4,
  ...(v ? { voice: v } : {}),
});

/** The cells of a segment's row, as text. */
const cells = (key: string, attr = 'data-segment') =>
  [...document.querySelector(`[${attr}="${key}"]`)!.querySelectorAll('[data-voice]')].map((c) => [c.getAttribute('data-voice'), c.textContent!.replace(/\s+/g, ' ').trim()]);

describe('the RFM segment table', () => {
  const segments = [stat('champions', voice(311, 32.4, [23.2, 40.1], 0.419, 48.14)), stat('lost', voice(12, -8, [-35, 22], 0.05, 20))];

  it('shows each segment’s NPS with its CI, answers, CSAT and complaints', () => {
    render(SegmentTable, { segments, selected: null, currency: 'CNY', onselect: vi.fn() });
    const head = screen.getByTestId('segment-table').querySelector('thead')!.textContent!;
    for (const h of ['NPS', '95% CI', 'Answers', 'CSAT', 'Complaint rate', 'per 1,000 orders']) expect(head).toContain(h);
    expect(cells('champions')).toEqual([
      ['nps', '32 23–40'], ['nps-ci', '23–40'], ['answers', '311'], ['csat', '80% 70%–87%'], ['complaint-rate', '41.9% 48.1'], ['per-1000', '48.1'],
    ]);
    // under 30 answers: flagged, and a negative lower end written "−35 to 22"
    expect(cells('lost')).toEqual(expect.arrayContaining([['nps', '-8 -35 to 22'], ['answers', '12 too few']]));
    expect(screen.getAllByTestId('too-few')).toHaveLength(1);
    expect(screen.getByTestId('voice-columns-note').textContent).toContain('“too few” under 30');
  });

  it('in Chinese', () => {
    render(SegmentTable, { segments, selected: null, currency: 'CNY', onselect: vi.fn() });
    i18n.locale = 'zh';
    flushSync();
    const head = screen.getByTestId('segment-table').querySelector('thead')!.textContent!;
    for (const h of ['NPS', '95% 置信区间', '回答数', 'CSAT', '投诉率', '每千单']) expect(head).toContain(h);
    expect(cells('lost')).toEqual(expect.arrayContaining([['nps', '-8 -35 至 22'], ['answers', '12 太少']]));
    expect(screen.getByTestId('voice-columns-note').textContent).toContain('净推荐值 NPS');
  });

  it('has no voice columns when the dataset has no answers or interactions', () => {
    render(SegmentTable, { segments: [stat('champions'), stat('lost')], selected: null, currency: 'CNY', onselect: vi.fn() });
    expect(screen.getByTestId('segment-table').querySelector('thead')!.textContent).not.toContain('NPS');
    expect(document.querySelector('[data-voice]')).toBeNull();
    expect(screen.queryByTestId('voice-columns-note')).toBeNull();
  });

  it('shows only the complaint column when there are interactions but no answers', () => {
    const none = voice(0, NaN, [0, 0], 0.1, 12);
    render(SegmentTable, { segments: [stat('champions', none)], selected: null, currency: 'CNY', onselect: vi.fn() });
    expect(cells('champions')).toEqual([['complaint-rate', '10.0% 12'], ['per-1000', '12']]);
    expect(document.body.textContent).not.toContain('NaN');
  });
});

describe('the other groupings’ table', () => {
  it('shows the same columns for value tiers, stages, rule segments and clusters', () => {
    const groups: GroupCount[] = [
      { key: 'tier_1', size: 1000, share: 0.2, revenue: 4.3e6, revenueShare: 0.74, voice: voice(467, 28, [21, 34], 0.41, 50.7) },
      {
        key: 'tier_2', size: 0, share: 0, revenue: 0, revenueShare: 0,
        voice: {
          nps: { n: 0, promoters: 0, passives: 0, detractors: 0, nps: NaN, ci: [-50, 50], tooFew: true },
          csat: { n: 0, satisfied: 0, csat: NaN, ci: [0, 1], tooFew: true },
          complaints: { customers: 0, complainers: 0, complaints: 0, orders: 0, rate: NaN, per1000Orders: NaN },
        },
      },
    ];
    render(GroupTable, { groups, selected: null, currency: 'CNY', name: (k: string) => k, onselect: vi.fn() });
    expect(cells('tier_1', 'data-group')).toEqual([
      ['nps', '28 21–34'], ['nps-ci', '21–34'], ['answers', '467'], ['csat', '80% 70%–87%'], ['complaint-rate', '41.0% 50.7'], ['per-1000', '50.7'],
    ]);
    // a group without customers: dashes, never NaN
    expect(document.querySelector('[data-group="tier_2"] [data-testid="too-few"]')).toBeNull(); // no answers: a dash, not a flag
    expect(cells('tier_2', 'data-group').map(([, t]) => t)).toEqual(['—', '0', '—', '— —', '—']);
    expect(document.body.textContent).not.toContain('NaN');
  });
});
