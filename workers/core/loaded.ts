import type { ColumnTable } from 'arquero';
import type { AsOf } from './as-of';
import {
  indexDataset, summarizeCustomers, type CustomerSummary, type DatasetContent, type IndexedDataset, type InteractionColumns,
} from '../../src/lib/domain';
import { applyInteractionEdits, type InteractionEdit } from '../../src/lib/domain/voice/interactions';

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
  /** The interactions as imported, before hand edits (content.interactions has them applied). */
  interactionBase?: InteractionColumns;
  /** The note of each edited interaction, by entry id. */
  interactionNotes?: Map<string, string>;
  /** The scale of the CSAT answers (5, 7 or 10 points; found on first use). */
  csatScale?: 5 | 7 | 10;
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

/**
 * Index decoded content and summarise it per customer; hand edits of interactions (stored
 * apart) are laid over the imported ones.
 */
export function prepareDataset(id: string, content: DatasetContent, edits: readonly InteractionEdit[] = []): LoadedDataset {
  const base = content.interactions;
  const { columns, notes } = applyInteractionEdits(base, edits);
  const edited = { ...content, interactions: columns };
  const indexed = indexDataset(edited);
  return {
    id, content: edited, indexed, summary: summarizeCustomers(indexed.orders, indexed.customers.id.length), groupings: new Map(),
    interactionBase: base, interactionNotes: notes,
  };
}

/** Lay a dataset's hand edits of interactions over its imported ones again (after an edit is saved). */
export function reapplyInteractionEdits(ds: LoadedDataset, edits: readonly InteractionEdit[]): void {
  const { columns, notes } = applyInteractionEdits(ds.interactionBase ?? ds.content.interactions, edits);
  ds.content = { ...ds.content, interactions: columns };
  ds.interactionNotes = notes;
}
