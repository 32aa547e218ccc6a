// Pseudonymise on import: no phone, e-mail or name reaches storage; the same person gets the same
// pseudonym in every file and import; the key and the optional mapping stay under `pseudonym.`.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { decodeChunk, openDatabase, type WorkbenchDB } from '../../../../src/lib/db';
import type { EngineApi, ImportTarget } from '../../../../workers/api';
import { settingsOf, textFile } from '../../import-helpers';

const ORDERS = [
  '客户编号,订单编号,下单日期,金额',
  '138-0013-8000,A1,2024-01-05,100',
  '13800138000,A2,2024-02-05,50',
  'Li.Na@Example.com,A3,2024-01-06,30',
  'C000123,A4,2024-01-07,20',
].join('\n');
const CUSTOMERS = [
  'customer_id,name,city',
  '13800138000,王文博,上海',
  'li.na@example.com,Li Na,Beijing',
  'C000123,Emily Reed,London',
].join('\n');
const SURVEYS = ['customer_id,nps,date', '138 0013 8000,9,2024-03-01'].join('\n');
/** A later export: no order id column (orders become customer|day), one new customer. */
const MORE_ORDERS = ['customer_id,order_date,amount', '13800138000,2024-04-01,70', 'New.Person@Example.com,2024-04-02,10'].join('\n');

const SECRETS = ['13800138000', '138-0013-8000', '138 0013 8000', 'li.na@example.com', 'new.person@example.com', '王文博', 'Li Na', 'Emily', 'example'];

let n = 0;

async function importFiles(engine: EngineApi, files: [string, string][], target: ImportTarget) {
  const list = [];
  for (const [name, text] of files) {
    const file = textFile(name, text);
    list.push({ file, settings: settingsOf(await engine.preview(file)) });
  }
  return engine.importFiles(`pseudo-${++n}`, list, target);
}

/** Every string of every stored chunk, and every batch's source, in lower case. */
async function storedText(db: WorkbenchDB): Promise<string> {
  const parts: string[] = [];
  for (const chunk of await db.chunks.toArray()) {
    const table = decodeChunk(chunk.kind, chunk.layout, chunk.bytes) as unknown as Record<string, ArrayLike<unknown>>;
    for (const values of Object.values(table)) if (Array.isArray(values)) parts.push(...(values as string[]));
  }
  return parts.join('\n').toLowerCase();
}

describe('pseudonymise on import', () => {
  it('stores no phone, e-mail or name, and joins the same person across files and imports', async () => {
    const db = openDatabase(`pseudo-${++n}`);
    const engine = createEngine(db);
    const first = await importFiles(engine, [['orders.csv', ORDERS], ['customers.csv', CUSTOMERS], ['surveys.csv', SURVEYS]], {
      newDataset: { name: 'Shop', currency: 'CNY' }, pseudonymise: { keepMapping: true },
    });
    expect(first.committed).toBe(true);
    expect(first.pseudonymised).toEqual({ ids: 2, names: 3, keptMapping: true });
    const id = first.datasetId;
    // the dataset remembers it, so later imports into it pseudonymise by default
    expect((await db.datasets.get(id))?.pseudonymised).toBe(true);

    // the key: 256 random bits, stored once under pseudonym.key
    const key = (await db.settings.get('pseudonym.key'))?.value as Uint8Array;
    expect(key).toBeInstanceOf(Uint8Array);
    expect(key.length).toBe(32);

    let text = await storedText(db);
    for (const secret of SECRETS) expect(text).not.toContain(secret.toLowerCase());

    await engine.load('l1', id);
    const page = await engine.customers(id, { sortBy: 'id' });
    expect(page.total).toBe(3); // orders, customers and surveys joined on the same three customers
    const phone = page.rows.find((r) => r.orders === 2)!;
    expect(phone.id).toMatch(/^P-[0-9a-f]{16}$/);
    expect(phone.name).toMatch(/^N-[0-9a-f]{12}$/);
    expect(phone.city).toBe('上海');
    expect((await engine.customer(id, phone.id))!.surveys).toHaveLength(1);
    const other = page.rows.find((r) => r.id === 'C000123')!;
    expect(other.name).toMatch(/^N-/);
    expect(page.rows.filter((r) => r.id.startsWith('P-'))).toHaveLength(2);

    // who they are, from the kept mapping
    expect(await engine.pseudonymIdentity(id, phone.id)).toEqual({ id: '13800138000', name: '王文博' });
    expect(await engine.pseudonymIdentity(id, 'C000123')).toEqual({ id: 'C000123', name: 'Emily Reed' });
    expect(await engine.pseudonymIdentity(id, 'nobody')).toBeNull();

    // a later import into the same dataset, mapping not kept: same pseudonym, generated order ids too
    const second = await importFiles(engine, [['more.csv', MORE_ORDERS]], { datasetId: id, pseudonymise: { keepMapping: false } });
    expect(second.pseudonymised).toEqual({ ids: 2, names: 0, keptMapping: false });
    text = await storedText(db);
    for (const secret of SECRETS) expect(text).not.toContain(secret.toLowerCase());
    await engine.load('l2', id);
    const after = await engine.customers(id, {});
    expect(after.total).toBe(4);
    expect(after.rows.find((r) => r.id === phone.id)!.orders).toBe(3);
    const newcomer = after.rows.find((r) => r.id.startsWith('P-') && r.id !== phone.id && r.orders === 1 && r.name === '')!;
    expect(await engine.pseudonymIdentity(id, newcomer.id)).toBeNull(); // that import kept no mapping
    expect(await engine.pseudonymIdentity(id, phone.id)).toEqual({ id: '13800138000', name: '王文博' }); // the earlier one stays

    expect(await engine.pseudonymStatus()).toEqual({ key: true, mappings: [{ datasetId: id, customers: 3 }] });
    await engine.discardPseudonymMapping(id);
    expect(await engine.pseudonymIdentity(id, phone.id)).toBeNull();
    expect(await engine.pseudonymStatus()).toEqual({ key: true, mappings: [] });
    expect((await db.settings.get('pseudonym.key'))?.value).toEqual(key); // the key is kept
    db.close();
  }, 30_000);

  it('gives the same pseudonym in another dataset with the same key, and keeps no mapping when told', async () => {
    const db = openDatabase(`pseudo-${++n}`);
    const engine = createEngine(db);
    const a = await importFiles(engine, [['a.csv', ORDERS]], { newDataset: { name: 'A', currency: 'CNY' }, pseudonymise: { keepMapping: false } });
    const b = await importFiles(engine, [['b.csv', CUSTOMERS]], { newDataset: { name: 'B', currency: 'CNY' }, pseudonymise: { keepMapping: false } });
    const pseudonyms = async (datasetId: string) => {
      await engine.load(`l-${datasetId}`, datasetId);
      return (await engine.customers(datasetId, { sortBy: 'id' })).rows.map((r) => r.id).filter((x) => x.startsWith('P-'));
    };
    const inB = await pseudonyms(b.datasetId);
    expect(inB).toHaveLength(2);
    expect(await pseudonyms(a.datasetId)).toEqual(inB);
    expect((await db.settings.toArray()).filter((s) => s.key.startsWith('pseudonym.map:'))).toEqual([]);
    expect(await engine.pseudonymStatus()).toEqual({ key: true, mappings: [] });
    // every setting of the feature is under the prefix the backup leaves out
    const keys = (await db.settings.toArray()).map((s) => s.key).filter((k) => k.includes('pseudonym'));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith('pseudonym.'))).toBe(true);
    db.close();
  }, 30_000);

  it('makes no key and changes nothing when the option is off', async () => {
    const db = openDatabase(`pseudo-${++n}`);
    const engine = createEngine(db);
    const result = await importFiles(engine, [['o.csv', ORDERS]], { newDataset: { name: 'Plain', currency: 'CNY' } });
    expect(result.pseudonymised).toBeUndefined();
    expect((await db.datasets.get(result.datasetId))?.pseudonymised).toBeUndefined();
    expect(await db.settings.get('pseudonym.key')).toBeUndefined();
    expect(await storedText(db)).toContain('13800138000');
    db.close();
  });

  it('refuses to import with a corrupt key rather than replacing it', async () => {
    const db = openDatabase(`pseudo-${++n}`);
    const engine = createEngine(db);
    await db.settings.put({ key: 'pseudonym.key', value: 'not a key' });
    await expect(
      importFiles(engine, [['o.csv', ORDERS]], { newDataset: { name: 'X', currency: 'CNY' }, pseudonymise: { keepMapping: true } }),
    ).rejects.toMatchObject({ code: 'pseudonym.badKey' });
    expect(await db.chunks.count()).toBe(0);
    expect((await db.settings.get('pseudonym.key'))?.value).toBe('not a key');
    db.close();
  });
});
