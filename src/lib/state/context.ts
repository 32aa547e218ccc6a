/**
 * What state classes depend on: narrow views of the workspace, so each class says what it uses
 * and tests hand it a small typed fake instead of a whole workspace.
 */
import type { DatasetRow, WorkbenchDB } from '../db';
import type { EngineClient } from './engine.svelte';

/** A state class working on the current dataset. */
export interface DatasetContext {
  /** Small records (settings, snapshots list) are read and written through src/lib/db functions. */
  readonly db: WorkbenchDB;
  readonly engine: EngineClient;
  /** The current dataset once it is loaded in the engine; null while none is, or while it loads. */
  readonly currentDatasetId: string | null;
  /**
   * Changes whenever the current dataset is (re)loaded (another dataset, an import into it, a
   * change from another tab): results computed for an older revision are stale.
   */
  readonly revision: unknown;
}

/** A state class that also needs the datasets list and can open a dataset. */
export interface DatasetsContext {
  readonly db: WorkbenchDB;
  readonly engine: EngineClient;
  readonly datasets: readonly DatasetRow[];
  /** The current dataset's row (null when there is none). */
  readonly current: DatasetRow | null;
  select(id: string): Promise<void>;
}
