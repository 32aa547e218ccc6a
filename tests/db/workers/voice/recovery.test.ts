// Complaint loss and recovery, and referral value, through the engine on small imported files:
// a customers file with a referred_by column, orders, and complaints — the figures counted by hand,
// a complaint marked resolved by hand moving its customer between groups, and the customer's page
// showing the referrer, whom they referred and the entries with their fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import type { EngineApi } from '../../../../workers/api';
import { openDatabase, type WorkbenchDB } from '../../../../src/lib/db';
import { parseIsoDay } from '../../../../src/lib/domain';
import { settingsOf, textFile } from '../../import-helpers';

let db: WorkbenchDB;
let engine: EngineApi;
let id: string;
const day = (iso: string) => parseIsoDay(iso)!;

/*
 * As of the data's last day 2024-06-01 (silence counted to 2024-06-02):
 * A (100 each) 2024-01-01 … 2024-06-01; complains 2024-02-10, resolved 2024-02-12 → resolved, bought again.
 * B (60 each) 2024-01-01, 2024-01-15, 2024-02-01; complains 2024-02-05, open → unresolved, silent 2024-02-01 → 2024-06-02
 *   = 122 days > 2 × its usual gap (14, 17 → 15.5) → lost, valued at 180 (three orders in the 12 months up to 2024-02-01).
 * C (40) 2024-01-01, 2024-01-20; complains 2024-01-25, resolved 2024-01-26 → resolved, silent 2024-01-20 → 2024-06-02 = 134
 *   > 2 × 19 → lost, valued at 80.
 * D (30) 2024-01-01, 2024-06-01, never complained, referred by A; E (20) 2024-03-01, referred by A; F referred by Z (not a customer).
 * Reference day = median of first complaints {2024-01-25, 2024-02-05, 2024-02-10} = 2024-02-05: D bought by then → never group;
 * E first bought after it → not in it.
 */
const customers = 'customer_id,name,referred_by\nA,Ann,\nB,Bob,\nC,Cat,\nD,Dan,A\nE,Eve,A\nF,Fay,Z\n';
const orders = [
  'customer_id,order_id,order_date,amount',
  ...['01', '02', '03', '04', '05', '06'].map((m) => `A,A${m},2024-${m}-01,100`),
  'B,B1,2024-01-01,60', 'B,B2,2024-01-15,60', 'B,B3,2024-02-01,60',
  // (order ids starting with C read as cancellations, as in retail exports: K here)
  'C,K1,2024-01-01,40', 'C,K2,2024-01-20,40',
  'D,D1,2024-01-01,30', 'D,D2,2024-06-01,30',
  'E,E1,2024-03-01,20',
  'F,F1,2024-03-01,10',
].join('\n');
const interactions = [
  'ticket_id,customer_id,date,type,status,resolved_date,severity,channel,topic,text',
  'T1,A,2024-02-10,complaint,resolved,2024-02-12,2,phone,delivery,Late parcel',
  'T2,B,2024-02-05,complaint,open,,3,email,quality,Broken on arrival',
  'T3,C,2024-01-25,complaint,resolved,2024-01-26,1,chat,price,',
  'T4,D,2024-03-01,praise,resolved,2024-03-01,,chat,,Great service',
].join('\n');

beforeAll(async () => {
  db = openDatabase(`recovery-${Math.random()}`);
  engine = createEngine(db);
  const files = [textFile('customers.csv', customers), textFile('orders.csv', orders), textFile('interactions.csv', interactions)];
  const settings = await Promise.all(files.map(async (file) => ({ file, settings: settingsOf(await engine.preview(file)) })));
  expect(settings.map((s) => s.settings.kind)).toEqual(['customers', 'orders', 'interactions']);
  const result = await engine.importFiles('i', settings, { newDataset: { name: 'hand', currency: 'CNY' } });
  id = result.datasetId;
  await engine.load('l', id);
}, 60_000);

afterAll(() => db.close());

describe('complaint loss and recovery', () => {
  it('compares resolved, unresolved and never-complained customers and counts the complaint loss', async () => {
    const r = await engine.recovery('r', id);
    expect(r.asOfDay).toBe(day('2024-06-01'));
    expect(r.complaints).toBe(3);
    expect(r.referenceDay).toBe(day('2024-02-05'));
    const [resolved, unresolved, never] = r.groups;
    // resolved: A (bought again after 02-10: Mar–Jun 400) and C (nothing after 01-25; gone)
    expect(resolved).toMatchObject({ customers: 2, repurchased: 1, churned: 1, netAfter: 400, meanNetAfter: 200 });
    // unresolved: B, nothing after 02-05, gone
    expect(unresolved).toMatchObject({ customers: 1, repurchased: 0, churned: 1, netAfter: 0 });
    // never: D (bought 06-01 after 02-05: +30), active
    expect(never).toMatchObject({ customers: 1, repurchased: 1, churned: 0, netAfter: 30 });
    expect(r.basis).toBe('net');
    expect(r.lost.map((l) => [l.id, l.name, l.value, l.open])).toEqual([['B', 'Bob', 180, true], ['C', 'Cat', 80, false]]);
    expect(r.loss).toBe(260);
    expect(r.lossOpen).toBe(180);
    expect(r.lost[0].silentDays).toBe(day('2024-06-02') - day('2024-02-01'));
  });

  it('a complaint marked resolved by hand moves its customer to the resolved group (and its loss out of the open part)', async () => {
    const saved = await engine.saveInteraction(id, { entryId: 'T2', customerId: 'B', fields: { resolved: 1, resolvedDay: day('2024-02-06') }, note: 'Replaced' });
    expect(saved).toMatchObject({ entryId: 'T2', resolved: 1, note: 'Replaced', added: false });
    const r = await engine.recovery('r2', id);
    expect(r.groups.map((g) => g.customers)).toEqual([3, 0, 1]);
    expect(r.loss).toBe(260);
    expect(r.lossOpen).toBe(0);
  });

  it('as of an earlier analysis day, later orders and complaints do not count', async () => {
    // as of 2024-02-07: A's complaint (02-10) not yet made; B's resolved by hand on 02-06 (above), C's on 01-26;
    // reference day = lower middle of {01-25, 02-05} = 01-25: A and D had bought by then → never group
    const r = await engine.recovery('r3', id, { analysisDay: day('2024-02-07') });
    expect(r.complaints).toBe(2);
    expect(r.referenceDay).toBe(day('2024-01-25'));
    expect(r.groups.map((g) => g.customers)).toEqual([2, 0, 2]);
    // as of 2024-02-05 B's complaint was still open
    const before = await engine.recovery('r4', id, { analysisDay: day('2024-02-05') });
    expect(before.groups.map((g) => g.customers)).toEqual([1, 1, 2]);
  });
});

describe('referral value', () => {
  it('per referrer, by segment and by NPS group, with the unknown referrer apart', async () => {
    const r = await engine.referrals('f', id);
    // D (60 net) and E (20) by A; F (10) by Z
    expect(r.referred).toBe(3);
    expect(r.referrerCount).toBe(2);
    expect(r.referrers.map((x) => [x.id, x.referred, x.net, x.known])).toEqual([['A', 2, 80, true], ['Z', 1, 10, false]]);
    expect(r.totalNet).toBe(90);
    expect(r.outsideSegments).toEqual({ referrers: 1, referred: 1, net: 10 });
    // nobody answered NPS: all six customers in 'none', one of them (A) referred
    expect(r.byNps).toHaveLength(1);
    expect(r.byNps[0]).toMatchObject({ key: 'none', customers: 6, referrers: 1, referred: 2, net: 80 });
    const segmentOfA = r.referrers[0].segment;
    const g = r.bySegment.find((s) => s.key === segmentOfA)!;
    expect(g.referrers).toBe(1);
    expect(g.net).toBe(80);
    expect(r.bySegment.reduce((s, x) => s + x.customers, 0)).toBe(6);
  });

  it('the customer’s page: the referrer, whom they referred, and the entries with every field', async () => {
    const a = (await engine.customer(id, 'A'))!;
    expect(a.referrals).toEqual({ referredBy: null, referred: [{ id: 'D', name: 'Dan', net: 60, clv: null }, { id: 'E', name: 'Eve', net: 20, clv: null }], net: 80, clv: null });
    const f = (await engine.customer(id, 'F'))!;
    expect(f.referrals!.referredBy).toEqual({ id: 'Z', name: '', known: false });
    const d = (await engine.customer(id, 'D'))!;
    expect(d.referrals!.referredBy).toEqual({ id: 'A', name: 'Ann', known: true });
    expect(a.interactions).toEqual([
      {
        entryId: 'T1', customerId: 'A', day: day('2024-02-10'), kind: 'complaint', channel: 'phone', topic: 'delivery', severity: 2, resolved: 1,
        resolvedDay: day('2024-02-12'), text: 'Late parcel', added: false, note: '',
      },
    ]);
    // an entry added by hand is marked so, newest first
    await engine.saveInteraction(id, { customerId: 'A', fields: { day: day('2024-05-02'), kind: 'suggestion', channel: 'store', topic: '', severity: 0, resolved: 0, resolvedDay: -2147483648, text: 'More sizes' } });
    const again = (await engine.customer(id, 'A'))!;
    expect(again.interactions.map((e) => [e.kind, e.added, e.text])).toEqual([['suggestion', true, 'More sizes'], ['complaint', false, 'Late parcel']]);
  });
});
