// The action form's checks, stored rows read back, and the read-out sums over a window (hand cases).
import { describe, expect, it } from 'vitest';
import { newControlSeed, restoreAction, validateActionDraft, validWindow, type ActionDraft } from '../../../../../src/lib/domain/act/action';
import { armSums } from '../../../../../src/lib/domain/act/action-sums';

const ok: ActionDraft = { name: 'VIP 关怀', type: 'vip', day: 20000, owner: '', channel: 'wechat', costPerContact: 0, offer: '', controlShare: 0.1 };

describe('validateActionDraft', () => {
  it('accepts a complete draft, 0% and 50% control', () => {
    expect(validateActionDraft(ok)).toEqual([]);
    expect(validateActionDraft({ ...ok, controlShare: 0 })).toEqual([]);
    expect(validateActionDraft({ ...ok, controlShare: 0.5 })).toEqual([]);
  });

  it('names each broken field with a catalog key', () => {
    const bad = { name: ' ', type: 'x', day: 1.5, owner: 'o'.repeat(201), channel: 'fax', costPerContact: -1, offer: 7, controlShare: 0.51 } as unknown as ActionDraft;
    expect(validateActionDraft(bad).map((i) => [i.field, i.code])).toEqual([
      ['name', 'action.error.name'], ['type', 'action.error.type'], ['channel', 'action.error.channel'], ['day', 'action.error.day'],
      ['costPerContact', 'action.error.cost'], ['controlShare', 'action.error.share'], ['owner', 'action.error.text'], ['offer', 'action.error.text'],
    ]);
    expect(validateActionDraft({ ...ok, name: 'n'.repeat(121) })[0]).toMatchObject({ code: 'action.error.nameLong', params: { max: 120 } });
    expect(validateActionDraft({ ...ok, costPerContact: Infinity })[0].code).toBe('action.error.cost');
    expect(validateActionDraft({ ...ok, controlShare: Number.NaN })[0].code).toBe('action.error.share');
  });

  it('windows are whole days from 1 to 1096', () => {
    expect([1, 30, 1096].map(validWindow)).toEqual([true, true, true]);
    expect([0, -1, 1.5, 1097, Number.NaN].map(validWindow)).toEqual([false, false, false, false, false]);
  });

  it('a seed is 16 hex digits', () => {
    expect(newControlSeed(() => 0)).toBe('0000000000000000');
    expect(newControlSeed(() => 0.9999)).toBe('ffffffffffffffff');
    expect(newControlSeed()).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('restoreAction', () => {
  it('needs an id, a dataset and a seed; fills the rest with defaults', () => {
    expect(restoreAction({ id: 'a', datasetId: 'd', action: {} })).toBeNull();
    expect(restoreAction({ id: 1, datasetId: 'd', action: { seed: 's' } })).toBeNull();
    expect(restoreAction({ id: 'a', datasetId: 'd', action: { seed: 's' } })).toMatchObject({
      name: 'a', type: 'other', channel: 'other', status: 'planned', controlShare: 0.1, window: 30, sizes: { treated: 0, control: 0 }, source: { kind: 'all' },
    });
  });
});

describe('armSums', () => {
  // customers 0..3; groups: 0 treated, 1 control, 2 treated, 3 not a member; window [100, 110)
  //   0: 10 on day 99 (out), 20 on 100, 5 on 109 → 25, converted
  //   1: 40 on 105, return 15 on 106 (stored −15) → 25, converted
  //   2: return 8 on 101 (stored +8: a sign slip) → −8, not converted
  //   3: 1000 on 105 → not a member
  // treated: n 2, conversions 1, sum 25 − 8 = 17, squares 625 + 64 = 689; control: n 1, 1, 25, 625
  it('sums each group over the window, net of returns, members only', () => {
    const orders = {
      length: 7,
      customer: Int32Array.of(0, 0, 0, 1, 1, 2, 3),
      day: Int32Array.of(99, 100, 109, 105, 106, 101, 105),
      amount: Float64Array.of(10, 20, 5, 40, -15, 8, 1000),
      isReturn: Uint8Array.of(0, 0, 0, 0, 1, 1, 0),
    };
    expect(armSums(orders, Int8Array.of(0, 1, 0, -1), 100, 10)).toEqual({
      treated: { n: 2, conversions: 1, sum: 17, sumSquares: 689 },
      control: { n: 1, conversions: 1, sum: 25, sumSquares: 625 },
    });
    // a one-day window holds day 100 only: customer 0 has 20
    expect(armSums(orders, Int8Array.of(0, 1, 0, -1), 100, 1).treated).toEqual({ n: 2, conversions: 1, sum: 20, sumSquares: 400 });
  });
});
