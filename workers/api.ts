/**
 * The engine worker's typed API: the only thing that crosses between the UI and the worker.
 * Arguments and results are plain structured-cloneable data. Long jobs take a job id, report
 * progress through a callback, and stop when `cancel(jobId)` is called. Failures are thrown as
 * plain `{ code, params }` notices that the UI words in the current language.
 */
import type { DashboardKpis, MonthPoint, Notice } from '../src/lib/domain';

export type JobPhase = 'generating' | 'storing' | 'reading' | 'indexing';

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
  | 'id' | 'name' | 'gender' | 'age' | 'city' | 'channel' | 'signup' | 'orders' | 'net' | 'firstOrder' | 'lastOrder';

export interface CustomerQuery {
  search?: string;
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
  birthDay: number | null;
  acquisitionCost: number | null;
  returns: number;
  lines: CustomerOrderLine[];
  surveys: { day: number; nps: number | null; csat: number | null }[];
  interactions: { day: number; channel: string; kind: string; topic: string; resolved: boolean }[];
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
  unload(datasetId: string): void;
  cancel(jobId: string): void;
}

export type { Notice };
