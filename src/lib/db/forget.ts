/**
 * Forget one customer (个人信息删除): remove the customer, their orders, survey answers, SERVQUAL answers
 * and importance points, interactions, edits (feedback kept by hand too), snapshot entries, their place in
 * actions (action members, control or treated) and
 * pseudonym mapping entry, and blank them as the referrer of anyone they referred. Affected chunks
 * are decoded, filtered and re-encoded
 * first; then one transaction replaces them all, so the dataset is never half-forgotten.
 */
import { pseudonymMapSetting, restorePseudonymMap, withoutPseudonym } from '../domain/privacy/pseudonym';
import { CUSTOMER_ID_COLUMN, type TableColumnsByKind, type TableKind } from '../domain/types';
import { committedBatches } from './batches';
import { CURRENT_LAYOUT, decodeChunk, decodeStrings, encodeChunk, encodeStrings, rowCount } from './columnar';
import { SNAPSHOT_LAYOUT } from './snapshots';
import type { ActionMembersRow, ChunkRow, WorkbenchDB } from './schema';


/** Rows of a decoded table whose customer is not `customerId`. */
function without<K extends TableKind>(kind: K, table: TableColumnsByKind[K], customerId: string): { kept: TableColumnsByKind[K]; removed: number } {
  const cols = table as unknown as Record<string, ArrayLike<unknown> & { filter?: unknown }>;
  const ids = cols[CUSTOMER_ID_COLUMN[kind]] as string[];
  const keep: number[] = [];
  for (let i = 0; i < ids.length; i++) if (ids[i] !== customerId) keep.push(i);
  const out: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(cols)) {
    if (Array.isArray(values)) out[name] = keep.map((i) => values[i]);
    else {
      const typed = values as unknown as Int32Array;
      const copy = new (typed.constructor as new (n: number) => Int32Array)(keep.length);
      keep.forEach((i, j) => (copy[j] = typed[i]));
      out[name] = copy;
    }
  }
  return { kept: out as unknown as TableColumnsByKind[K], removed: ids.length - keep.length };
}

/** Blank the referrer where it is `customerId`; whether any was. */
function unlinkReferrer(customers: TableColumnsByKind['customers'], customerId: string): boolean {
  let any = false;
  const r = customers.referredBy;
  for (let i = 0; i < r.length; i++) {
    if (r[i] === customerId) {
      r[i] = '';
      any = true;
    }
  }
  return any;
}

/** Remove every row of one customer from a dataset, in one transaction; returns the rows removed. */
export async function forgetCustomerRows(db: WorkbenchDB, datasetId: string, customerId: string): Promise<number> {
  const batches = await committedBatches(db, datasetId);
  const updates: ChunkRow[] = [];
  const deletions: [string, number][] = [];
  const removedBy: Record<string, Partial<Record<TableKind, number>>> = {};
  for (const b of batches) {
    const chunks = await db.chunks.where('[batchId+seq]').between([b.id, -Infinity], [b.id, Infinity]).toArray();
    for (const chunk of chunks) {
      const table = decodeChunk(chunk.kind, chunk.layout, chunk.bytes);
      const { kept, removed } = without(chunk.kind, table, customerId);
      // whom they referred keep their rows, without the link to the forgotten customer
      const unlinked = chunk.kind === 'customers' && unlinkReferrer(kept as TableColumnsByKind['customers'], customerId);
      if (!removed && !unlinked) continue;
      if (!removed) {
        updates.push({ ...chunk, layout: CURRENT_LAYOUT, bytes: encodeChunk(chunk.kind, kept, 0, rowCount(chunk.kind, kept)) });
        continue;
      }
      const per = (removedBy[b.id] ??= {});
      per[chunk.kind] = (per[chunk.kind] ?? 0) + removed;
      const rows = rowCount(chunk.kind, kept);
      if (rows === 0) deletions.push([chunk.batchId, chunk.seq]);
      else updates.push({ ...chunk, rows, layout: CURRENT_LAYOUT, bytes: encodeChunk(chunk.kind, kept, 0, rows) });
    }
  }
  const snapshots = await db.snapshots.where('datasetId').equals(datasetId).toArray();
  const snapUpdates: { id: string; bytes: Uint8Array; counts: Record<string, number> }[] = [];
  for (const snap of snapshots) {
    const data = await db.snapshotData.get(snap.id);
    if (!data || data.layout !== SNAPSHOT_LAYOUT) continue;
    const cols = decodeStrings(data.bytes, ['customerId', 'segment']);
    const at = cols.customerId.indexOf(customerId);
    if (at < 0) continue;
    const keep = cols.customerId.map((_, i) => i).filter((i) => cols.customerId[i] !== customerId);
    const segment = keep.map((i) => cols.segment[i]);
    const counts: Record<string, number> = {};
    for (const s of segment) counts[s] = (counts[s] ?? 0) + 1;
    snapUpdates.push({ id: snap.id, bytes: encodeStrings({ customerId: keep.map((i) => cols.customerId[i]), segment }), counts });
  }
  // their place in the dataset's actions (an action's members are keyed by its id)
  const memberUpdates: ActionMembersRow[] = [];
  for (const actionId of await db.actions.where('datasetId').equals(datasetId).primaryKeys()) {
    const members = await db.actionMembers.get(actionId);
    if (!members || !members.customerIds.includes(customerId)) continue;
    const keep = members.customerIds.map((_, i) => i).filter((i) => members.customerIds[i] !== customerId);
    memberUpdates.push({ id: members.id, customerIds: keep.map((i) => members.customerIds[i]), control: Uint8Array.from(keep, (i) => members.control[i]) });
  }
  const total = Object.values(removedBy).reduce((n, per) => n + Object.values(per).reduce((a, b) => a + (b ?? 0), 0), 0);
  const mapKey = pseudonymMapSetting(datasetId);
  await db.transaction('rw', [db.chunks, db.batches, db.datasets, db.customerEdits, db.interactionEdits, db.snapshots, db.snapshotData, db.actionMembers, db.settings], async () => {
    await db.chunks.bulkPut(updates);
    await db.chunks.bulkDelete(deletions);
    for (const b of batches) {
      const per = removedBy[b.id];
      if (!per) continue;
      const tables = { ...b.tables };
      for (const [kind, n] of Object.entries(per) as [TableKind, number][]) {
        const t = tables[kind];
        if (t) tables[kind] = { rows: t.rows - n, chunks: t.chunks };
      }
      await db.batches.update(b.id, { tables });
    }
    const ds = await db.datasets.get(datasetId);
    if (ds) {
      const counts = { ...ds.counts };
      for (const per of Object.values(removedBy)) for (const [kind, n] of Object.entries(per) as [TableKind, number][]) counts[kind] -= n;
      await db.datasets.update(datasetId, { counts, updatedAt: Date.now() });
    }
    await db.customerEdits.delete([datasetId, customerId]);
    await db.interactionEdits.where('[datasetId+customerId]').equals([datasetId, customerId]).delete();
    for (const u of snapUpdates) {
      await db.snapshotData.update(u.id, { bytes: u.bytes });
      await db.snapshots.update(u.id, { counts: u.counts, clv: undefined });
    }
    await db.actionMembers.bulkPut(memberUpdates);
    const mapRow = await db.settings.get(mapKey);
    if (mapRow !== undefined) {
      const map = restorePseudonymMap(mapRow.value);
      const kept = withoutPseudonym(map, customerId);
      if (kept.id.length !== map.id.length) await db.settings.put({ key: mapKey, value: kept });
    }
  });
  return total;
}
