import type { ColumnTable } from 'arquero';
import type { Segmentation } from './segments';
import type { CustomerValue } from './value';
import {
  indexDataset, summarizeCustomers, type CustomerSummary, type DatasetContent, type IndexedDataset,
} from '../../src/lib/domain';

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
  /** Labels of the last segmentation run on this dataset. */
  segmentation?: Segmentation;
  /** Per-customer facts for groupings (built on first use). */
  facts?: {
    analysisDay: number; net: Float64Array; recency: Float64Array; age: Float64Array; tenure: Float64Array; aov: Float64Array;
  };
  /** Per-customer model results of the last value fit, and its horizon in months. */
  value?: CustomerValue;
  valueMonths?: number;
  /** Each customer's usual days between purchases (built on first use), and their median. */
  gaps?: Float64Array;
  baseGap?: number | null;
}

/** Index decoded content and summarise it per customer. */
export function prepareDataset(id: string, content: DatasetContent): LoadedDataset {
  const indexed = indexDataset(content);
  return { id, content, indexed, summary: summarizeCustomers(indexed.orders, indexed.customers.id.length) };
}
