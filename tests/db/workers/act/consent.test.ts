// Marketing consent through the engine (issue 16, point 6): a customers file with a consent column
// (Chinese headers, GBK, as Excel saves it) is imported with its rejects; the loaded dataset gives
// who of a list may be contacted (forContact), the privacy page's coverage and the customer's
// consent; a newer import of a customer overrides the older one; pseudonymising and forgetting a
// customer keep the others' consent; a dataset without the column leaves nobody out and says so.
// Expected values are read off the files by hand.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { forContact } from '../../../../workers/act/contact';
import { prepareDataset } from '../../../../workers/core/loaded';
import { openDatabase, readDataset } from '../../../../src/lib/db';
import { importOne, settingsOf, textFile } from '../../import-helpers';

const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

const ORDERS = ['客户编号,订单编号,下单日期,金额', 'C1,o1,2024-01-05,100', 'C2,o2,2024-02-05,50', 'C3,o3,2024-02-06,70', 'C9,o4,2024-02-07,30'].join('\r\n');
const CUSTOMERS = [
  '会员编号,姓名,同意营销,同意营销日期',
  'C1,张三,是,2024-01-01',
  'C2,李四,否,2024-02-01',
  'C3,王五,,',
  'C4,赵六,同意,2023-12-31',
  'C5,钱七,也许吧,', // not a consent: rejected
  'C6,孙八,=HYPERLINK("http://x"),', // hostile: rejected, never a formula
].join('\r\n');

async function loadedOf(db: ReturnType<typeof openDatabase>, datasetId: string) {
  return prepareDataset(datasetId, await readDataset(db, datasetId));
}

describe('consent through the engine', () => {
  it('imports consent, leaves out who did not agree, and shows the coverage and the customer’s consent', async () => {
    const db = openDatabase('consent-engine');
    const engine = createEngine(db);
    const files = [textFile('订单.csv', iconv.encode(ORDERS, 'gbk')), textFile('客户.csv', iconv.encode(CUSTOMERS, 'gbk'))];
    const previews = await Promise.all(files.map((f) => engine.preview(f)));
    expect(previews.map((p) => p.kind)).toEqual(['orders', 'customers']);
    expect(previews[1].mapping).toMatchObject({ customerId: 0, name: 1, consent: 2, consentDate: 3 });
    const result = await engine.importFiles('c', files.map((file, i) => ({ file, settings: settingsOf(previews[i]) })), { newDataset: { name: 'shop', currency: 'CNY' } });
    const customers = result.files[1];
    expect(customers.stats).toMatchObject({ rows: 6, accepted: 4, rejected: 2, rejectedBy: { badValue: 2 } });
    expect(customers.rejects.map((r) => [r.line, r.column, r.value])).toEqual([[6, '同意营销', '也许吧'], [7, '同意营销', '=HYPERLINK("http://x")']]);

    const ds = await loadedOf(db, result.datasetId);
    const c = ds.indexed.customers;
    // C1..C4 from the customers file, then C9 known only from its order (consent unknown)
    expect(c.id).toEqual(['C1', 'C2', 'C3', 'C4', 'C9']);
    expect(Array.from(c.consent)).toEqual([1, 2, 0, 1, 0]);
    expect(Array.from(c.consentDay.slice(0, 2))).toEqual([day(2024, 1, 1), day(2024, 2, 1)]);
    const row = (id: string) => ds.indexed.customerIndex.get(id)!;
    const list = ['C9', 'C4', 'C3', 'C2', 'C1'].map(row);
    // C4 and C1 agreed; C9 (unknown), C3 (unknown) and C2 (refused) are left out
    expect(forContact(ds, list)).toEqual({ rows: [row('C4'), row('C1')], leftOut: 3, withoutConsent: 3, hasConsent: true });
    expect(forContact(ds, list, { includeWithoutConsent: true })).toEqual({ rows: list, leftOut: 0, withoutConsent: 3, hasConsent: true });

    await engine.load('l', result.datasetId);
    // yes 2 of 5 (C1, C4), no 1 (C2), unknown 2 (C3, C9); latest consent day 2024-02-01 (C2's refusal)
    const coverage = await engine.consentCoverage('cov', result.datasetId);
    expect(coverage).toMatchObject({ customers: 5, yes: 2, no: 1, unknown: 2, latestDay: day(2024, 2, 1), hasConsent: true });
    expect(coverage.yesShare).toBeCloseTo(0.4, 12);
    expect((await engine.customer(result.datasetId, 'C2'))!.consent).toEqual({ status: 'no', day: day(2024, 2, 1) });
    expect((await engine.customer(result.datasetId, 'C9'))!.consent).toEqual({ status: 'unknown', day: null });

    // a newer customers file overrides: C2 now agrees, C3 refuses
    await importOne(engine, textFile('update.csv', ['customer_id,name,marketing_consent,consent_date', 'C2,李四,yes,2024-03-01', 'C3,王五,no,'].join('\n')), { datasetId: result.datasetId });
    const after = await loadedOf(db, result.datasetId);
    expect(Array.from(after.indexed.customers.consent)).toEqual([1, 1, 2, 1, 0]);
    expect(after.indexed.customers.consentDay[1]).toBe(day(2024, 3, 1));

    // forgetting C1 keeps the others' consent (the chunk is written again in the current layout)
    await engine.forgetCustomer(result.datasetId, 'C1');
    const forgotten = await loadedOf(db, result.datasetId);
    expect(forgotten.indexed.customers.id).toEqual(['C2', 'C3', 'C4', 'C9']);
    expect(Array.from(forgotten.indexed.customers.consent)).toEqual([1, 2, 1, 0]);
    db.close();
  });

  it('without a consent column leaves nobody out, says so, and the coverage has none', async () => {
    const db = openDatabase('consent-none');
    const engine = createEngine(db);
    const result = await importOne(engine, textFile('orders.csv', ORDERS), { newDataset: { name: 'bare', currency: 'CNY' } });
    const ds = await loadedOf(db, result.datasetId);
    expect(forContact(ds, [0, 1, 2])).toEqual({ rows: [0, 1, 2], leftOut: 0, withoutConsent: 0, hasConsent: false });
    await engine.load('l', result.datasetId);
    expect(await engine.consentCoverage('cov', result.datasetId)).toMatchObject({ customers: 4, unknown: 4, hasConsent: false, latestDay: null });
    expect((await engine.customer(result.datasetId, 'C1'))!.consent).toBeUndefined();
    // the coverage of a dataset that is not the loaded one is a notice, not a crash
    await expect(engine.consentCoverage('x', 'other')).rejects.toMatchObject({ code: 'error.notLoaded' });
    db.close();
  });

  it('keeps consent when the customers are pseudonymised on import', async () => {
    const db = openDatabase('consent-pseudo');
    const engine = createEngine(db);
    const file = textFile('customers.csv', ['customer_id,name,opt_in', '13800138000,王文博,yes', 'C2,Li,no'].join('\n'));
    const preview = await engine.preview(file);
    const result = await engine.importFiles('p', [{ file, settings: settingsOf(preview) }], { newDataset: { name: 'p', currency: 'CNY' }, pseudonymise: { keepMapping: false } });
    const ds = await loadedOf(db, result.datasetId);
    expect(ds.indexed.customers.id[0]).toMatch(/^P-/);
    expect(Array.from(ds.indexed.customers.consent)).toEqual([1, 2]);
    db.close();
  });
});
