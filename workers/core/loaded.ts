import type { ColumnTable } from 'arquero';
import type { AsOf } from './as-of';
import {
  indexDataset, summarizeCustomers, type CustomerSummary, type DatasetContent, type IndexedDataset,
} from '../../src/lib/domain';

/** One grouping's labels on a loaded dataset: one label per customer ('' = not in any group). */
export interface Segmentation {
  labels: string[];
  recencyDays: Float64Array;
  frequency: Int32Array;
  monetary: Float64Array;
  /** The day the grouping is as of (its analysis day − 1: the last day whose orders count). */
  asOfDay: number;
  /** Net spend per customer by then. */
  net: Float64Array;
  /** The customers a segment's share is of: those with a label (RFM: who bought by then), or all for a rule segment. */
  grouped: number;
}

/** Per-customer value columns of a value fit (NaN for customers without purchases). */
export interface CustomerValue {
  pAlive: Float64Array;
  exp30: Float64Array;
  exp90: Float64Array;
  exp365: Float64Array;
  spend: Float64Array;
  clv: Float64Array;
}

/** What a CLV figure is: the model, the horizon in months and the margin (0–1) it was computed with. */
export interface ValueModel {
  model: 'bgnbd' | 'pareto';
  months: number;
  margin: number;
}

/** A dataset held in the worker's memory, ready for queries. */
export interface LoadedDataset {
  id: string;
  content: DatasetContent;
  indexed: IndexedDataset;
  summary: CustomerSummary;
  /** Built on first use. */
  customerTable?: ColumnTable;
  rowsByCustomer?: { offsets: Int32Array; rows: Int32Array };
  lastQuery?: { key: string; total: number; order: Int32Array };
  /**
   * Groupings computed on this dataset, by handle id: a cache only. A call that works on
   * segments names its grouping by handle, and a grouping missing here is computed again from
   * the handle's definition (workers/segments/handles.ts).
   */
  groupings: Map<string, { key: string; segmentation: Segmentation }>;
  /** Summaries as of earlier days (built on use, a few kept). */
  summaries?: Map<number, CustomerSummary>;
  /** The dataset as of analysis days, for groupings (built on use; workers/core/as-of.ts). */
  asOf?: Map<number | 'default', AsOf>;
  /** Per-customer model results of the last value fit, and its horizon in months. */
  value?: CustomerValue;
  valueMonths?: number;
  /** What the CLV of the last value fit is: its model, horizon in months and margin. */
  valueModel?: ValueModel;
  /** Each customer's usual days between purchases (built on first use), and their median. */
  gaps?: Float64Array;
  baseGap?: number | null;
}

/** Summaries as of earlier days kept per dataset. */
const KEPT_SUMMARIES = 4;

/**
 * The customer summary counting only orders dated on or before `day`: the dataset's own summary
 * when no order is later, else computed (and kept for the next call).
 */
export function summaryAsOf(ds: LoadedDataset, day: number): CustomerSummary {
  let last = -Infinity;
  const s = ds.summary;
  for (let c = 0; c < s.lastDay.length; c++) if (s.lastDay[c] > last) last = s.lastDay[c];
  if (day >= last) return s;
  ds.summaries ??= new Map();
  let kept = ds.summaries.get(day);
  if (!kept) {
    kept = summarizeCustomers(ds.indexed.orders, ds.indexed.customers.id.length, { asOfDay: day });
    ds.summaries.set(day, kept);
    if (ds.summaries.size > KEPT_SUMMARIES) ds.summaries.delete(ds.summaries.keys().next().value!);
  }
  return kept;
}

/** Index decoded content and summarise it per customer. */
export function prepareDataset(id: string, content: DatasetContent): LoadedDataset {
  const indexed = indexDataset(content);
  return { id, content, indexed, summary: summarizeCustomers(indexed.orders, indexed.customers.id.length), groupings: new Map() };
}
