import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { SegmentsState } from '../../src/lib/state/segments.svelte';
import { openDatabase } from '../../src/lib/db';
import type { Workspace } from '../../src/lib/state/workspace.svelte';

function fakeWs(name: string) {
  const rfm = vi.fn(async () => ({ segments: [], analysisDay: 1, bins: 5, thresholds: { R: [], F: [], M: [] }, distributions: { R: [], F: [], M: [] }, grid: [], scored: 0, shadowed: [] }));
  const ws = { db: openDatabase(name), dashboard: { datasetId: 'd' }, engine: { api: { rfm } } } as unknown as Workspace;
  return { ws, rfm };
}

describe('SegmentsState', () => {
  it('saves rule segments by name for reuse, replacing one of the same name', async () => {
    const { ws } = fakeWs('segs-1');
    const segs = new SegmentsState(ws);
    await segs.saveRule({ name: ' VIP Shanghai ', combine: 'and', rows: [{ field: 'city', op: 'eq', value: '上海' }] });
    await segs.saveRule({ name: 'Big spenders', combine: 'or', rows: [{ field: 'netSpend', op: 'gte', value: '5000' }] });
    await segs.saveRule({ name: 'VIP Shanghai', combine: 'and', rows: [{ field: 'city', op: 'in', value: '上海, 北京' }] });
    const again = new SegmentsState(ws);
    await again.loadSavedRules();
    expect(again.savedRules.map((r) => r.name)).toEqual(['Big spenders', 'VIP Shanghai']);
    expect(again.savedRules[1].rows[0]).toEqual({ field: 'city', op: 'in', value: '上海, 北京' });
    await again.deleteRule('Big spenders');
    expect(again.savedRules.map((r) => r.name)).toEqual(['VIP Shanghai']);
  });

  it('sends the user’s own bin edges with the RFM request, and quantiles when cleared', async () => {
    const { ws, rfm } = fakeWs('segs-2');
    const segs = new SegmentsState(ws);
    await segs.setThresholds('F', [1, 2, 5, 10]);
    expect(rfm).toHaveBeenLastCalledWith('d', expect.objectContaining({ thresholds: { F: [1, 2, 5, 10] }, preset: 'rfm11' }));
    await segs.setThresholds('F', []);
    expect(rfm).toHaveBeenLastCalledWith('d', expect.objectContaining({ thresholds: { F: undefined } }));
  });
});
