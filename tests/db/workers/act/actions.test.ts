// Actions on a small imported dataset worked out by hand: an action from all customers or a
// segment keeps a seeded control group (stored, stable), the treated list is exported without the
// control, and the read-out sums each group's orders over [day, day + window), net of returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import type { EngineApi } from '../../../../workers/api';
import { deleteAction, forgetCustomerRows, getActionMembers, listActions, openDatabase, type WorkbenchDB } from '../../../../src/lib/db';
import { parseIsoDay } from '../../../../src/lib/domain';
import type { ActionDraft } from '../../../../src/lib/domain/act/action';
import { settingsOf, textFile } from '../../import-helpers';

// The action's day is 2025-01-10; a 30-day window is 2025-01-10 … 2025-02-08 (the 9th is out).
// Net revenue per customer in the window, by hand:
//   a: 100 on 2024-12-01 (before), 200 on 2025-01-15           → 200, converted
//   b: 50 on 2025-01-10 (first day counts), −20 returned 01-20   → 30, converted
//   c: 10 on 2024-11-01, 300 on 2025-02-09 (day after the end)  → 0 (60 days: 300, converted)
//   d: 80 on 2025-02-08 (last day)                              → 80, converted
//   e: 40 on 2024-10-01                                         → 0
//   f: 60 on 2025-01-09 (day before)                            → 0
//   g: 40 on 2025-01-25, 60 on 2025-01-26                       → 100, converted (one customer, two orders)
//   h: 30 on 2024-09-01, −30 returned on 2025-01-12             → −30, a return is no conversion
const ORDERS = [
  'customer_id,order_id,order_date,amount',
  'a,o1,2024-12-01,100', 'a,o2,2025-01-15,200', 'b,o3,2025-01-10,50', 'b,r3,2025-01-20,-20', 'c,o4,2024-11-01,10', 'c,o5,2025-02-09,300',
  'd,o6,2025-02-08,80', 'e,o7,2024-10-01,40', 'f,o8,2025-01-09,60', 'g,o9,2025-01-25,40', 'g,o10,2025-01-26,60', 'h,o11,2024-09-01,30',
  'h,r11,2025-01-12,-30',
].join('\n');
const NET30: Record<string, number> = { a: 200, b: 30, c: 0, d: 80, e: 0, f: 0, g: 100, h: -30 };
const CONV30: Record<string, number> = { a: 1, b: 1, c: 0, d: 1, e: 0, f: 0, g: 1, h: 0 };
const NET60: Record<string, number> = { ...NET30, c: 300 };
const CONV60: Record<string, number> = { ...CONV30, c: 1 };

const DAY = parseIsoDay('2025-01-10')!;
const draft = (over: Partial<ActionDraft> = {}): ActionDraft => ({
  name: '挽回 Win-back', type: 'winback', day: DAY, owner: 'Li', channel: 'sms', costPerContact: 2, offer: '', controlShare: 0.5, ...over,
});

let db: WorkbenchDB;
let engine: EngineApi;
let id: string;

/** What the read-out should say for these members, from the hand table. */
function expected(ids: string[], control: Uint8Array, net: Record<string, number>, conv: Record<string, number>, skip = new Set<string>()) {
  const arm = () => ({ n: 0, conversions: 0, sum: 0, sumSquares: 0 });
  const out = { treated: arm(), control: arm() };
  ids.forEach((c, i) => {
    if (skip.has(c)) return;
    const a = control[i] ? out.control : out.treated;
    a.n++;
    a.conversions += conv[c];
    a.sum += net[c];
    a.sumSquares += net[c] ** 2;
  });
  return out;
}

beforeAll(async () => {
  db = openDatabase(`act-actions-${Math.random()}`);
  engine = createEngine(db);
  const file = textFile('orders.csv', ORDERS);
  const imported = await engine.importFiles('i', [{ file, settings: settingsOf(await engine.preview(file)) }], { newDataset: { name: 'Shop', currency: 'CNY' } });
  expect(imported.committed).toBe(true);
  id = imported.datasetId;
  await engine.load('l', id);
}, 60_000);

afterAll(() => db.close());

describe('actions in the engine', () => {
  it('makes an action of every customer with a seeded control group, stored with its members, the same split for the same seed', async () => {
    expect(await engine.actionSourceSize('s', id, { kind: 'all' })).toEqual({ customers: 8 });
    const action = await engine.createAction('c1', id, { draft: draft(), source: { kind: 'all' }, seed: 'fixed-seed' });
    expect(action).toMatchObject({ name: '挽回 Win-back', status: 'planned', seed: 'fixed-seed', window: 30, controlShare: 0.5, source: { kind: 'all' } });
    const members = (await getActionMembers(db, action.id))!;
    expect([...members.customerIds].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    const inControl = members.control.reduce((n, f) => n + f, 0);
    expect(action.sizes).toEqual({ treated: 8 - inControl, control: inControl });
    // same seed, same customers → same split (stable); a made-up seed without one is made and kept
    const again = await engine.createAction('c2', id, { draft: draft(), source: { kind: 'all' }, seed: 'fixed-seed' });
    expect((await getActionMembers(db, again.id))!.control).toEqual(members.control);
    const fresh = await engine.createAction('c3', id, { draft: draft(), source: { kind: 'all' } });
    expect(fresh.seed).toMatch(/^[0-9a-f]{16}$/);
    expect((await listActions(db, id)).find((a) => a.id === fresh.id)!.seed).toBe(fresh.seed);
    for (const a of [again, fresh]) await deleteAction(db, a.id);
  });

  it('reads an action out over 30 and 60 days from the hand table, cost = cost per contact × treated', async () => {
    // share 0.5 over 8 customers: find a seed whose split has both groups (any seed does once both are non-empty)
    const action = await engine.createAction('c4', id, { draft: draft(), source: { kind: 'all' }, seed: 'readout-seed' });
    const m = (await getActionMembers(db, action.id))!;
    const r30 = await engine.actionReadout('r1', id, action.id);
    const want30 = expected(m.customerIds, m.control, NET30, CONV30);
    expect({ treated: r30.treated, control: r30.control }).toEqual(want30);
    expect(r30).toMatchObject({ day: DAY, window: 30, end: DAY + 30, missing: 0, complete: true, lastOrderDay: parseIsoDay('2025-02-09') });
    if (want30.control.n > 0 && want30.treated.n > 0) {
      expect(r30.readout!.cost).toBe(2 * want30.treated.n);
      expect(r30.readout!.conversion.rateA).toBeCloseTo(want30.control.conversions / want30.control.n, 12);
      expect(r30.readout!.conversion.rateB).toBeCloseTo(want30.treated.conversions / want30.treated.n, 12);
      // 8 customers is below the smallest group judged
      expect(r30.readout!.verdict.code).toBe('readout.verdict.tooFew');
    } else {
      expect(r30.readout).toBeNull();
    }
    const r60 = await engine.actionReadout('r2', id, action.id, { window: 60 });
    expect({ treated: r60.treated, control: r60.control }).toEqual(expected(m.customerIds, m.control, NET60, CONV60));
    // 60 days reach 2025-03-10, the data ends 2025-02-09: provisional
    expect(r60.complete).toBe(false);
    await expect(engine.actionReadout('r3', id, action.id, { window: 0 })).rejects.toMatchObject({ code: 'action.error.window' });
    await expect(engine.actionReadout('r4', id, action.id, { window: 2.5 })).rejects.toMatchObject({ code: 'action.error.window' });
    await expect(engine.actionReadout('r5', id, 'act_nope')).rejects.toMatchObject({ code: 'action.error.gone' });
    await deleteAction(db, action.id);
  });

  it('a 0% control keeps everyone treated: no read-out, a notice; the export holds every treated customer and never the control', async () => {
    const none = await engine.createAction('c5', id, { draft: draft({ controlShare: 0 }), source: { kind: 'all' } });
    expect(none.sizes).toEqual({ treated: 8, control: 0 });
    const r = await engine.actionReadout('r6', id, none.id);
    expect(r.readout).toBeNull();
    expect(r.notice).toEqual({ code: 'action.readout.noControl' });
    await deleteAction(db, none.id);

    const half = await engine.createAction('c6', id, { draft: draft(), source: { kind: 'all' }, seed: 'export-seed' });
    const m = (await getActionMembers(db, half.id))!;
    const treated = m.customerIds.filter((_, i) => !m.control[i]);
    const contacts = await engine.actionContacts('x1', id, half.id);
    expect(contacts.customers.map((c) => c.id)).toEqual(treated);
    expect(contacts.hasConsent).toBe(false);
    expect(contacts.leftOut).toBe(0);
    await deleteAction(db, half.id);
  });

  it('makes an action of one segment of a grouping', async () => {
    // value tiers 25/75 by customers: tier_1 holds the top 2 of 8 by total spend (a 300, c 310)
    const { handle } = await engine.tiers(id, [25, 75], 'customers');
    expect(await engine.actionSourceSize('s2', id, { kind: 'segment', grouping: handle, segment: 'tier_1' })).toEqual({ customers: 2 });
    const action = await engine.createAction('c7', id, { draft: draft({ type: 'vip' }), source: { kind: 'segment', grouping: handle, segment: 'tier_1' } });
    expect([...(await getActionMembers(db, action.id))!.customerIds].sort()).toEqual(['a', 'c']);
    await deleteAction(db, action.id);
  });

  it('refuses broken and hostile requests with a notice, storing nothing', async () => {
    const before = await db.actions.count();
    await expect(engine.createAction('e1', id, { draft: draft({ name: '   ' }), source: { kind: 'all' } })).rejects.toMatchObject({ code: 'action.error.name' });
    await expect(engine.createAction('e2', id, { draft: draft({ controlShare: 0.9 }), source: { kind: 'all' } })).rejects.toMatchObject({ code: 'action.error.share' });
    await expect(engine.createAction('e3', id, { draft: draft({ costPerContact: Number.NaN }), source: { kind: 'all' } })).rejects.toMatchObject({ code: 'action.error.cost' });
    await expect(engine.createAction('e4', id, { draft: draft({ type: 'spam' as never }), source: { kind: 'all' } })).rejects.toMatchObject({ code: 'action.error.type' });
    await expect(engine.createAction('e5', id, { draft: draft(), source: { kind: 'nope' } as never })).rejects.toMatchObject({ code: 'action.error.source' });
    await expect(engine.createAction('e6', id, { draft: null as never, source: { kind: 'all' } })).rejects.toMatchObject({ code: 'action.error.source' });
    const { handle } = await engine.tiers(id, [25, 75], 'customers');
    await expect(engine.createAction('e7', id, { draft: draft(), source: { kind: 'segment', grouping: handle, segment: 'no-such' } })).rejects.toMatchObject({ code: 'action.error.empty' });
    await expect(engine.createAction('e8', 'other', { draft: draft(), source: { kind: 'all' } })).rejects.toMatchObject({ code: 'error.notLoaded' });
    expect(await db.actions.count()).toBe(before);
  });

  it('after a customer is forgotten the read-out leaves them out; a member gone from the data is counted as missing', async () => {
    const action = await engine.createAction('c8', id, { draft: draft(), source: { kind: 'all' }, seed: 'forget-seed' });
    const m = (await getActionMembers(db, action.id))!;
    // a member the dataset no longer holds (e.g. gone with a replaced import) is counted, not read
    await db.actionMembers.put({ id: action.id, customerIds: [...m.customerIds, 'zz'], control: Uint8Array.from([...m.control, 0]) });
    const r = await engine.actionReadout('r7', id, action.id);
    expect(r.missing).toBe(1);
    expect({ treated: r.treated, control: r.control }).toEqual(expected(m.customerIds, m.control, NET30, CONV30));
    await forgetCustomerRows(db, id, 'a');
    await engine.load('l2', id);
    const after = await engine.actionReadout('r8', id, action.id);
    expect((await getActionMembers(db, action.id))!.customerIds).not.toContain('a');
    expect({ treated: after.treated, control: after.control }).toEqual(expected(m.customerIds, m.control, NET30, CONV30, new Set(['a'])));
  });
});
