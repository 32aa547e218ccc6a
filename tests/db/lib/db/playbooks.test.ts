// Service playbook cards in IndexedDB: saved per dataset, scheme and segment; one undo of the last
// change (a save or a reset) with the date it had; a reset to the template that can be undone.
import { describe, expect, it } from 'vitest';
import {
  deleteDataset, getPlaybookCard, listPlaybookCards, openDatabase, resetPlaybookCard, savePlaybookCard, undoPlaybookCard,
  type DatasetRow, type WorkbenchDB,
} from '../../../../src/lib/db';

let n = 0;
async function withDataset(): Promise<WorkbenchDB> {
  const db = openDatabase(`playbooks-${++n}`);
  const row: DatasetRow = {
    id: 'd', name: 'Shop', currency: 'CNY', origin: 'import', createdAt: 1, updatedAt: 1,
    counts: { customers: 1, orders: 1, surveys: 0, interactions: 0, servqual: 0, importance: 0 },
  };
  await db.datasets.put(row);
  return db;
}

const lost = { datasetId: 'd', scheme: 'rfm11', segment: 'lost' };
const DAY1 = Date.UTC(2026, 11, 1, 9);
const DAY2 = Date.UTC(2026, 11, 2, 9);
const DAY3 = Date.UTC(2026, 11, 3, 9);

describe('playbook cards', () => {
  it('are saved per dataset and scheme, each change keeping the card before it', async () => {
    const db = await withDataset();
    const first = await savePlaybookCard(db, lost, { owner: 'Ann' }, DAY1);
    expect(first).toEqual({ ...lost, card: { owner: 'Ann' }, updatedAt: DAY1, previous: { card: null, updatedAt: DAY1 } });
    await savePlaybookCard(db, lost, { owner: 'Bo' }, DAY2);
    expect(await getPlaybookCard(db, lost)).toEqual({ ...lost, card: { owner: 'Bo' }, updatedAt: DAY2, previous: { card: { owner: 'Ann' }, updatedAt: DAY1 } });
    await savePlaybookCard(db, { ...lost, scheme: 'lifecycle' }, { owner: 'Cy' }, DAY1);
    expect((await listPlaybookCards(db, 'd', 'rfm11')).map((r) => r.card)).toEqual([{ owner: 'Bo' }]);
    expect(await listPlaybookCards(db, 'd')).toHaveLength(2);
    expect(await listPlaybookCards(db, 'other', 'rfm11')).toEqual([]);
    db.close();
  });

  it('undo the last change once, back to the date it had; undoing the first save is the template again', async () => {
    const db = await withDataset();
    await savePlaybookCard(db, lost, { owner: 'Ann' }, DAY1);
    await savePlaybookCard(db, lost, { owner: 'Bo' }, DAY2);
    expect(await undoPlaybookCard(db, lost)).toEqual({ ...lost, card: { owner: 'Ann' }, updatedAt: DAY1, previous: null });
    expect(await undoPlaybookCard(db, lost)).toBeNull(); // one undo only
    expect((await getPlaybookCard(db, lost))?.card).toEqual({ owner: 'Ann' });

    const champions = { ...lost, segment: 'champions' };
    await savePlaybookCard(db, champions, { care: 'Gala' }, DAY1);
    expect(await undoPlaybookCard(db, champions)).toBeUndefined();
    expect(await getPlaybookCard(db, champions)).toBeUndefined();
    expect(await undoPlaybookCard(db, champions)).toBeNull(); // never edited: nothing to undo
    db.close();
  });

  it('reset to the template, and the reset can be undone', async () => {
    const db = await withDataset();
    expect(await resetPlaybookCard(db, lost, DAY1)).toBeUndefined(); // never edited: nothing to reset
    expect(await db.playbooks.count()).toBe(0);
    await savePlaybookCard(db, lost, { owner: 'Ann', serviceModel: 'vip' }, DAY1);
    const reset = await resetPlaybookCard(db, lost, DAY2);
    expect(reset).toEqual({ ...lost, card: {}, updatedAt: DAY2, previous: { card: { owner: 'Ann', serviceModel: 'vip' }, updatedAt: DAY1 } });
    // a second reset keeps the way back to the user's card
    expect((await resetPlaybookCard(db, lost, DAY3))?.previous?.card).toEqual({ owner: 'Ann', serviceModel: 'vip' });
    expect(await undoPlaybookCard(db, lost)).toEqual({ ...lost, card: { owner: 'Ann', serviceModel: 'vip' }, updatedAt: DAY1, previous: null });
    db.close();
  });

  it('need the dataset, and go with it', async () => {
    const db = await withDataset();
    await expect(savePlaybookCard(db, { ...lost, datasetId: 'gone' }, { owner: 'x' })).rejects.toEqual({ code: 'error.notLoaded', params: { id: 'gone' } });
    await savePlaybookCard(db, lost, { owner: 'Ann' }, DAY1);
    await deleteDataset(db, 'd');
    expect(await db.playbooks.count()).toBe(0);
    db.close();
  });
});
