// Typed fakes for state classes: an engine answering only the calls a test names, and the narrow
// contexts state classes depend on (no whole Workspace, no casts through unknown).
import 'fake-indexeddb/auto';
import type { Remote } from 'comlink';
import type { EngineApi, GroupingHandle, RfmRequest, RfmResult } from '../../workers/api';
import { openDatabase, type DatasetRow, type WorkbenchDB } from '../../src/lib/db';
import { EngineClient } from '../../src/lib/state/engine.svelte';
import type { DatasetContext, DatasetsContext } from '../../src/lib/state/context';

/** The engine calls a test answers, as the worker implements them (the others are absent: calling one fails the test). */
export type FakeApi = Partial<EngineApi>;

/**
 * An engine client over a fake API. Comlink's `Remote` only adds proxy plumbing (release,
 * endpoints) that state classes never use, so the plain methods stand in for it.
 */
export function fakeEngine(api: FakeApi): EngineClient {
  return new EngineClient(api as Remote<EngineApi>);
}

let databases = 0;

/** A fresh database per call (fake-indexeddb). */
export function freshDatabase(prefix = 'component'): WorkbenchDB {
  return openDatabase(`${prefix}-${++databases}-${Date.now()}`);
}

/** A context on a loaded dataset 'd' (revision fixed unless the test changes it). */
export function fakeContext(api: FakeApi, over: Partial<{ db: WorkbenchDB; currentDatasetId: string | null; revision: unknown }> = {}): DatasetContext & { revision: unknown; currentDatasetId: string | null } {
  return { db: over.db ?? freshDatabase(), engine: fakeEngine(api), currentDatasetId: 'currentDatasetId' in over ? over.currentDatasetId! : 'd', revision: over.revision ?? { datasetId: 'd' } };
}

/** A datasets context: a list, the current row, and `select` recording the ids opened. */
export function fakeDatasets(api: FakeApi, over: Partial<{ db: WorkbenchDB; datasets: DatasetRow[]; current: DatasetRow | null }> = {}): DatasetsContext & { current: DatasetRow | null; selected: string[] } {
  const selected: string[] = [];
  return {
    db: over.db ?? freshDatabase(), engine: fakeEngine(api), datasets: over.datasets ?? [], current: over.current ?? null, selected,
    select: async (id: string) => { selected.push(id); },
  };
}

export const datasetRow = (id: string, over: Partial<DatasetRow> = {}): DatasetRow => ({
  id, name: `Set ${id}`, currency: 'CNY', origin: 'import', createdAt: 1, updatedAt: 10,
  counts: { customers: 5, orders: 9, surveys: 0, interactions: 0, servqual: 0, importance: 0 }, ...over,
});

/** A handle as the engine would return it for an RFM request. */
export const rfmHandle = (request: RfmRequest, id = `rfm:${JSON.stringify(request.preset)}`): GroupingHandle => ({ id, definition: { kind: 'rfm', request } });

/** An RFM result with the given segments (sizes only) and handle. */
export function rfmResult(handle: GroupingHandle, keys: string[] = ['champions', 'lost']): RfmResult {
  return {
    analysisDay: 20_000, asOfDay: 19_999, bins: 5, thresholds: { R: [], F: [], M: [] }, distributions: { R: [], F: [], M: [] }, grid: [], scored: keys.length,
    shadowed: [], method: 'tie-aware', warnings: [], handle,
    segments: keys.map((key) => ({
      key, size: 1, customerShare: 1 / keys.length, revenue: 1, revenueShare: 1 / keys.length, avgRecencyDays: 1, avgFrequency: 1, avgMonetary: 1,
      avgR: 1, avgF: 1, avgM: 1,
    })),
  };
}
