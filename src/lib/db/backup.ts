/**
 * What goes into a backup and how it comes back.
 *
 * A backup holds, for everything or for one dataset: the dataset rows, their committed batches
 * with every chunk (as stored, one at a time, so memory stays at one chunk), customer and
 * feedback edits, playbook cards, the tier design, segment snapshots with their data, actions with their members (the
 * control flags as bytes), KPI targets, and the app's settings (rules, mappings, preferences).
 * Settings under `pseudonym.` (the pseudonymisation key and mappings) are left out unless asked for.
 *
 * Restore writes chunks under *pending* batches while the file is read and verified, and makes
 * everything visible in one transaction after the last frame was authenticated; on any failure the
 * pending batches are discarded, so a wrong passphrase or a damaged file changes nothing.
 */
import { backupError } from '../domain/backup/frames';
import { distinctName } from '../domain/text';
import { encodeRecord, RECORD_END, RECORD_MANIFEST, RECORD_ROW, type BackupRecord } from '../domain/backup/records';
import { datasetOfPseudonymMap, pseudonymMapSetting, PSEUDONYM_PREFIX } from '../domain/privacy/pseudonym';
import { TABLE_KINDS, type TableKind } from '../domain/types';
import { committedBatches, discardBatch, dropDatasetData } from './batches';
import { CURRENT_LAYOUT } from './columnar';
import { newId } from './ids';
import {
  datasetTables, type ActionMembersRow, type ActionRow, type BatchRow, type ChunkRow, type CustomerEditRow, type DatasetRow, type InteractionEditRow, type PlaybookRow, type SettingRow,
  type SnapshotDataRow, type SnapshotRow, type TargetRow, type TierDesignRow, type WorkbenchDB,
} from './schema';
import { SNAPSHOT_LAYOUT } from './snapshots';

/** Settings that describe this browser's session, not the data: never restored from a file. */
const LOCAL_SETTINGS = new Set(['currentDataset', 'backup.lastAt']);

export interface BackupManifest {
  app: 'customer-strategy-workbench';
  /** Dexie schema version of the writer. */
  schema: number;
  scope: 'all' | 'dataset';
  createdAt: number;
  datasets: { id: string; name: string; currency: string; counts: DatasetRow['counts'] }[];
  includesPseudonymKey: boolean;
  /** The dataset that was open when the backup was made (opened again after a restore). */
  current?: string;
}

export interface BackupSelection {
  /** One dataset; everything when absent. */
  datasetId?: string;
  includePseudonymKey?: boolean;
}

type TableName =
  | 'datasets' | 'batches' | 'chunks' | 'customerEdits' | 'interactionEdits' | 'snapshots' | 'snapshotData' | 'playbooks' | 'tierDesigns'
  | 'actions' | 'actionMembers' | 'targets' | 'settings';

function row(table: TableName, value: object, bytes?: Uint8Array): Uint8Array[] {
  return encodeRecord(RECORD_ROW, { t: table, r: value }, bytes);
}

/** Total rows a selection will back up (for progress). */
export async function backupSize(db: WorkbenchDB, selection: BackupSelection): Promise<{ datasets: DatasetRow[]; chunks: number }> {
  const datasets = selection.datasetId
    ? [await db.datasets.get(selection.datasetId)].filter((d): d is DatasetRow => !!d)
    : await db.datasets.toArray();
  if (selection.datasetId && datasets.length === 0) throw { code: 'backup.noDataset' };
  let chunks = 0;
  for (const d of datasets) chunks += await db.chunks.where('datasetId').equals(d.id).count();
  return { datasets, chunks };
}

/**
 * The records of a backup, in order, as byte parts for BackupWriter.write. `onChunk` is called
 * after each stored chunk.
 */
export async function* backupRecords(
  db: WorkbenchDB, selection: BackupSelection, onChunk?: () => void,
): AsyncGenerator<Uint8Array[]> {
  const { datasets } = await backupSize(db, selection);
  const manifest: BackupManifest = {
    app: 'customer-strategy-workbench', schema: db.verno, scope: selection.datasetId ? 'dataset' : 'all', createdAt: Date.now(),
    datasets: datasets.map((d) => ({ id: d.id, name: d.name, currency: d.currency, counts: d.counts })),
    includesPseudonymKey: !!selection.includePseudonymKey,
  };
  const current = (await db.settings.get('currentDataset'))?.value;
  if (typeof current === 'string' && datasets.some((d) => d.id === current)) manifest.current = current;
  yield encodeRecord(RECORD_MANIFEST, manifest);
  let records = 0;
  for (const dataset of datasets) {
    yield row('datasets', dataset);
    records++;
    for (const batch of await committedBatches(db, dataset.id)) {
      yield row('batches', batch);
      records++;
      const keys = await db.chunks.where('[batchId+seq]').between([batch.id, -Infinity], [batch.id, Infinity]).primaryKeys();
      for (const key of keys) {
        const chunk = await db.chunks.get(key);
        if (!chunk) continue;
        const { bytes, ...rest } = chunk;
        yield row('chunks', rest, bytes);
        records++;
        onChunk?.();
      }
    }
    for (const edit of await db.customerEdits.where('datasetId').equals(dataset.id).toArray()) {
      yield row('customerEdits', edit);
      records++;
    }
    for (const edit of await db.interactionEdits.where('datasetId').equals(dataset.id).toArray()) {
      yield row('interactionEdits', edit);
      records++;
    }
    for (const card of await db.playbooks.where('datasetId').equals(dataset.id).toArray()) {
      yield row('playbooks', card);
      records++;
    }
    const design = await db.tierDesigns.get(dataset.id);
    if (design) {
      yield row('tierDesigns', design);
      records++;
    }
    for (const action of await db.actions.where('datasetId').equals(dataset.id).toArray()) {
      const members = await db.actionMembers.get(action.id);
      yield row('actions', action);
      records++;
      if (members) {
        // the control flags travel as the record's bytes
        const { control, ...rest } = members;
        yield row('actionMembers', rest, control);
        records++;
      }
    }
    for (const target of await db.targets.where('datasetId').equals(dataset.id).toArray()) {
      yield row('targets', target);
      records++;
    }
    for (const snapshot of await db.snapshots.where('datasetId').equals(dataset.id).toArray()) {
      const data = await db.snapshotData.get(snapshot.id);
      yield row('snapshots', snapshot);
      records++;
      if (data) {
        const { bytes, ...rest } = data;
        yield row('snapshotData', rest, bytes);
        records++;
      }
    }
  }
  for (const setting of await db.settings.toArray()) {
    if (LOCAL_SETTINGS.has(setting.key)) continue;
    if (setting.key.startsWith(PSEUDONYM_PREFIX) && !selection.includePseudonymKey) continue;
    // another dataset's pseudonym mapping is not part of a one-dataset backup
    const mapped = datasetOfPseudonymMap(setting.key);
    if (mapped && !datasets.some((d) => d.id === mapped)) continue;
    yield row('settings', setting);
    records++;
  }
  yield encodeRecord(RECORD_END, { records });
}

export interface RestoreOptions {
  /** What to do with a dataset that already exists here: replace it, or keep both (the restored one renamed). */
  conflict: 'replace' | 'copy';
  /** Appended to a kept-both dataset's name, e.g. "(restored)". */
  copyLabel?: string;
  /** Called when a pending batch was created (e.g. to lock it against another tab's sweep). */
  onPendingBatch?: (batchId: string) => Promise<void> | void;
  onChunk?: () => void;
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Ids of the restored datasets in this browser, in the file's order. */
  datasetIds: string[];
  /** The restored dataset to open (the one open when the backup was made, else the first). */
  current: string | null;
  chunks: number;
}

const damaged = () => backupError('backup.damaged');
const KNOWN_KINDS = new Set<TableKind>(TABLE_KINDS);

function isManifest(value: unknown): value is BackupManifest {
  const m = value as BackupManifest;
  return !!m && m.app === 'customer-strategy-workbench' && Number.isInteger(m.schema) && Array.isArray(m.datasets);
}

/** Reads the manifest, the first record of a backup. */
export async function readManifest(records: AsyncIterator<BackupRecord>, db: WorkbenchDB): Promise<BackupManifest> {
  const first = await records.next();
  if (first.done || first.value.tag !== RECORD_MANIFEST || !isManifest(first.value.json)) throw damaged();
  const manifest = first.value.json;
  if (manifest.schema > db.verno) throw backupError('backup.newerFormat', { format: manifest.schema });
  return manifest;
}

/**
 * Restore the records of a backup (after its manifest). Nothing is visible before the end record
 * has been read and checked; on failure, everything written so far is discarded.
 */
export async function restoreRecords(
  db: WorkbenchDB, manifest: BackupManifest, records: AsyncIterator<BackupRecord>, options: RestoreOptions,
): Promise<RestoreResult> {
  const datasets: DatasetRow[] = [];
  const datasetMap = new Map<string, string>();
  const batchMap = new Map<string, BatchRow>();
  const edits: CustomerEditRow[] = [];
  const interactionEdits: InteractionEditRow[] = [];
  const playbooks: PlaybookRow[] = [];
  const tierDesigns: TierDesignRow[] = [];
  const snapshots: SnapshotRow[] = [];
  const snapshotData: SnapshotDataRow[] = [];
  const snapshotMap = new Map<string, string>();
  const actions: ActionRow[] = [];
  const actionMembers: ActionMembersRow[] = [];
  const actionMap = new Map<string, string>();
  const targets: TargetRow[] = [];
  const settings: SettingRow[] = [];
  const pending: string[] = [];
  let count = 0;
  let chunks = 0;
  let ended = false;

  const datasetOf = (id: unknown): string => {
    const mapped = typeof id === 'string' ? datasetMap.get(id) : undefined;
    if (!mapped) throw damaged();
    return mapped;
  };

  try {
    for (let next = await records.next(); !next.done; next = await records.next()) {
      const record = next.value;
      if (ended) throw damaged();
      if (record.tag === RECORD_END) {
        const end = record.json as { records?: unknown };
        if (end?.records !== count) throw damaged();
        ended = true;
        continue;
      }
      if (record.tag !== RECORD_ROW) throw damaged();
      const { t: table, r: value } = (record.json ?? {}) as { t?: TableName; r?: Record<string, unknown> };
      if (!value || typeof value !== 'object') throw damaged();
      count++;
      switch (table) {
        case 'datasets': {
          const d = value as unknown as DatasetRow;
          if (typeof d.id !== 'string' || typeof d.name !== 'string' || datasetMap.has(d.id)) throw damaged();
          const existing = await db.datasets.get(d.id);
          const copy = existing && options.conflict === 'copy';
          const id = copy ? newId('ds') : d.id;
          datasetMap.set(d.id, id);
          // a name no other dataset has (the one this replaces aside): "Shop (restored) 2" for a second copy
          const others = (await db.datasets.toArray()).filter((x) => x.id !== id).map((x) => x.name).concat(datasets.map((x) => x.name));
          const wanted = copy && options.copyLabel ? `${d.name} ${options.copyLabel}` : d.name;
          datasets.push({ ...d, id, name: distinctName(wanted, others) });
          break;
        }
        case 'batches': {
          const b = value as unknown as BatchRow;
          if (typeof b.id !== 'string' || batchMap.has(b.id)) throw damaged();
          const id = (await db.batches.get(b.id)) ? newId('b') : b.id;
          const batch: BatchRow = { ...b, id, datasetId: datasetOf(b.datasetId), status: 'pending' };
          await db.batches.add(batch);
          pending.push(id);
          batchMap.set(b.id, batch);
          await options.onPendingBatch?.(id);
          break;
        }
        case 'chunks': {
          const c = value as unknown as ChunkRow;
          const batch = typeof c.batchId === 'string' ? batchMap.get(c.batchId) : undefined;
          if (!batch || !record.binary || !Number.isInteger(c.seq) || !KNOWN_KINDS.has(c.kind) || !Number.isInteger(c.rows)) throw damaged();
          if (c.layout > CURRENT_LAYOUT) throw backupError('backup.newerFormat', { format: c.layout });
          await db.chunks.add({ ...c, batchId: batch.id, datasetId: batch.datasetId, bytes: record.binary });
          chunks++;
          options.onChunk?.();
          break;
        }
        case 'customerEdits': {
          const e = value as unknown as CustomerEditRow;
          if (typeof e.customerId !== 'string') throw damaged();
          edits.push({ ...e, datasetId: datasetOf(e.datasetId) });
          break;
        }
        case 'interactionEdits': {
          const e = value as unknown as InteractionEditRow;
          if (typeof e.entryId !== 'string' || typeof e.customerId !== 'string' || !e.fields || typeof e.fields !== 'object') throw damaged();
          interactionEdits.push({ ...e, datasetId: datasetOf(e.datasetId) });
          break;
        }
        case 'playbooks': {
          const p = value as unknown as PlaybookRow;
          if (typeof p.scheme !== 'string' || typeof p.segment !== 'string' || !p.card || typeof p.card !== 'object') throw damaged();
          playbooks.push({ ...p, datasetId: datasetOf(p.datasetId) });
          break;
        }
        case 'tierDesigns': {
          const t = value as unknown as TierDesignRow;
          if (!t.design || typeof t.design !== 'object') throw damaged();
          tierDesigns.push({ ...t, datasetId: datasetOf(t.datasetId) });
          break;
        }
        case 'actions': {
          const a = value as unknown as ActionRow;
          if (typeof a.id !== 'string' || actionMap.has(a.id) || !a.action || typeof a.action !== 'object') throw damaged();
          const datasetId = datasetOf(a.datasetId);
          const clash = await db.actions.get(a.id);
          const id = clash && clash.datasetId !== datasetId ? newId('act') : a.id;
          actionMap.set(a.id, id);
          actions.push({ ...a, id, datasetId });
          break;
        }
        case 'actionMembers': {
          const m = value as unknown as ActionMembersRow;
          const id = typeof m.id === 'string' ? actionMap.get(m.id) : undefined;
          // an action of no customers has no bytes
          const control = record.binary ?? new Uint8Array(0);
          if (!id || !Array.isArray(m.customerIds) || m.customerIds.length !== control.length) throw damaged();
          actionMembers.push({ id, customerIds: m.customerIds.map(String), control });
          break;
        }
        case 'targets': {
          const t = value as unknown as TargetRow;
          if (typeof t.kpi !== 'string' || !t.target || typeof t.target !== 'object') throw damaged();
          targets.push({ ...t, datasetId: datasetOf(t.datasetId) });
          break;
        }
        case 'snapshots': {
          const s = value as unknown as SnapshotRow;
          if (typeof s.id !== 'string') throw damaged();
          const datasetId = datasetOf(s.datasetId);
          const clash = await db.snapshots.get(s.id);
          const id = clash && clash.datasetId !== datasetId ? newId('snap') : s.id;
          snapshotMap.set(s.id, id);
          snapshots.push({ ...s, id, datasetId });
          break;
        }
        case 'snapshotData': {
          const s = value as unknown as SnapshotDataRow;
          const id = typeof s.id === 'string' ? snapshotMap.get(s.id) : undefined;
          if (!id || !record.binary) throw damaged();
          if (s.layout > SNAPSHOT_LAYOUT) throw backupError('backup.newerFormat', { format: s.layout });
          snapshotData.push({ ...s, id, bytes: record.binary });
          break;
        }
        case 'settings': {
          const s = value as unknown as SettingRow;
          if (typeof s.key !== 'string') throw damaged();
          if (LOCAL_SETTINGS.has(s.key)) break;
          // a kept pseudonym mapping follows its dataset when that got a new id (keep both)
          const mapped = datasetOfPseudonymMap(s.key);
          settings.push(mapped && datasetMap.has(mapped) ? { ...s, key: pseudonymMapSetting(datasetMap.get(mapped)!) } : s);
          break;
        }
        default:
          throw damaged();
      }
    }
    if (!ended) throw backupError('backup.truncated');
    // every batch's chunks arrived
    for (const batch of batchMap.values()) {
      const expected = Object.values(batch.tables).reduce((n, t) => n + (t?.chunks ?? 0), 0);
      const stored = await db.chunks.where('batchId').equals(batch.id).count();
      if (stored !== expected) throw damaged();
    }

    const current = (manifest.current && datasetMap.get(manifest.current)) || datasets[0]?.id || null;
    await db.transaction('rw', [db.datasets, ...datasetTables(db), db.settings], async () => {
      const restoredBatches = new Set(pending);
      for (const dataset of datasets) {
        // replacing: the dataset's present data goes, in this same transaction
        await dropDatasetData(db, dataset.id, restoredBatches);
        await db.datasets.put(dataset);
      }
      for (const batch of batchMap.values()) await db.batches.put({ ...batch, status: 'committed', committedAt: batch.committedAt ?? Date.now() });
      await db.customerEdits.bulkPut(edits);
      await db.interactionEdits.bulkPut(interactionEdits);
      await db.snapshots.bulkPut(snapshots);
      await db.snapshotData.bulkPut(snapshotData);
      await db.playbooks.bulkPut(playbooks);
      await db.tierDesigns.bulkPut(tierDesigns);
      await db.actions.bulkPut(actions);
      await db.actionMembers.bulkPut(actionMembers);
      await db.targets.bulkPut(targets);
      for (const setting of settings) {
        if (options.conflict === 'copy' && (await db.settings.get(setting.key))) continue;
        await db.settings.put(setting);
      }
      if (current) await db.settings.put({ key: 'currentDataset', value: current });
    });
    return { manifest, datasetIds: datasets.map((d) => d.id), current, chunks };
  } catch (error) {
    for (const id of pending) await discardBatch(db, id).catch(() => undefined);
    throw error;
  }
}
