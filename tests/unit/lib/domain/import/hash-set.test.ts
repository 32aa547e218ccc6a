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
