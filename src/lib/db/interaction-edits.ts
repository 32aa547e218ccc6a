/** Hand edits of feedback and complaints (schema v3's interactionEdits), per dataset. */
import type { InteractionEditRow, WorkbenchDB } from './schema';

/** A dataset's interaction edits, oldest first (the order they are laid over the imported rows). */
export async function listInteractionEdits(db: WorkbenchDB, datasetId: string): Promise<InteractionEditRow[]> {
  const rows = await db.interactionEdits.where('datasetId').equals(datasetId).toArray();
  return rows.sort((a, b) => a.updatedAt - b.updatedAt);
}

/**
 * Save one edit, replacing an earlier edit of the same entry: its fields are merged (the newer
 * wins), so marking an entry resolved keeps a correction made before. Returns the row stored.
 */
export async function putInteractionEdit(db: WorkbenchDB, edit: InteractionEditRow): Promise<InteractionEditRow> {
  return db.transaction('rw', db.interactionEdits, db.datasets, async () => {
    if (!(await db.datasets.get(edit.datasetId))) throw { code: 'error.notLoaded', params: { id: edit.datasetId } };
    const before = await db.interactionEdits.get([edit.datasetId, edit.entryId]);
    const row: InteractionEditRow = before
      ? { ...before, ...edit, added: before.added, fields: { ...before.fields, ...edit.fields }, note: edit.note ?? before.note }
      : edit;
    await db.interactionEdits.put(row);
    return row;
  });
}
