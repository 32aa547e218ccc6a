/**
 * What every area of the engine shares: the database, the one dataset held in memory, and the
 * job runner (cancel flags). Areas get this object, never each other's state.
 */
import { toNotice, type WorkbenchDB } from '../../src/lib/db';
import { Jobs } from './jobs';
import type { LoadedDataset } from './loaded';

export interface EngineContext {
  readonly db: WorkbenchDB;
  readonly jobs: Jobs;
  /** The loaded dataset with this id; a notice `error.notLoaded` when another one (or none) is loaded. */
  current(datasetId: string): LoadedDataset;
  /** The loaded dataset, if any. */
  loaded(): LoadedDataset | undefined;
  setLoaded(ds: LoadedDataset | undefined): void;
  /** Drop a dataset from memory if it is the loaded one (its stored data changed). */
  invalidate(datasetId: string): void;
  /** Run a long job: a checkpoint that throws once the job is cancelled; failures leave as notices. */
  run<T>(jobId: string, work: (checkpoint: () => void) => Promise<T>): Promise<T>;
}

export function createContext(db: WorkbenchDB): EngineContext {
  const jobs = new Jobs();
  let loaded: LoadedDataset | undefined;
  return {
    db,
    jobs,
    current(datasetId) {
      if (!loaded || loaded.id !== datasetId) throw { code: 'error.notLoaded', params: { id: datasetId } };
      return loaded;
    },
    loaded: () => loaded,
    setLoaded(ds) {
      loaded = ds;
    },
    invalidate(datasetId) {
      if (loaded?.id === datasetId) loaded = undefined;
    },
    async run(jobId, work) {
      const job = jobs.begin(jobId);
      try {
        return await work(job.checkpoint);
      } catch (error) {
        throw toNotice(error);
      } finally {
        job.end();
      }
    },
  };
}
