import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { decodeChunk, decodeStrings, openDatabase, readDataset } from '../../../../src/lib/db';
import { settingsOf, textFile } from '../../import-helpers';

describe('forget a customer', () => {
  it('leaves no trace in any table, chunk or snapshot, and keeps everyone else', async () => {
    const db = openDatabase('forget');
    const engine = createEngine(db);
    const id = await engine.createDemo('d', { locale: 'zh' });
    await engine.load('l', id);
    // a customer with orders, a survey answer and an interaction
    const page = await engine.customers(id, { sortBy: 'orders', descending: true, limit: 200 });
    let target = '';
    let detail = null;
    for (const row of page.rows) {
      detail = await engine.customer(id, row.id);
      if (detail && detail.surveys.length && detail.interactions.length) {
        target = row.id;
        break;
      }
    }
    expect(target).not.toBe('');
    await db.customerEdits.put({ datasetId: id, customerId: target, fields: { note: 'x' }, updatedAt: 1 });
    await engine.saveInteraction(id, { customerId: target, fields: { day: 20000, kind: 'complaint', text: 'x' } });
    // SERVQUAL answers and importance points of the target (the customer page does not list them)
    const content = await readDataset(db, id);
    const servqualRows = content.servqual.customerId.filter((c) => c === target).length;
    const importanceRows = content.importance.customerId.filter((c) => c === target).length;
    const { handle } = await engine.rfm(id, { monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean' });
    await engine.snapshot(id, handle, { label: 'before' });
    const before = (await db.datasets.get(id))!.counts;

    const removed = await engine.forgetCustomer(id, target);
    const expected = 1 + detail!.lines.length + detail!.surveys.length + detail!.interactions.length + servqualRows + importanceRows;
    expect(removed).toBe(expected);

    // scan: every chunk of every kind, every snapshot, every edit
    const chunks = await db.chunks.toArray();
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) {
      const table = decodeChunk(chunk.kind, chunk.layout, chunk.bytes) as unknown as Record<string, ArrayLike<unknown>>;
      for (const values of Object.values(table)) if (Array.isArray(values)) expect(values).not.toContain(target);
    }
    const snapshots = await db.snapshotData.toArray();
    expect(snapshots.length).toBeGreaterThan(0); // the 'before' snapshot
    for (const data of snapshots) expect(decodeStrings(data.bytes, ['customerId']).customerId).not.toContain(target);
    expect(await db.customerEdits.where('datasetId').equals(id).count()).toBe(0);
    expect(await db.interactionEdits.where('datasetId').equals(id).count()).toBe(0);

    const after = (await db.datasets.get(id))!.counts;
    expect(after).toEqual({
      customers: before.customers - 1, orders: before.orders - detail!.lines.length,
      surveys: before.surveys - detail!.surveys.length, interactions: before.interactions - detail!.interactions.length,
      servqual: before.servqual - servqualRows, importance: before.importance - importanceRows,
    });
    await engine.load('l2', id);
    expect(await engine.customer(id, target)).toBeNull();
    expect((await engine.customers(id, {})).total).toBe(before.customers - 1);
    db.close();
  }, 60_000);

  it('removes the customer from a kept pseudonym mapping, and only them', async () => {
    const db = openDatabase('forget-pseudonym');
    const engine = createEngine(db);
    const orders = textFile('o.csv', 'customer_id,order_date,amount\n13800138000,2024-01-05,10\nli.na@example.com,2024-01-06,20\n');
    const customers = textFile('c.csv', 'customer_id,name\n13800138000,王文博\nli.na@example.com,Li Na\n');
    const files = [];
    for (const file of [orders, customers]) files.push({ file, settings: settingsOf(await engine.preview(file)) });
    const { datasetId: id } = await engine.importFiles('i', files, { newDataset: { name: 'P', currency: 'CNY' }, pseudonymise: { keepMapping: true } });
    await engine.load('l', id);
    const [a, b] = (await engine.customers(id, { sortBy: 'id' })).rows.map((r) => r.id);
    const who = (await engine.pseudonymIdentity(id, a))!;
    expect(who.name).not.toBe('');

    expect(await engine.forgetCustomer(id, a)).toBe(2);
    expect(await engine.pseudonymIdentity(id, a)).toBeNull();
    expect(await engine.pseudonymIdentity(id, b)).not.toBeNull();
    const map = (await db.settings.get(`pseudonym.map:${id}`))!.value as Record<string, string[]>;
    expect(Object.keys(map).length).toBeGreaterThan(0); // b's entries stay
    for (const values of Object.values(map)) expect(values).toHaveLength(1);
    for (const trace of [a, who.id, who.name]) expect(JSON.stringify(map)).not.toContain(trace);
    db.close();
  });
});
