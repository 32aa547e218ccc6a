import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import {
  deleteDataset, getActionMembers, listActions, listDatasets, openDatabase, readDataset, saveAction, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_VERSION,
  sweepPendingBatches,
} from '../../../../src/lib/db';
import { NO_DAY } from '../../../../src/lib/domain';
import { createEngine } from '../../../../workers/engine';
import { FROZEN_V1, writeV1Fixture } from '../../fixtures/v1';
import { FROZEN_V2, V2_DAY, writeV2Fixture } from '../../fixtures/v2';
import { FROZEN_V3, writeV3Fixture } from '../../fixtures/v3';
import { FROZEN_V4, writeV4Fixture } from '../../fixtures/v4';

// Schema versions only grow. Each shipped version gets a frozen fixture here, and the current
// code must open every earlier one and read its data. Add a fixture when adding version(n + 1).
describe('schema upgrades', () => {
  it('never edits the shipped v1 schema', () => {
    expect(SCHEMA_V1).toEqual(FROZEN_V1);
  });

  it('v2 adds the snapshot tables and changes nothing of v1', () => {
    expect(SCHEMA_V2).toEqual({ ...FROZEN_V1, snapshots: 'id, datasetId, createdAt', snapshotData: 'id' });
  });

  it('v3 adds the interaction edits and changes nothing of v2', () => {
    expect(SCHEMA_V2).toEqual(FROZEN_V2);
    expect(SCHEMA_V3).toEqual({ ...FROZEN_V2, interactionEdits: '[datasetId+entryId], datasetId, [datasetId+customerId]' });
  });

  it('upgrades a v2 database: its counts gain the SERVQUAL kinds, its layout-1 chunks read with the new columns empty', async () => {
    await writeV2Fixture('upgrade-from-v2');
    const db = openDatabase('upgrade-from-v2');
    await db.open();
    expect(db.verno).toBe(5);
    const [row] = await listDatasets(db);
    expect(row.counts).toEqual({ customers: 2, orders: 3, surveys: 1, interactions: 2, servqual: 0, importance: 0 });
    // the stored row itself was upgraded, not only normalised on reading
    expect((await db.datasets.get('ds_v2'))!.counts).toEqual(row.counts);
    expect(await db.snapshots.count()).toBe(1);
    const content = await readDataset(db, 'ds_v2');
    expect(content.customers.id).toEqual(['C1', 'C2']);
    expect(content.customers.referredBy).toEqual(['', '']);
    expect(content.customers.acquisitionCost[1]).toBe(12.5);
    const it = content.interactions;
    expect(it.kind).toEqual(['complaint', 'praise']);
    expect(Array.from(it.resolved)).toEqual([0, 1]);
    expect(Array.from(it.severity)).toEqual([0, 0]);
    expect(Array.from(it.resolvedDay)).toEqual([NO_DAY, NO_DAY]);
    expect(it.text).toEqual(['', '']);
    // two entries of one customer on one day: distinct ids made from customer, day and place
    expect(it.id).toEqual([`C1·${V2_DAY}·0`, `C1·${V2_DAY}·1`]);
    expect(content.servqual.customerId).toEqual([]);
    expect(content.importance.customerId).toEqual([]);

    // the upgraded dataset loads, and an old entry can be resolved with a note that survives a reload
    const engine = createEngine(db);
    await engine.load('l', 'ds_v2');
    const saved = await engine.saveInteraction('ds_v2', { entryId: it.id[0], customerId: 'C1', fields: { resolved: 1, resolvedDay: V2_DAY + 2 }, note: 'called back' });
    expect(saved).toMatchObject({ entryId: it.id[0], resolved: 1, resolvedDay: V2_DAY + 2, note: 'called back', kind: 'complaint', topic: 'Delivery' });
    const again = createEngine(openDatabase('upgrade-from-v2'));
    await again.load('l2', 'ds_v2');
    const detail = await again.customer('ds_v2', 'C1');
    expect(detail!.interactions.find((x) => x.kind === 'complaint')).toMatchObject({ resolved: 1, note: 'called back' });
    db.close();
  });

  it('v4 adds the playbook cards and tier designs and changes nothing of v3', () => {
    expect(SCHEMA_V3).toEqual(FROZEN_V3);
    expect(SCHEMA_V4).toEqual({ ...FROZEN_V3, playbooks: '[datasetId+scheme+segment], datasetId', tierDesigns: 'datasetId' });
  });

  it('upgrades a v3 database: everything it held stays, playbook cards and a tier design can be kept, and a delete removes them', async () => {
    await writeV3Fixture('upgrade-from-v3');
    const db = openDatabase('upgrade-from-v3');
    await db.open();
    expect(db.verno).toBe(5);
    expect((await db.datasets.get('ds_v2'))!.counts).toEqual({ customers: 2, orders: 3, surveys: 1, interactions: 2, servqual: 0, importance: 0 });
    expect(await db.interactionEdits.count()).toBe(1);
    expect(await db.snapshots.count()).toBe(1);
    expect(await db.playbooks.count()).toBe(0);
    expect(await db.tierDesigns.count()).toBe(0);
    // the hand edit v3 kept is still laid over the imported complaint
    const engine = createEngine(db);
    await engine.load('l', 'ds_v2');
    const detail = await engine.customer('ds_v2', 'C1');
    expect(detail!.interactions.find((x) => x.kind === 'complaint')).toMatchObject({ resolved: 1, note: 'refunded' });

    await db.playbooks.put({ datasetId: 'ds_v2', scheme: 'rfm11', segment: 'champions', card: { valueProposition: 'VIP' }, updatedAt: 3, previous: null });
    await db.tierDesigns.put({ datasetId: 'ds_v2', design: { basis: 'spend12' }, updatedAt: 3 });
    expect(await db.playbooks.where('datasetId').equals('ds_v2').count()).toBe(1);
    await deleteDataset(db, 'ds_v2');
    expect(await db.playbooks.count()).toBe(0);
    expect(await db.tierDesigns.count()).toBe(0);
    db.close();
  });

  it('v5 adds the actions, their members and the KPI targets and changes nothing of v4', () => {
    expect(SCHEMA_V4).toEqual(FROZEN_V4);
    expect(SCHEMA_V5).toEqual({ ...FROZEN_V4, actions: 'id, datasetId', actionMembers: 'id', targets: '[datasetId+kpi], datasetId' });
  });

  it('upgrades a v4 database: everything it held stays, an action with its members and a target can be kept, and a delete removes them', async () => {
    await writeV4Fixture('upgrade-from-v4');
    const db = openDatabase('upgrade-from-v4');
    await db.open();
    expect(db.verno).toBe(5);
    expect(SCHEMA_VERSION).toBe(5);
    expect((await db.datasets.get('ds_v2'))!.counts).toEqual({ customers: 2, orders: 3, surveys: 1, interactions: 2, servqual: 0, importance: 0 });
    expect(await db.interactionEdits.count()).toBe(1);
    expect(await db.snapshots.count()).toBe(1);
    expect(await db.playbooks.get(['ds_v2', 'rfm11', 'champions'])).toMatchObject({ card: { valueProposition: 'Early access' } });
    expect(await db.tierDesigns.get('ds_v2')).toMatchObject({ design: { basis: 'spend12' }, updatedAt: 4 });
    expect(await db.actions.count()).toBe(0);
    expect(await db.actionMembers.count()).toBe(0);
    expect(await db.targets.count()).toBe(0);
    const content = await readDataset(db, 'ds_v2');
    expect(content.customers.id).toEqual(['C1', 'C2']);

    await saveAction(db, {
      id: 'act_1', datasetId: 'ds_v2', name: 'Win-back', type: 'winback', day: 19000, owner: 'Li', channel: 'sms', costPerContact: 2, offer: '',
      controlShare: 0.5, status: 'planned', seed: 'abc', source: { kind: 'all' }, window: 30, sizes: { treated: 1, control: 1 }, createdAt: 5, updatedAt: 5,
    }, { customerIds: ['C1', 'C2'], control: Uint8Array.from([0, 1]) });
    await db.targets.put({ datasetId: 'ds_v2', kpi: 'revenue', target: { value: 1000, direction: 'up' }, updatedAt: 5 });
    const again = openDatabase('upgrade-from-v4');
    expect((await listActions(again, 'ds_v2')).map((a) => a.name)).toEqual(['Win-back']);
    expect(await getActionMembers(again, 'act_1')).toEqual({ customerIds: ['C1', 'C2'], control: Uint8Array.from([0, 1]) });
    again.close();
    await deleteDataset(db, 'ds_v2');
    expect(await db.actions.count()).toBe(0);
    expect(await db.actionMembers.count()).toBe(0);
    expect(await db.targets.count()).toBe(0);
    expect(await db.playbooks.count()).toBe(0);
    db.close();
  });

  it('opens a v1 database with the current schema and reads everything it held', async () => {
    await writeV1Fixture('upgrade-from-v1');
    const db = openDatabase('upgrade-from-v1');
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.snapshots.count()).toBe(0);
    const [row] = await listDatasets(db);
    expect(row.name).toBe('Saved by v1');
    expect(row.counts.customers).toBe(200);
    const content = await readDataset(db, 'ds_v1');
    expect(content.customers.id).toHaveLength(200);
    expect(content.orders.day.length).toBe(row.counts.orders);
    expect(await sweepPendingBatches(db)).toBe(1);
    expect((await db.settings.get('currentDataset'))?.value).toBe('ds_v1');
    db.close();
  });

  it('opens a database written by a newer version without downgrading or damaging it', async () => {
    const newer = new Dexie('from-the-future');
    newer.version(99).stores({ ...FROZEN_V1, extra: 'id' });
    await newer.open();
    await newer.table('extra').put({ id: 'kept' });
    newer.close();
    const db = openDatabase('from-the-future');
    await db.open();
    expect(await listDatasets(db)).toEqual([]);
    db.close();
    const again = new Dexie('from-the-future');
    await again.open(); // dynamic mode: opens at whatever version is installed
    expect(again.verno).toBeGreaterThanOrEqual(99); // Dexie may add our missing tables as 99.1, never downgrades
    expect(await again.table('extra').get('kept')).toEqual({ id: 'kept' });
    again.close();
  });

  it('normalises a partial dataset row read back from storage', async () => {
    const db = openDatabase('partial-row');
    await db.datasets.add({ id: 'p', name: '', createdAt: 5 } as never);
    const [row] = await listDatasets(db);
    expect(row).toMatchObject({ id: 'p', currency: 'XXX', origin: 'import', counts: { customers: 0, orders: 0, surveys: 0, interactions: 0, servqual: 0, importance: 0 } });
    expect(row.name.length).toBeGreaterThan(0);
    db.close();
  });
});
