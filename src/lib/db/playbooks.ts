/**
 * Service playbook cards saved per dataset (schema v4's playbooks), one row per dataset, scheme
 * and segment. A row holds the card's overrides of its template (see
 * src/lib/domain/strategy/playbook.ts) and, for one undo, the card before the last change.
 * A card reset to its template keeps a row with no overrides (`card: {}`) so the reset can be
 * undone; no row at all is a card never edited.
 */
import type { PlaybookRow, WorkbenchDB } from './schema';

type Where = { datasetId: string; scheme: string; segment: string };

const keyOf = (w: Where): [string, string, string] => [w.datasetId, w.scheme, w.segment];

/** A dataset's saved cards of one scheme (every scheme when left out). */
export async function listPlaybookCards(db: WorkbenchDB, datasetId: string, scheme?: string): Promise<PlaybookRow[]> {
  const rows = await db.playbooks.where('datasetId').equals(datasetId).toArray();
  return scheme === undefined ? rows : rows.filter((r) => r.scheme === scheme);
}

/** One saved card (undefined: never edited). */
export async function getPlaybookCard(db: WorkbenchDB, where: Where): Promise<PlaybookRow | undefined> {
  return db.playbooks.get(keyOf(where));
}

async function change(db: WorkbenchDB, where: Where, card: Record<string, unknown>, at: number): Promise<PlaybookRow> {
  return db.transaction('rw', db.playbooks, db.datasets, async () => {
    if (!(await db.datasets.get(where.datasetId))) throw { code: 'error.notLoaded', params: { id: where.datasetId } };
    const before = await db.playbooks.get(keyOf(where));
    const row: PlaybookRow = {
      ...where, card, updatedAt: at,
      previous: before ? { card: before.card, updatedAt: before.updatedAt } : { card: null, updatedAt: at },
    };
    await db.playbooks.put(row);
    return row;
  });
}

/**
 * Save a card's overrides, keeping the card before the change for one undo (previous.card null:
 * it was the template).
 * @param at the moment of the change [ms since the epoch] (default now)
 */
export async function savePlaybookCard(db: WorkbenchDB, where: Where, card: Record<string, unknown>, at = Date.now()): Promise<PlaybookRow> {
  return change(db, where, { ...card }, at);
}

/**
 * Reset a card to its template: its overrides are gone, the card before is kept for one undo.
 * Returns the row (with `card: {}`), or undefined when the card was never edited (nothing to reset);
 * a card already reset stays as it is.
 */
export async function resetPlaybookCard(db: WorkbenchDB, where: Where, at = Date.now()): Promise<PlaybookRow | undefined> {
  const before = await db.playbooks.get(keyOf(where));
  if (!before) return undefined;
  // already the template: keep the undo to the user's version
  if (Object.keys(before.card).length === 0) return before;
  return change(db, where, {}, at);
}

/**
 * Undo the last change of a card (a save or a reset): the card before it comes back with its
 * date, and there is nothing more to undo. Returns the row now stored (undefined: the card is
 * its template again, never edited), or null when there was nothing to undo.
 */
export async function undoPlaybookCard(db: WorkbenchDB, where: Where): Promise<PlaybookRow | undefined | null> {
  return db.transaction('rw', db.playbooks, async () => {
    const row = await db.playbooks.get(keyOf(where));
    if (!row?.previous) return null;
    const { card, updatedAt } = row.previous;
    if (card === null) {
      await db.playbooks.delete(keyOf(where));
      return undefined;
    }
    const back: PlaybookRow = { ...where, card, updatedAt, previous: null };
    await db.playbooks.put(back);
    return back;
  });
}
