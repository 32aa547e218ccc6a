/**
 * The engine worker's typed API: the only thing that crosses between the UI and the worker.
 * Arguments and results are plain structured-cloneable data. Long jobs take a job id, report
 * progress through a callback, and stop when `cancel(jobId)` is called. Failures are thrown as
 * plain `{ code, params }` notices that the UI words in the current language.
 */
import type { SnapshotRow } from '../src/lib/db/schema';
import type { BackupManifest, BackupSelection, RestoreResult } from '../src/lib/db/backup';
import type { BackupHeader } from '../src/lib/domain/backup/frames';
import type {
  DashboardKpis, LifecycleOptions, MigrationMatrix, MonthPoint, Notice, WarningRule, ParetoPoint, Persona, RuleGroup, SegmentRule, TierBasis, TierSummary,
} from '../src/lib/domain';
import type { ConvertStats, DateOrder, Delimiter, ImportKind, Reject, TextEncodingName } from '../src/lib/domain/import';

export type JobPhase = 'generating' | 'storing' | 'reading' | 'indexing' | 'importing' | 'fitting' | 'backingUp' | 'restoring';

export interface JobProgress {
  phase: JobPhase;
  done: number;
  total: number;
}

export type ProgressCallback = (progress: JobProgress) => void;

export interface DemoOptions {
  locale: 'zh' | 'en';
  seed?: number;
  /** Replace the data of this dataset (reset) instead of creating a new one. */
  replaceDatasetId?: string;
}

export interface LoadSummary {
  datasetId: string;
  customers: number;
  orders: number;
  /** Milliseconds spent reading and indexing. */
  ms: number;
}

export interface DashboardData {
  datasetId: string;
  kpis: DashboardKpis;
  monthly: MonthPoint[];
}

export type CustomerSortKey =
  | 'id' | 'name' | 'gender' | 'age' | 'city' | 'channel' | 'signup' | 'orders' | 'net' | 'firstOrder' | 'lastOrder'
  | 'pAlive' | 'exp90' | 'clv';

export interface CustomerQuery {
  search?: string;
  /** Only members of this segment of the last segmentation. */
  segment?: string;
  /** After a value fit: only customers whose P(alive) is below this (0–1). */
  maxPAlive?: number;
  sortBy?: CustomerSortKey;
  descending?: boolean;
  offset?: number;
  limit?: number;
}

export interface CustomerRow {
  id: string;
  name: string;
  gender: string;
  age: number | null;
  city: string;
  province: string;
  channel: string;
  signup: number | null;
  orders: number;
  net: number;
  firstOrder: number | null;
  lastOrder: number | null;
  /** After a value fit: P(alive), expected purchases in 90 days, CLV over the chosen horizon. */
  pAlive?: number | null;
  exp90?: number | null;
  clv?: number | null;
}

export interface CustomerPage {
  total: number;
  matched: number;
  offset: number;
  rows: CustomerRow[];
}

export interface CustomerOrderLine {
  orderId: string;
  day: number;
  amount: number;
  quantity: number | null;
  isReturn: boolean;
}

export interface CustomerDetail {
  row: CustomerRow;
  /** Median days between the customer's purchase days (null with fewer than two). */
  usualGapDays: number | null;
  /** 0–1 churn risk from the customer's own rhythm (0.5 at twice the usual gap); null if never bought. */
  rhythmRisk: number | null;
  /** The textbook inputs for this customer: orders per year since the first order, and average order value. */
  simple: { purchasesPerYear: number; averageOrderValue: number } | null;
  /** After a value fit: expected purchases in the next 30 and 365 days, and expected spend per order. */
  model: { exp30: number; exp365: number; spend: number } | null;
  birthDay: number | null;
  acquisitionCost: number | null;
  returns: number;
  lines: CustomerOrderLine[];
  surveys: { day: number; nps: number | null; csat: number | null }[];
  interactions: { day: number; channel: string; kind: string; topic: string; resolved: boolean }[];
}

/** How to score and segment customers with RFM. */
export interface RfmRequest {
  /** Day the recency is counted to; default the day after the last order. */
  analysisDay?: number;
  monetary: 'total' | 'average';
  bins: number;
  /** The user's own bin edges per score, replacing the quantiles. */
  thresholds?: { R?: number[]; F?: number[]; M?: number[] };
  preset: 'rfm11' | 'rfm8' | SegmentRule[];
  reference: 'mean' | 'median';
}

export interface SegmentStat {
  key: string;
  size: number;
  customerShare: number;
  revenue: number;
  revenueShare: number;
  avgRecencyDays: number;
  avgFrequency: number;
  avgMonetary: number;
  avgR: number;
  avgF: number;
  avgM: number;
  /** Mean CLV of the segment's customers after a value fit. */
  meanClv?: number | null;
}

export interface RfmResult {
  analysisDay: number;
  bins: number;
  thresholds: { R: number[]; F: number[]; M: number[] };
  /** Customers per score 1…bins. */
  distributions: { R: number[]; F: number[]; M: number[] };
  /** One cell per R × F score pair. */
  grid: { R: number; F: number; count: number; meanMonetary: number }[];
  segments: SegmentStat[];
  /** Customers with at least one order (prospects have no RFM). */
  scored: number;
  /** Rules that earlier rules shadow completely (never match). */
  shadowed: number[];
}

/** Size and revenue of one group of a grouping. */
export interface GroupCount {
  key: string;
  size: number;
  share: number;
  revenue: number;
  revenueShare: number;
  /** Mean CLV of the group's customers after a value fit. */
  meanClv?: number | null;
}

export interface TiersResult {
  tiers: TierSummary[];
  edges: (number | null)[];
  pareto: ParetoPoint[];
}

export interface LifecycleResult {
  analysisDay: number;
  stages: GroupCount[];
}

export interface RuleResult {
  size: number;
  share: number;
  revenue: number;
  revenueShare: number;
  problems: Notice[];
}

export interface ClusterRequest {
  features: string[];
  k: number | 'auto';
  seed?: number;
}

export interface ClusterResult {
  k: number;
  /** Silhouette per k tried (empty when k was set by hand). */
  scores: { k: number; silhouette: number }[];
  features: string[];
  clusters: (GroupCount & { means: (number | null)[]; traits: { feature: string; level: 'high' | 'low' }[] })[];
}

export interface ValueRequest {
  /** Calibration end; days after it are the holdout. Default: the last order day. */
  calibrationEndDay?: number;
  timeUnit: 'D' | 'W';
  model: 'bgnbd' | 'pareto';
  months: number;
  monthlyDiscountRate: number;
  margin: number;
}

export interface ValueResult {
  calibrationEndDay: number;
  lastDay: number;
  timeUnit: 'D' | 'W';
  customers: number;
  repeaters: number;
  bgNbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number; converged: boolean; se: { r: number; alpha: number; a: number; b: number } };
  paretoNbd: { r: number; alpha: number; s: number; beta: number; logLikelihood: number; converged: boolean; se: { r: number; alpha: number; s: number; beta: number } } | null;
  paretoError: string | null;
  gammaGamma: { p: number; q: number; gamma: number; logLikelihood: number; converged: boolean };
  model: 'bgnbd' | 'pareto';
  /** The better model: lower holdout error when there is a holdout, else higher log-likelihood. */
  better: 'bgnbd' | 'pareto';
  totals: { clv: number; expected90: number; meanPAlive: number };
  /** Mean holdout purchases per customer, actual vs predicted, by calibration frequency (7 = 7+). */
  holdout: { frequency: number; customers: number; actual: number; predicted: number }[];
  holdoutMae: { bgnbd: number | null; pareto: number | null };
  heat: { frequency: number; recency: number; pAlive: number; expected: number }[];
  /** Cumulative repeat purchases per period since the first purchase date: actual and model. */
  tracking: { day: number; actual: number; predicted: number }[];
  bySegment: { key: string; customers: number; totalClv: number; meanClv: number; meanPAlive: number }[];
}

/** Cohort retention: first-purchase month × months since, with the repeat-purchase rate. */
export interface CohortResult {
  cohorts: string[];
  sizes: number[];
  /** Share of the cohort buying in month k after its first (null for an empty cohort). */
  retention: (number | null)[][];
  /** Net revenue in month k as a share of the cohort's first month. */
  revenueRetention: (number | null)[][];
  repeatRate: number | null;
}

export interface AcquisitionResult {
  channels: { channel: string; customers: number; cac: number | null; source: 'fields' | 'table'; meanClv: number | null; ratio: number | null; paybackMonths: number | null }[];
  /** The same per group of the current segmentation (CAC from the members' cost fields). */
  segments: { channel: string; customers: number; cac: number | null; source: 'fields' | 'table'; meanClv: number | null; ratio: number | null; paybackMonths: number | null }[];
  /** Churn rate per 30-day period (customers silent longer than the threshold by the period's end). */
  churn: { periodStart: number; activeAtStart: number; churned: number; rate: number | null }[];
}

export interface WarningsResult {
  /** Day the figures are as of (the last order), null without orders. */
  asOfDay: number | null;
  alerts: { ruleId: string; code: string; params: Record<string, string | number>; count: number; customerIds: string[] }[];
}

/** What the user may override when previewing a file. */
export interface PreviewOverrides {
  encoding?: TextEncodingName;
  delimiter?: Delimiter;
  hasHeader?: boolean;
  kind?: ImportKind;
}

/** First look at a file: how it will be read, and its first rows. */
export interface FilePreview {
  fileName: string;
  size: number;
  encoding: TextEncodingName | null;
  /** Why that encoding: 'bom', 'utf8-valid', 'ascii', 'fallback', or 'user'. */
  encodingReason: string;
  delimiter: Delimiter;
  hasHeader: boolean;
  columnNames: string[];
  /** First data rows, as text. */
  rows: string[][];
  kind: ImportKind;
  mapping: Record<string, number | null>;
  dateOrder: DateOrder;
  dateAmbiguous: boolean;
  /** Stable key of the header, for remembering the user's mapping. */
  signature: string;
  /** Problems that stop the import (empty, binary, no data rows, missing columns…). */
  problems: Notice[];
}

/** How to read one file, as confirmed by the user. */
export interface ImportSettings {
  kind: ImportKind;
  encoding: TextEncodingName;
  delimiter: Delimiter;
  hasHeader: boolean;
  columnNames: string[];
  mapping: Record<string, number | null>;
  dateOrder: DateOrder;
  dropDuplicates: boolean;
}

/** Replace personal data by keyed hashes while importing (DESIGN.md → Import; domain/privacy/pseudonym.ts). */
export interface PseudonymiseOptions {
  /** Keep the mapping pseudonym → identity on this device (settings `pseudonym.map:<datasetId>`). */
  keepMapping: boolean;
}

/** Where the rows go: an existing dataset, or a new one; optionally pseudonymised. */
export type ImportTarget = (
  | { datasetId: string }
  | { newDataset: { name: string; currency: string } }
) & { pseudonymise?: PseudonymiseOptions };

export interface FileImportResult {
  fileName: string;
  kind: ImportKind;
  /** Encoding the file was read with (UTF-8 may have switched to GB18030 past the preview). */
  encoding: TextEncodingName;
  stats: ConvertStats;
  /** Rejected rows in detail (capped; stats.rejected has the full count). */
  rejects: Reject[];
}

export interface ImportResult {
  /** False when no row could be imported: nothing was stored. */
  committed: boolean;
  datasetId: string;
  files: FileImportResult[];
  /** With pseudonymisation: distinct customer ids and names replaced, and whether the mapping was kept. */
  pseudonymised?: { ids: number; names: number; keptMapping: boolean };
}

/** Who a pseudonymised customer is, from the mapping kept on this device. */
export interface PseudonymIdentity {
  /** The original customer id (the stored id when it was not replaced). */
  id: string;
  /** The original name ('' when none was replaced). */
  name: string;
}

/** What this device keeps for pseudonymisation. */
export interface PseudonymStatus {
  /** A pseudonymisation key exists (settings `pseudonym.key`). */
  key: boolean;
  /** Kept mappings, per dataset (the dataset may have been deleted since). */
  mappings: { datasetId: string; customers: number }[];
}

export interface StartInfo {
  /** Pending batches of interrupted writes removed at start-up. */
  swept: number;
}

export interface EngineApi {
  start(): Promise<StartInfo>;
  createDemo(jobId: string, options: DemoOptions, onProgress?: ProgressCallback): Promise<string>;
  load(jobId: string, datasetId: string, onProgress?: ProgressCallback): Promise<LoadSummary>;
  dashboard(datasetId: string, options: { activeDays: number }): Promise<DashboardData>;
  customers(datasetId: string, query: CustomerQuery): Promise<CustomerPage>;
  customer(datasetId: string, customerId: string): Promise<CustomerDetail | null>;
  preview(file: File, overrides?: PreviewOverrides): Promise<FilePreview>;
  importFiles(
    jobId: string, files: { file: File; settings: ImportSettings }[], target: ImportTarget, onProgress?: ProgressCallback,
  ): Promise<ImportResult>;
  rfm(datasetId: string, request: RfmRequest): Promise<RfmResult>;
  cohorts(datasetId: string, maxMonths?: number): Promise<CohortResult>;
  /** Per group of the current segmentation: purchases per buyer per year and average order value. */
  segmentRates(datasetId: string): Promise<{ key: string; buyers: number; purchasesPerYear: number; averageOrderValue: number }[]>;
  /** Check early-warning rules against the loaded dataset. */
  warnings(datasetId: string, rules: WarningRule[]): Promise<WarningsResult>;
  /** CAC per channel (cost fields, or a cost table: total spend per channel), with CLV/CAC after a value fit; churn per period. */
  acquisition(datasetId: string, costTable?: Record<string, number>, inactiveAfterDays?: number): Promise<AcquisitionResult>;
  value(jobId: string, datasetId: string, request: ValueRequest, onProgress?: ProgressCallback): Promise<ValueResult>;
  tiers(datasetId: string, shares: number[], basis: TierBasis): Promise<TiersResult>;
  lifecycle(datasetId: string, options: Omit<LifecycleOptions, 'analysisDay'>): Promise<LifecycleResult>;
  rule(datasetId: string, group: RuleGroup): Promise<RuleResult>;
  clusters(datasetId: string, request: ClusterRequest): Promise<ClusterResult>;
  persona(datasetId: string, segment: string): Promise<Persona | null>;
  /** Save the current segmentation as a snapshot. */
  snapshot(datasetId: string, meta: { scheme: string; label: string }): Promise<SnapshotRow>;
  snapshotAfterImport(datasetId: string, label: string): Promise<SnapshotRow>;
  compareSnapshots(fromId: string, toId: string): Promise<MigrationMatrix>;
  migrationMembers(fromId: string, toId: string, fromKey: string | null, toKey: string | null): Promise<string[]>;
  /** Members of a segment of the last segmentation as CSV text (formula-injection safe). */
  segmentCsv(datasetId: string, segment: string, header: string[], options?: { mask?: boolean }): Promise<string>;
  /** Remove a customer and everything of theirs from the dataset (rows, edits, snapshot entries); returns rows removed. */
  forgetCustomer(datasetId: string, customerId: string): Promise<number>;
  /** Whether a pseudonymisation key and mappings are stored on this device. */
  pseudonymStatus(): Promise<PseudonymStatus>;
  /** The original identity of a stored customer id, when a mapping was kept (else null). */
  pseudonymIdentity(datasetId: string, customerId: string): Promise<PseudonymIdentity | null>;
  /** Delete the kept mapping of a dataset (the pseudonyms stay; who they are is no longer known here). */
  discardPseudonymMapping(datasetId: string): Promise<void>;
  /** A backup file (encrypted when a passphrase is given) of one dataset or of everything. */
  backup(jobId: string, request: BackupRequest, onProgress?: ProgressCallback): Promise<Blob>;
  /** What a backup file holds (checks the passphrase of an encrypted one). */
  inspectBackup(file: Blob, passphrase?: string): Promise<BackupInfo>;
  /** Restore a backup; nothing changes unless the whole file was read and verified. */
  restoreBackup(
    jobId: string, file: Blob, options: { conflict: 'replace' | 'copy'; copyLabel?: string; passphrase?: string }, onProgress?: ProgressCallback,
  ): Promise<RestoreResult>;
  unload(datasetId: string): void;
  /** Close the database connection (before the page deletes it). */
  shutdown(): Promise<void>;
  cancel(jobId: string): void;
}

export interface BackupRequest extends BackupSelection {
  passphrase?: string;
  /** PBKDF2 iterations (at least 600,000). */
  iterations?: number;
  /** Build of the app, written in the file's header. */
  app?: string;
}

export interface BackupInfo {
  header: BackupHeader;
  /** Read with the passphrase (or from a plain file); null when the file is encrypted and no passphrase was given. */
  manifest: BackupManifest | null;
  /** Datasets of the file that already exist in this browser. */
  existing: string[];
}

export type { Notice, BackupManifest, RestoreResult };
