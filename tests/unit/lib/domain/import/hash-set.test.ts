import { describe, expect, it } from 'vitest';
import { HASH_SEED, HashSet64, hashString, RowConverter } from '../../../../../src/lib/domain/import';

const hash = (s: string): [number, number] => {
  const h: [number, number] = [HASH_SEED[0], HASH_SEED[1]];
  hashString(s, h);
  return h;
};

describe('HashSet64', () => {
  it('says whether a key is new, across growth', () => {
    const set = new HashSet64(4);
    for (let i = 0; i < 10_000; i++) expect(set.add(...hash(`O${i}`))).toBe(true);
    for (let i = 0; i < 10_000; i += 97) expect(set.add(...hash(`O${i}`))).toBe(false);
    expect(set.size).toBe(10_000);
  });

  it('counts a million distinct ids exactly', () => {
    const set = new HashSet64();
    for (let i = 0; i < 1_000_000; i++) set.add(...hash(`O${String(i).padStart(8, '0')}`));
    expect(set.size).toBe(1_000_000);
  });
});

describe('HashSet64 many at a time', () => {
  it('adds many keys as adding each in turn does: the first of equal keys is the new one, (0, 0) included', () => {
    let x = 99;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) | 0);
    const n = 50_000;
    const hi = new Int32Array(n), lo = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      // a few hundred distinct keys, so that most repeat, within a batch and across batches; some with a zero half
      const k = Math.abs(next()) % 700;
      hi[i] = k % 7 === 0 ? 0 : Math.imul(k, 0x9e3779b1);
      lo[i] = k % 5 === 0 ? 0 : Math.imul(k ^ 0x5bd1e995, 0x85ebca6b);
    }
    const one = new HashSet64(4), many = new HashSet64(4);
    const expected = Array.from(hi, (_, i) => (one.add(hi[i], lo[i]) ? 1 : 0));
    const added = new Uint8Array(n);
    let fresh = 0;
    for (let at = 0; at < n; at += 9_999) {
      const end = Math.min(n, at + 9_999);
      const part = new Uint8Array(end - at);
      fresh += many.addMany(hi.subarray(at, end), lo.subarray(at, end), end - at, part);
      added.set(part, at);
    }
    expect(Array.from(added)).toEqual(expected);
    expect(fresh).toBe(one.size);
    expect(many.size).toBe(one.size);
    expect(many.add(0, 0)).toBe(false); // (0, 0) was among the keys
  });

  it('keeps marks per key: what each key had before it', () => {
    const set = new HashSet64(4, { marks: true });
    const before = new Int8Array(6);
    const hi = Int32Array.from([5, 5, 6, 5, 0, 0]);
    const lo = Int32Array.from([8, 8, 8, 8, 0, 0]);
    set.markMany(hi, lo, 6, Uint8Array.from([1, 2, 2, 1, 2, 1]), before);
    expect(Array.from(before)).toEqual([-1, 1, -1, 3, -1, 2]);
    set.markMany(hi, lo, 2, Uint8Array.from([0, 0]), before);
    expect(Array.from(before.subarray(0, 2))).toEqual([3, 3]);
    expect(set.size).toBe(3);
  });
});

describe('RowConverter chunks', () => {
  it('hands out full chunks of the requested size and keeps the rest', () => {
    const c = new RowConverter({
      kind: 'orders', mapping: { customerId: 0, date: 1, amount: 2 }, columnNames: ['c', 'd', 'a'], dateOrder: 'ymd',
      dropDuplicates: false, chunkRows: 4,
    });
    for (let i = 0; i < 10; i++) c.accept([`c${i}`, '2024-01-01', String(i)], i + 2);
    const full = c.takeFull();
    expect(full.map((t) => (t as { customerId: string[] }).customerId)).toEqual([['c0', 'c1', 'c2', 'c3'], ['c4', 'c5', 'c6', 'c7']]);
    expect(c.takeFull()).toEqual([]);
    expect((c.take() as { customerId: string[] }).customerId).toEqual(['c8', 'c9']);
  });
});
