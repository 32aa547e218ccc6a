import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_RFM_REQUEST, ValueState } from '../../../../src/lib/state/value.svelte';
import type { AcquisitionResult, CohortResult, GroupingHandle, RfmRequest, ValueResult } from '../../../../workers/api';
import { fakeContext, rfmHandle, rfmResult, type FakeApi } from '../../fakes';

const cohorts: CohortResult = { cohorts: ['2024-01'], sizes: [1], retention: [[1]], revenueRetention: [[1]], repeatRate: 0.5 };
const acquisition: AcquisitionResult = { channels: [], segments: [], churn: [] };

function setUp(fromSegments: GroupingHandle | null, over: FakeApi = {}) {
  const api = {
    rfm: vi.fn(async (_id: string, request: RfmRequest) => rfmResult(rfmHandle(request, 'rfm:default'))),
    cohorts: vi.fn(async () => cohorts),
    segmentRates: vi.fn(async () => [{ key: 'champions', buyers: 3, purchasesPerYear: 4, averageOrderValue: 50 }]),
    acquisition: vi.fn(async () => acquisition),
    customers: vi.fn(async () => ({ total: 1, matched: 1, offset: 0, rows: [] })),
    value: vi.fn(async () => ({ bySegment: [] }) as Partial<ValueResult> as ValueResult),
    ...over,
  };
  const ctx = fakeContext(api);
  const source = {
    rfmHandle: vi.fn((revision: unknown) => (revision === ctx.revision ? fromSegments : null)),
    analysisDay: undefined as number | undefined,
    setAnalysisDay: vi.fn(async (day: number | undefined) => { source.analysisDay = day; }),
  };
  return { api, ctx, source, vs: new ValueState(ctx, source) };
}

describe('ValueState', () => {
  it('uses the Segments page’s RFM grouping for every per-segment figure', async () => {
    const mine = rfmHandle({ ...DEFAULT_RFM_REQUEST, preset: 'rfm8' }, 'rfm:mine');
    const { vs, api } = setUp(mine);
    await vs.sync();
    expect(api.rfm).not.toHaveBeenCalled();
    expect(api.segmentRates).toHaveBeenCalledWith('d', mine);
    expect(api.acquisition).toHaveBeenLastCalledWith('d', { costTable: {}, grouping: mine });
    expect(vs.rates.value?.[0].key).toBe('champions');
    expect(vs.cohorts.value).toEqual(cohorts);
    await vs.fit();
    expect(api.value).toHaveBeenCalledWith(expect.any(String), 'd', expect.objectContaining({ grouping: mine, months: 12 }), expect.anything());
    expect(api.customers).toHaveBeenCalledWith('d', { sortBy: 'clv', descending: true, limit: 20 });
    expect(vs.top.value?.total).toBe(1);
  });

  it('asks for the default 11-segment RFM itself when the Segments page has none', async () => {
    const { vs, api } = setUp(null);
    await vs.sync();
    expect(api.rfm).toHaveBeenCalledWith('d', DEFAULT_RFM_REQUEST);
    expect(api.segmentRates).toHaveBeenCalledWith('d', expect.objectContaining({ id: 'rfm:default' }));
  });

  it('sends the typed spend per channel, ignoring what is not a number', async () => {
    const { vs, api } = setUp(null);
    await vs.sync();
    vs.setCost('Store', '1200');
    vs.setCost('Web', 'abc');
    vs.setCost('Ads', ' ');
    await vs.loadAcquisition();
    expect(api.acquisition).toHaveBeenLastCalledWith('d', { costTable: { Store: 1200 }, grouping: expect.objectContaining({ id: 'rfm:default' }) });
  });

  it('says why cohorts, rates or acquisition are missing instead of showing nothing', async () => {
    const failure = { code: 'error.notLoaded', params: { id: 'd' } };
    const { vs } = setUp(null, {
      cohorts: vi.fn(async () => Promise.reject(failure)),
      segmentRates: vi.fn(async () => Promise.reject(new Error('boom'))),
      acquisition: vi.fn(async () => Promise.reject(failure)),
    });
    await vs.sync();
    await vi.waitFor(() => expect(vs.cohorts.error).toEqual(failure));
    expect(vs.cohorts.value).toBeNull();
    expect(vs.rates.error).toEqual({ code: 'error.unexpected', params: { message: 'boom' } });
    expect(vs.acquisition.error).toEqual(failure);
  });

  it('computes nothing again for the same dataset and grouping', async () => {
    const { vs, api } = setUp(null);
    await vs.sync();
    await vs.sync();
    expect(api.cohorts).toHaveBeenCalledTimes(1);
    expect(api.segmentRates).toHaveBeenCalledTimes(1);
  });

  it('fits as of the analysis date it shares with the Segments page, and forgets a fit of another date', async () => {
    const calibrationDefault = vi.fn(async () => ({ calibrationEndDay: 100, lastDay: 200, notice: { code: 'value.calibration.holdout', params: { weeks: 14 } } }));
    const { vs, api, source } = setUp(null, { calibrationDefault });
    await vs.sync();
    expect(calibrationDefault).toHaveBeenLastCalledWith('d', { asOfDay: undefined });
    await vs.fit();
    expect(vs.model.result).not.toBeNull();
    await vs.setAnalysisDay(150);
    expect(source.setAnalysisDay).toHaveBeenCalledWith(150);
    expect(vs.analysisDay).toBe(150);
    expect(vs.model.result).toBeNull();
    expect(calibrationDefault).toHaveBeenLastCalledWith('d', { asOfDay: 150 });
    await vs.fit();
    expect(api.value).toHaveBeenLastCalledWith(expect.any(String), 'd', expect.objectContaining({ asOfDay: 150 }), expect.anything());
  });
});
