/**
 * Actions saved per dataset (schema v5's actions) and their members (actionMembers, keyed by the
 * action's id): the customer ids the action was made for and which of them are the control group.
 * Rows are read back through restoreAction (old or partial rows normalised; an unusable one is
 * left out). An action and its members are written and deleted together, in one transaction.
 */
import { actionToRow, restoreAction, type Action, type ActionStatus } from '../domain/act/action';
import type { ActionMembersRow, WorkbenchDB } from './schema';

/** An action's members: ids in the order listed, control flags (1 = control) of the same length. */
export interface ActionMembers {
  customerIds: string[];
  control: Uint8Array;
}

/** A dataset's actions, newest first. */
export async function listActions(db: WorkbenchDB, datasetId: string): Promise<Action[]> {
  const rows = await db.actions.where('datasetId').equals(datasetId).toArray();
  return rows.map(restoreAction).filter((a): a is Action => a !== null).sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
}

/** One action (null: none with this id, or nothing usable in it). */
export async function getAction(db: WorkbenchDB, id: string): Promise<Action | null> {
  const row = await db.actions.get(id);
  return row ? restoreAction(row) : null;
}

/** An action's members (null: none stored, or not usable). */
export async function getActionMembers(db: WorkbenchDB, id: string): Promise<ActionMembers | null> {
  const row = await db.actionMembers.get(id);
  if (!row || !Array.isArray(row.customerIds) || !(row.control instanceof Uint8Array) || row.control.length !== row.customerIds.length) return null;
  return { customerIds: row.customerIds.map(String), control: row.control };
}

/** Save a new action with its members, in one transaction; a dataset that is gone is a notice. */
export async function saveAction(db: WorkbenchDB, action: Action, members: ActionMembers): Promise<void> {
  if (members.control.length !== members.customerIds.length) throw { code: 'action.error.members' };
  const row: ActionMembersRow = { id: action.id, customerIds: members.customerIds, control: members.control };
  await db.transaction('rw', db.actions, db.actionMembers, db.datasets, async () => {
    if (!(await db.datasets.get(action.datasetId))) throw { code: 'error.notLoaded', params: { id: action.datasetId } };
    await db.actions.put(actionToRow(action));
    await db.actionMembers.put(row);
  });
}

/** What can change of a saved action: its status, read-out window, and the words of the form. */
export type ActionChange = Partial<Pick<Action, 'status' | 'window' | 'name' | 'owner' | 'offer' | 'costPerContact'>>;

/** Change a saved action; returns it as stored now (null: it is gone). */
export async function updateAction(db: WorkbenchDB, id: string, change: ActionChange, now = Date.now()): Promise<Action | null> {
  return db.transaction('rw', db.actions, async () => {
    const row = await db.actions.get(id);
    const before = row ? restoreAction(row) : null;
    if (!before) return null;
    const next: Action = { ...before, ...change, updatedAt: now };
    await db.actions.put(actionToRow(next));
    return next;
  });
}

/** Set an action's status. */
export function setActionStatus(db: WorkbenchDB, id: string, status: ActionStatus): Promise<Action | null> {
  return updateAction(db, id, { status });
}

/**
 * Delete an action and its members, in one transaction. Returns what was deleted (for an undo
 * with restoreDeletedAction), or null when there was nothing.
 */
export async function deleteAction(db: WorkbenchDB, id: string): Promise<{ action: Action; members: ActionMembers | null } | null> {
  return db.transaction('rw', db.actions, db.actionMembers, async () => {
    const row = await db.actions.get(id);
    const action = row ? restoreAction(row) : null;
    const members = await getActionMembers(db, id);
    await db.actions.delete(id);
    await db.actionMembers.delete(id);
    return action ? { action, members } : null;
  });
}

/** Put a deleted action back (undo), members included. */
export async function restoreDeletedAction(db: WorkbenchDB, deleted: { action: Action; members: ActionMembers | null }): Promise<void> {
  await saveAction(db, deleted.action, deleted.members ?? { customerIds: [], control: new Uint8Array(0) });
}

/** Ids of a dataset's actions (their members are keyed by them): inside a transaction over actions. */
export async function actionIdsOf(db: WorkbenchDB, datasetId: string): Promise<string[]> {
  return (await db.actions.where('datasetId').equals(datasetId).primaryKeys()) as string[];
}
