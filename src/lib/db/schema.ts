/**
 * The one IndexedDB database of the app, through Dexie.
 *
 * What is stored where:
 * - `datasets`: one row per dataset (name, currency, origin, row counts).
 * - `batches`: the manifest of each write (import, demo): pending until committed in one short
 *   transaction; readers see committed batches only; pending leftovers are swept at start-up.
 *   An import's batch lists its files with their SHA-256 (not indexed: a dataset has few batches),
 *   so a file imported again is recognised; Data & storage lists and removes batches.
 * - `chunks`: columnar data (orders, customers, surveys, interactions) as Arrow IPC bytes,
 *   keyed by batch and sequence number, each with the layout it was written with.
 * - `customerEdits`: per-customer corrections, notes and tags, overriding imported values.
 * - `settings`: small app preferences (language, current dataset, active window, …).
 * - `snapshots` (v2): dated segment memberships of a dataset (metadata and counts), with their
 *   per-customer labels as Arrow IPC bytes in `snapshotData`, read only when compared.
 * - `interactionEdits` (v3): feedback and complaints added by hand on a customer's page, and
 *   changes to imported ones (marked resolved with a note, corrected), applied over the chunks
 *   when a dataset is loaded. v3 also gives every dataset's counts the SERVQUAL kinds.
 *
 * Versions only grow. A shipped `version(n)` is never edited; data changes go in `.upgrade()`,
 * and tests/db/lib/db/schema.test.ts opens a fixture of the previous version and upgrades it.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { TableKind } from '../domain/types';
import type { ImportKind } from '../domain/import/fields';
import type { InteractionEdit } from '../domain/voice/interactions';

export const DB_NAME = 'customer-strategy-workbench';

export type DatasetOrigin = 'demo' | 'import';

export interface DatasetRow {
  id: string;
  name: string;
  /** ISO 4217 code; belongs to the data, not the interface language. */
  currency: string;
  origin: DatasetOrigin;
  /** Seed and locale a demo was generated with, so it can be reset. */
  demo?: { seed: number; locale: string };
  createdAt: number;
  updatedAt: number;
  counts: Record<TableKind, number>;
  /** Some import into it replaced identities by pseudonyms (later imports are pseudonymised by default). */
  pseudonymised?: boolean;
}

export type BatchStatus = 'pending' | 'committed';

/** One imported file of a batch: recognised by its content when it is imported again. */
export interface BatchFile {
  name: string;
  size: number;
  kind: ImportKind;
  /** SHA-256 of the file's bytes, lowercase hex. */
  sha256: string;
}

export interface BatchRow {
  id: string;
  datasetId: string;
  status: BatchStatus;
  /** What produced the batch, e.g. 'demo' or a file name. */
  source: string;
  createdAt: number;
  committedAt?: number;
  /** Rows and chunks written per table kind. */
  tables: Partial<Record<TableKind, { rows: number; chunks: number }>>;
  /** The files an import read (absent for the demo and for imports made before file hashes were kept). */
  files?: BatchFile[];
}

export interface ChunkRow {
  batchId: string;
  seq: number;
  datasetId: string;
  kind: TableKind;
  layout: number;
  rows: number;
  bytes: Uint8Array;
}

export interface CustomerEditRow {
  datasetId: string;
  customerId: string;
  fields: Record<string, string | number>;
  note?: string;
  tags?: string[];
  updatedAt: number;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export interface SnapshotRow {
  id: string;
  datasetId: string;
  createdAt: number;
  /** What was segmented, e.g. 'rfm11' or 'tiers'. */
  scheme: string;
  /** Free text shown to the user (e.g. the imported file's name). */
  label: string;
  /** True when saved automatically (at an import). */
  auto: boolean;
  /** Customers per segment key. */
  counts: Record<string, number>;
  /** Total CLV per segment key, when a value model had been fitted (optional). */
  clv?: Record<string, number>;
  /** The day the segments are as of (the last day whose orders counted); absent in older snapshots. */
  asOfDay?: number;
}

export interface SnapshotDataRow {
  id: string;
  layout: number;
  /** Arrow IPC stream with utf8 columns customerId and segment. */
  bytes: Uint8Array;
}

/** A hand edit of an interaction (see InteractionEdit), in the dataset it belongs to. */
export interface InteractionEditRow extends InteractionEdit {
  datasetId: string;
}

export type WorkbenchDB = Dexie & {
  datasets: EntityTable<DatasetRow, 'id'>;
  batches: EntityTable<BatchRow, 'id'>;
  chunks: Dexie.Table<ChunkRow, [string, number]>;
  customerEdits: Dexie.Table<CustomerEditRow, [string, string]>;
  settings: EntityTable<SettingRow, 'key'>;
  snapshots: EntityTable<SnapshotRow, 'id'>;
  snapshotData: EntityTable<SnapshotDataRow, 'id'>;
  interactionEdits: Dexie.Table<InteractionEditRow, [string, string]>;
};

/** Schema v1 (shipped: never edit; add version(2) instead). */
export const SCHEMA_V1 = {
  datasets: 'id, createdAt',
  batches: 'id, datasetId, status',
  chunks: '[batchId+seq], datasetId, batchId',
  customerEdits: '[datasetId+customerId], datasetId',
  settings: 'key',
};

/** Schema v2: segment snapshots (shipped: never edit; add version(3) instead). */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  snapshots: 'id, datasetId, createdAt',
  snapshotData: 'id',
};

/** Schema v3: interaction edits, and counts of SERVQUAL answers and importance points (add version(4) for more). */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  interactionEdits: '[datasetId+entryId], datasetId, [datasetId+customerId]',
};

/** Open (or create) the database. */
export function openDatabase(name = DB_NAME): WorkbenchDB {
  const db = new Dexie(name) as WorkbenchDB;
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2);
  db.version(3).stores(SCHEMA_V3).upgrade((tx) =>
    tx.table('datasets').toCollection().modify((d: DatasetRow) => {
      d.counts = { ...d.counts, servqual: d.counts?.servqual ?? 0, importance: d.counts?.importance ?? 0 };
    }));
  return db;
}
