// Actions saved per dataset with their members: save, list, change, delete with undo; partial rows
// normalised; they go with their dataset (delete, replace) and a forgotten customer leaves them.
import { describe, expect, it } from 'vitest';
import {
  deleteAction, deleteDataset, dropDatasetData, forgetCustomerRows, getAction, getActionMembers, listActions, openDatabase, restoreDeletedAction,
  saveAction, setActionStatus, updateAction, datasetTables, type DatasetRow,
} from '../../../../src/lib/db';
import type { Action } from '../../../../src/lib/domain/act/action';

let n = 0;
const dataset = (id: string): DatasetRow => ({
  id, name: id, currency: 'CNY', origin: 'import', createdAt: 1, updatedAt: 1,
  counts: { customers: 0, orders: 0, surveys: 0, interactions: 0, servqual: 0, importance: 0 },
});
const action = (id: string, datasetId: string, createdAt = 10): Action => ({
  id, datasetId, name: `Win-back ${id}`, type: 'winback', day: 20000, owner: '王经理', channel: 'sms', costPerContact: 1.5, offer: '满200减30',
  controlShare: 0.1, status: 'planned', seed: 'seed-1', source: { kind: 'all' }, window: 30, sizes: { treated: 2, control: 1 }, createdAt, updatedAt: createdAt,
});
const members = () => ({ customerIds: ['C1', 'C2', 'C3'], control: Uint8Array.of(0, 1, 0) });

async function fresh() {
  const db = openDatabase(`actions-${++n}`);
  await db.datasets.bulkPut([dataset('a'), dataset('b')]);
  return db;
}

describe('actions store', () => {
  it('saves an action with its members, lists newest first, changes status and window, deletes with undo', async () => {
    const db = await fresh();
    await saveAction(db, action('x1', 'a', 10), members());
    await saveAction(db, action('x2', 'a', 20), { customerIds: ['C9'], control: Uint8Array.of(0) });
    await saveAction(db, action('y1', 'b'), members());
    expect((await listActions(db, 'a')).map((x) => x.id)).toEqual(['x2', 'x1']);
    expect(await getAction(db, 'x1')).toEqual(action('x1', 'a', 10));
    expect(await getActionMembers(db, 'x1')).toEqual(members());

    expect((await setActionStatus(db, 'x1', 'running'))!.status).toBe('running');
    const changed = await updateAction(db, 'x1', { window: 60 }, 99);
    expect(changed).toMatchObject({ status: 'running', window: 60, updatedAt: 99, seed: 'seed-1' });
    expect(await updateAction(db, 'nope', { status: 'done' })).toBeNull();

    const deleted = await deleteAction(db, 'x1');
    expect(deleted!.action.id).toBe('x1');
    expect(await getAction(db, 'x1')).toBeNull();
    expect(await getActionMembers(db, 'x1')).toBeNull();
    await restoreDeletedAction(db, deleted!);
    expect(await getAction(db, 'x1')).toMatchObject({ window: 60, status: 'running' });
    expect(await getActionMembers(db, 'x1')).toEqual(members());
    expect(await deleteAction(db, 'never')).toBeNull();
    db.close();
  });

  it('refuses a dataset that is gone or members of the wrong length, and writes nothing then', async () => {
    const db = await fresh();
    await expect(saveAction(db, action('z', 'gone'), members())).rejects.toMatchObject({ code: 'error.notLoaded' });
    await expect(saveAction(db, action('z', 'a'), { customerIds: ['C1'], control: Uint8Array.of(0, 1) })).rejects.toMatchObject({ code: 'action.error.members' });
    expect(await db.actions.count()).toBe(0);
    expect(await db.actionMembers.count()).toBe(0);
    db.close();
  });

  it('normalises partial or hostile stored rows and leaves out unusable ones', async () => {
    const db = await fresh();
    await db.actions.bulkPut([
      { id: 'p', datasetId: 'a', action: { seed: 's', type: 'drop table', channel: 42, controlShare: 9, costPerContact: -3, window: 0, name: '<b>x</b>' }, createdAt: 1, updatedAt: 1 },
      { id: 'noseed', datasetId: 'a', action: { name: 'x' }, createdAt: 2, updatedAt: 2 },
      { id: 'junk', datasetId: 'a', action: null as never, createdAt: 3, updatedAt: 3 },
    ]);
    await db.actionMembers.put({ id: 'p', customerIds: ['C1', 'C2'], control: Uint8Array.of(1) });
    const [p, ...rest] = await listActions(db, 'a');
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ id: 'p', type: 'other', channel: 'other', controlShare: 0.5, costPerContact: 0, window: 30, status: 'planned', name: '<b>x</b>', source: { kind: 'all' } });
    expect(await getActionMembers(db, 'p')).toBeNull();
    db.close();
  });

  it('go with their dataset: a delete and a replace remove the actions, their members and the targets; other datasets keep theirs', async () => {
    const db = await fresh();
    await saveAction(db, action('x1', 'a'), members());
    await saveAction(db, action('y1', 'b'), members());
    await db.targets.bulkPut([
      { datasetId: 'a', kpi: 'revenue', target: { value: 1 }, updatedAt: 1 },
      { datasetId: 'b', kpi: 'nps', target: { value: 30 }, updatedAt: 1 },
    ]);
    await deleteDataset(db, 'a');
    expect(await db.actions.toCollection().primaryKeys()).toEqual(['y1']);
    expect(await db.actionMembers.toCollection().primaryKeys()).toEqual(['y1']);
    expect((await db.targets.toArray()).map((t) => t.datasetId)).toEqual(['b']);

    await db.transaction('rw', [db.datasets, ...datasetTables(db)], () => dropDatasetData(db, 'b', new Set()));
    expect(await db.actions.count()).toBe(0);
    expect(await db.actionMembers.count()).toBe(0);
    expect(await db.targets.count()).toBe(0);
    db.close();
  });

  it('forgetting a customer removes them from every action of their dataset, control or treated, and nowhere else', async () => {
    const db = await fresh();
    await saveAction(db, action('x1', 'a'), members());
    await saveAction(db, action('x2', 'a'), { customerIds: ['C2', 'C4'], control: Uint8Array.of(1, 0) });
    await saveAction(db, action('y1', 'b'), members());
    await forgetCustomerRows(db, 'a', 'C2');
    expect(await getActionMembers(db, 'x1')).toEqual({ customerIds: ['C1', 'C3'], control: Uint8Array.of(0, 0) });
    expect(await getActionMembers(db, 'x2')).toEqual({ customerIds: ['C4'], control: Uint8Array.of(0) });
    expect(await getActionMembers(db, 'y1')).toEqual(members());
    db.close();
  });
});
