/** What the bench worker and page report back to run-bench.mjs. */

/** One timed figure, in milliseconds. */
export interface Timing {
  name: string;
  ms: number;
  rows: number;
}

/** Extra facts printed to stderr (sizes, breakdowns, warm medians). */
export type Notes = Record<string, string | number>;

export interface StepResult {
  timings: Timing[];
  notes: Notes;
}

export type Phase = 'store' | 'load' | 'read' | 'import';

export type BenchResult =
  | { ok: true; phase: Phase; timings: Timing[]; notes: Notes }
  | { ok: false; phase: string; error: string };

export interface BenchWorkerApi {
  /** Baseline: encode every chunk of the dataset without writing (serialise_1m_orders). */
  serialise(): Promise<StepResult>;
  /** Delete the bench database, then write the dataset with storeDataset (store_1m_orders). */
  store(): Promise<StepResult>;
  /** In a freshly loaded page: engine load, dashboard, customers page, and their baselines. */
  loadAndQuery(): Promise<StepResult>;
  /** In a freshly loaded page: bare readChunks (read_chunks_1m), then a decode/index breakdown. */
  readChunksOnly(): Promise<StepResult>;
  /** Baseline of the import: read the file's text (not timed), then a bare `aq.fromCSV(text)` (arquero_parse). */
  arqueroParse(file: File): Promise<StepResult>;
}
