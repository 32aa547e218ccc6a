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
 * - `playbooks` (v4): the Strategy page's service playbook cards edited by hand, one per dataset,
 *   scheme (rfm11, tiers, lifecycle…) and segment, with the card before the last change (undo).
 * - `tierDesigns` (v4): the loyalty tier design of a dataset (basis, thresholds, names, benefits).
 * - `actions` (v5): the Actions page's actions (name, type, day, owner, channel, cost, offer,
 *   status, control share and seed, read-out window), light enough to list; their members (the
 *   customer ids and which are control) in `actionMembers`, read only when one is exported or read out.
 * - `targets` (v5): the KPI targets of a dataset, one per KPI (value, direction, amber band).
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

/** A service playbook card edited by hand (the Strategy page), with the card before its last change. */
export interface PlaybookRow {
  datasetId: string;
  /** The segments' scheme ('rfm11', 'rfm8', 'tiers', 'lifecycle', 'clusters', 'rules', 'attribute', …). */
  scheme: string;
  segment: string;
  /** The card's fields as saved (see src/lib/domain/strategy/playbook.ts). */
  card: Record<string, unknown>;
  updatedAt: number;
  /** The card before the last change (null: it was the template), for one undo. */
  previous?: { card: Record<string, unknown> | null; updatedAt: number } | null;
}

/** A dataset's loyalty tier design (the Strategy page). */
export interface TierDesignRow {
  datasetId: string;
  /** The design as saved (see src/lib/domain/strategy/loyalty.ts). */
  design: Record<string, unknown>;
  updatedAt: number;
}

/** An action of the Actions page (see src/lib/db/actions.ts for its fields). */
export interface ActionRow {
  id: string;
  datasetId: string;
  /** The action as saved (name, type, day, owner, channel, costPerContact, offer, status, controlShare, seed, source, window…). */
  action: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

/** The customers of an action: ids in the order listed, and which of them are the control group. */
export interface ActionMembersRow {
  id: string;
  customerIds: string[];
  /** 1 = control, 0 = treated; same length as customerIds. */
  control: Uint8Array;
}

/** A KPI target of a dataset (see src/lib/db/targets.ts). */
export interface TargetRow {
  datasetId: string;
  /** customers, activeCustomers, revenue, aov, frequency, repurchaseRate, churn, nps, csat, complaintRate. */
  kpi: string;
  target: Record<string, unknown>;
  updatedAt: number;
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
  playbooks: Dexie.Table<PlaybookRow, [string, string, string]>;
  tierDesigns: EntityTable<TierDesignRow, 'datasetId'>;
  actions: EntityTable<ActionRow, 'id'>;
  actionMembers: EntityTable<ActionMembersRow, 'id'>;
  targets: Dexie.Table<TargetRow, [string, string]>;
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

/** Schema v3: interaction edits, and counts of SERVQUAL answers and importance points (shipped: never edit; add version(4) instead). */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  interactionEdits: '[datasetId+entryId], datasetId, [datasetId+customerId]',
};

/** Schema v4: service playbook cards and loyalty tier designs (shipped: never edit; add version(5) instead). */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  playbooks: '[datasetId+scheme+segment], datasetId',
  tierDesigns: 'datasetId',
};

/** Schema v5: actions with their members (control groups) and KPI targets (add version(6) for more). */
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  actions: 'id, datasetId',
  actionMembers: 'id',
  targets: '[datasetId+kpi], datasetId',
};

/** The tables that hold a dataset's own rows (besides datasets itself): what a delete or a replace clears. */
export function datasetTables(db: WorkbenchDB) {
  return [db.batches, db.chunks, db.customerEdits, db.interactionEdits, db.snapshots, db.snapshotData, db.playbooks, db.tierDesigns, db.actions, db.actionMembers, db.targets];
}

/** The newest schema version openDatabase declares (IndexedDB sees 10 × it). */
export const SCHEMA_VERSION = 5;

/** Open (or create) the database. */
export function openDatabase(name = DB_NAME): WorkbenchDB {
  const db = new Dexie(name) as WorkbenchDB;
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2);
  db.version(3).stores(SCHEMA_V3).upgrade((tx) =>
    tx.table('datasets').toCollection().modify((d: DatasetRow) => {
      d.counts = { ...d.counts, servqual: d.counts?.servqual ?? 0, importance: d.counts?.importance ?? 0 };
    }));
  db.version(4).stores(SCHEMA_V4);
  db.version(5).stores(SCHEMA_V5);
  return db;
}
