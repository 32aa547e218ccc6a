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

export type Phase = 'store' | 'load' | 'read' | 'backup' | 'import' | 'models';

/** The import phase's files, by role: run-bench.mjs writes them and puts them all in `#bench-file`. */
export const IMPORT_FILES = {
  /** All 1M order lines as CSV (import_1m_orders). */
  csv1m: 'orders-1m.csv',
  /** The first 100,000 lines as CSV (import_csv_100k). */
  csv100k: 'orders-100k.csv',
  /** The same 100,000 lines in one sheet of a workbook (import_xlsx_100k). */
  xlsx100k: 'orders-100k.xlsx',
  /** The same 1M lines as the CSV, written as Parquet by DuckDB (import_parquet_1m). */
  parquet1m: 'orders-1m.parquet',
} as const;

export type ImportFileRole = keyof typeof IMPORT_FILES;

/** The workbook's one sheet. */
export const IMPORT_XLSX_SHEET = 'Orders';

/** The header of the orders files (the Parquet file's column names). */
export const IMPORT_HEADER = 'customer_id,order_id,order_date,amount,quantity';

/** What an import of one of those files must find (run-bench.mjs counts it from the generated rows). */
export interface ImportExpect {
  rows: number;
  customers: number;
  returns: number;
}

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
  /**
   * Backups of the stored 1M-order dataset: plain (backup_plain_1m, the baseline), encrypted
   * (backup_encrypted_1m), and the encrypted file restored into an empty database (restore_encrypted_1m).
   */
  backupRestore(): Promise<StepResult>;
  /** Baseline of the import: read the file's text (not timed), then a bare `aq.fromCSV(text)` (arquero_parse). */
  arqueroParse(file: File): Promise<StepResult>;
  /**
   * Not a figure: the import's steps redone one at a time on the 1M CSV, the 100k workbook and the
   * 1M Parquet file (table-breakdown.ts), in notes.
   */
  tableBreakdown(csv: File, xlsx: File, parquet: File): Promise<StepResult>;
  /**
   * CDNOW_master.txt's text: parse (not timed), then rfmSummary + fitBgNbd + fitGammaGamma
   * (cdnow_full_fit), then one summed bgNbdLogLikelihood pass (bgnbd_ll_pass_cdnow).
   */
  cdnowFit(masterText: string): Promise<StepResult>;
  /** cdnow_customers_summary.csv's text: parse (not timed), fitParetoNbd (pareto_nbd_fit), one LL pass (pareto_ll_pass_2357). */
  paretoFit(summaryText: string): Promise<StepResult>;
  /**
   * P(alive), expected purchases in 90 days and 12-month CLV of 100k synthetic customers: in
   * columns (scoreCustomersAt + lifetimeValues, clv_100k), and customer by customer with the
   * single-customer functions (clv_100k_per_customer); the two must agree.
   */
  score100k(): Promise<StepResult>;
  /**
   * The per-customer baseline of score_100k / score_pareto_100k: P(alive) and expected purchases
   * in 39 weeks of the 100k rows, one customer at a time (score_100k_per_customer /
   * score_pareto_100k_per_customer).
   */
  scoreLoop(kind: 'bg-nbd' | 'pareto-nbd'): Promise<StepResult>;
  /** Not timed here: scoreCustomers on the columns given (the page times the round trip). */
  scoreBatch(kind: 'bg-nbd' | 'pareto-nbd', columns: { frequency: Float64Array; recency: Float64Array; T: Float64Array }): Promise<{ probabilityAlive: Float64Array; expectedPurchases: Float64Array }>;
  /** Answers once the worker's module has loaded (so a timed call does not include it). */
  ready(): Promise<true>;
  /** NPS and CSAT per segment of 100k customers with 200k answers (voice_by_segment_100k), and a typed-array counting pass (voice_typed_pass_100k). */
  voiceBySegment(): Promise<StepResult>;
  /** cohortTable on the 1M bench orders (cohort_1m), then the per-customer sum pass (cohort_baseline_pass_1m). */
  cohort1m(): Promise<StepResult>;
  /** allocateBudget over 50 segments (allocate_50_segments, per call), and one pass over their 50 response curves (allocate_curve_pass_50). */
  allocate50(): Promise<StepResult>;
  /**
   * The customer-level portfolio matrix (workers/strategy/portfolio.ts runPortfolioPoints) of the
   * bench's 100k customers by the default RFM grouping, after an untimed warm-up (portfolio_100k),
   * and one netInYear pass over the 1M orders (portfolio_baseline_net_pass_100k).
   */
  portfolio100k(): Promise<StepResult>;
  /** Every ready care list of the bench's 100k customers (care_lists_100k), and one pass over the 1M orders (care_lists_baseline_pass_1m); tests/bench/care-lists.ts. */
  careLists100k(): Promise<StepResult>;
  /** An action's read-out of the bench's 100k customers (10% control) over 30 days of the 1M orders (action_readout_100k), and one pass over the 1M orders (action_readout_baseline_pass_1m); tests/bench/action-readout.ts. */
  actionReadout100k(): Promise<StepResult>;
}
