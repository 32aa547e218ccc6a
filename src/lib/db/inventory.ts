import type { WorkbenchDB } from './schema';

/** What the app keeps in this browser, per dataset and overall (for the privacy section): rows of every table, stored parts, bytes. */
export interface StorageInventory {
  datasets: { id: string; name: string; chunks: number; rows: number; bytes: number; snapshots: number; snapshotBytes: number; edits: number }[];
  settings: number;
}

/** Count rows and sum the stored bytes of every dataset (reads the chunk table once). */
export async function storageInventory(db: WorkbenchDB): Promise<StorageInventory> {
  const rows = await db.datasets.toArray();
  const byId = new Map(rows.map((d) => [d.id, { id: d.id, name: d.name, chunks: 0, rows: 0, bytes: 0, snapshots: 0, snapshotBytes: 0, edits: 0 }]));
  await db.chunks.each((c) => {
    const d = byId.get(c.datasetId);
    if (d) {
      d.chunks++;
      d.rows += c.rows;
      d.bytes += c.bytes.byteLength;
    }
  });
  const snaps = await db.snapshots.toArray();
  for (const s of snaps) {
    const d = byId.get(s.datasetId);
    if (!d) continue;
    d.snapshots++;
    const data = await db.snapshotData.get(s.id);
    d.snapshotBytes += data?.bytes.byteLength ?? 0;
  }
  await db.customerEdits.each((e) => {
    const d = byId.get(e.datasetId);
    if (d) d.edits++;
  });
  await db.interactionEdits.each((e) => {
    const d = byId.get(e.datasetId);
    if (d) d.edits++;
  });
  return { datasets: [...byId.values()], settings: await db.settings.count() };
}
