import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { SegmentsState } from '../../../../src/lib/state/segments.svelte';
import type { GroupingHandle, LifecycleResult, RfmRequest, TiersResult } from '../../../../workers/api';
import { fakeContext, freshDatabase, rfmHandle, rfmResult, type FakeApi } from '../../fakes';

const tiersHandle: GroupingHandle = { id: 'tiers:1', definition: { kind: 'tiers', shares: [20, 30, 50], basis: 'customers' } };
const tiersResult: TiersResult = { analysisDay: 20_000, asOfDay: 19_999, tiers: [], edges: [], pareto: [], handle: tiersHandle };

function setUp(over: FakeApi = {}) {
  const api = {
    rfm: vi.fn(async (_id: string, request: RfmRequest) => rfmResult(rfmHandle(request))),
    tiers: vi.fn(async () => tiersResult),
    persona: vi.fn(async () => null),
    customers: vi.fn(async () => ({ total: 1, matched: 1, offset: 0, rows: [] })),
    segmentCsv: vi.fn(async () => 'id\r\n1'),
    snapshot: vi.fn(),
    ...over,
  };
  const ctx = fakeContext(api, { db: freshDatabase('segs') });
  return { ctx, api, segs: new SegmentsState(ctx) };
}

describe('SegmentsState', () => {
  it('saves rule segments by name for reuse, replacing one of the same name', async () => {
    const db = freshDatabase('segs-rules');
    const segs = new SegmentsState(fakeContext({}, { db }));
    await segs.rules.save({ name: ' VIP Shanghai ', combine: 'and', rows: [{ field: 'city', op: 'eq', value: '上海' }] });
    await segs.rules.save({ name: 'Big spenders', combine: 'or', rows: [{ field: 'netSpend', op: 'gte', value: '5000' }] });
    await segs.rules.save({ name: 'VIP Shanghai', combine: 'and', rows: [{ field: 'city', op: 'in', value: '上海, 北京' }] });
    const again = new SegmentsState(fakeContext({}, { db }));
    await again.rules.loadSaved();
    expect(again.rules.saved.map((r) => r.name)).toEqual(['Big spenders', 'VIP Shanghai']);
    expect(again.rules.saved[1].rows[0]).toEqual({ field: 'city', op: 'in', value: '上海, 北京' });
    await again.rules.delete('Big spenders');
    expect(again.rules.saved.map((r) => r.name)).toEqual(['VIP Shanghai']);
  });

  it('one analysis date for every panel: RFM and the panel shown again, the others when next shown, none after a dataset change', async () => {
    const lifecycle = vi.fn(async (): Promise<LifecycleResult> => ({ analysisDay: 1, asOfDay: 1, stages: [], handle: { id: 'l', definition: { kind: 'lifecycle', options: {} } } }));
    const tiers = vi.fn(async () => tiersResult);
    const { segs, api, ctx } = setUp({ lifecycle, tiers });
    await segs.ensure();
    await segs.setMode('tiers');
    await segs.tiers.run([20, 30, 50], 'customers');
    await segs.lifecycle.run({ newWithinDays: 90 });
    expect(api.tiers).toHaveBeenLastCalledWith('d', [20, 30, 50], 'customers', { analysisDay: undefined });
    tiers.mockClear();
    lifecycle.mockClear();
    await segs.setAnalysisDay(19_000);
    expect(segs.analysisDay).toBe(19_000);
    expect(api.rfm).toHaveBeenLastCalledWith('d', expect.objectContaining({ analysisDay: 19_000 }));
    // the panel shown is computed again with its own settings
    expect(tiers).toHaveBeenCalledTimes(1);
    expect(api.tiers).toHaveBeenLastCalledWith('d', [20, 30, 50], 'customers', { analysisDay: 19_000 });
    expect(lifecycle).not.toHaveBeenCalled();
    await segs.setMode('lifecycle');
    expect(lifecycle).toHaveBeenLastCalledWith('d', { newWithinDays: 90, analysisDay: 19_000 });
    // another dataset starts from the latest data
    ctx.revision = { datasetId: 'other' };
    expect(segs.analysisDay).toBeUndefined();
  });

  it('sends the user’s own bin edges with the RFM request, and quantiles when cleared', async () => {
    const { segs, api } = setUp();
    await segs.rfm.setThresholds('F', [1, 2, 5, 10]);
    expect(api.rfm).toHaveBeenLastCalledWith('d', expect.objectContaining({ thresholds: { F: [1, 2, 5, 10] }, preset: 'rfm11' }));
    await segs.rfm.setThresholds('F', []);
    expect(api.rfm).toHaveBeenLastCalledWith('d', expect.objectContaining({ thresholds: { F: undefined } }));
  });

  it('asks for a segment’s persona, members and export by the handle of the grouping shown', async () => {
    const { segs, api, ctx } = setUp({ persona: vi.fn(async () => null) });
    await segs.ensure();
    const rfm = segs.rfm.handle!;
    await segs.select('champions');
    expect(api.persona).toHaveBeenLastCalledWith('d', rfm, 'champions');
    expect(api.customers).toHaveBeenLastCalledWith('d', expect.objectContaining({ segment: { grouping: rfm, key: 'champions' }, offset: 0, limit: 20 }));
    await segs.selection.page(20);
    expect(api.customers).toHaveBeenLastCalledWith('d', expect.objectContaining({ segment: { grouping: rfm, key: 'champions' }, offset: 20 }));
    expect(await segs.selection.csv('champions', ['id'], true)).toBe('id\r\n1');
    expect(api.segmentCsv).toHaveBeenLastCalledWith('d', rfm, 'champions', ['id'], { mask: true });

    // another panel: its own handle, whatever ran before
    await segs.setMode('tiers');
    await segs.tiers.run([20, 30, 50], 'customers');
    await segs.select('tier_1');
    expect(api.persona).toHaveBeenLastCalledWith('d', tiersHandle, 'tier_1');
    expect(segs.scheme).toBe('tiers');
    // the RFM handle the Value page reads is still the RFM one
    expect(segs.rfmHandle(ctx.revision)).toEqual(rfm);
  });

  it('keeps the open segment when RFM runs again and it still exists', async () => {
    const { segs } = setUp({ persona: vi.fn(async () => null) });
    await segs.ensure();
    await segs.select('lost');
    await segs.rfm.setOptions({ bins: 4 });
    expect(segs.selection.key).toBe('lost');
  });

  it('gives the RFM handle only for the dataset revision it was computed for', async () => {
    const { segs, ctx } = setUp();
    await segs.ensure();
    expect(segs.rfmHandle(ctx.revision)).toEqual(segs.rfm.handle);
    expect(segs.rfmHandle({ datasetId: 'd' })).toBeNull();
  });

  it('shows a failing panel’s error as a notice', async () => {
    const { segs } = setUp({ tiers: vi.fn(async () => Promise.reject({ code: 'error.notLoaded', params: { id: 'd' } })) });
    await segs.setMode('tiers');
    await segs.tiers.run([20, 30, 50], 'customers');
    expect(segs.error).toEqual({ code: 'error.notLoaded', params: { id: 'd' } });
    expect(segs.tiers.result).toBeNull();
  });

  it('saves a snapshot of the grouping computed last, by its handle', async () => {
    const { segs, api } = setUp({ snapshot: vi.fn(async () => ({ id: 's1', datasetId: 'd', createdAt: 1, scheme: 'rfm11', label: 'March', auto: false, counts: {} })) });
    await segs.ensure();
    await segs.setMode('snapshots');
    await segs.saveSnapshot('  March  ');
    expect(api.snapshot).toHaveBeenCalledWith('d', segs.rfm.handle, { label: 'March' });
    expect(segs.scheme).toBe('rfm11');
  });
});
