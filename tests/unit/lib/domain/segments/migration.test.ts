import { describe, expect, it } from 'vitest';
import { migrationMatrix, migrationMembers, type SegmentSnapshot } from '../../../../../src/lib/domain/segments/migration';

const snap = (pairs: [string, string][]): SegmentSnapshot => ({ customerId: pairs.map((p) => p[0]), segment: pairs.map((p) => p[1]) });

// a: X → Y, b: Y → X, c: X → X, d: Z → gone, e: new → Y
const FROM = snap([['a', 'X'], ['b', 'Y'], ['c', 'X'], ['d', 'Z']]);
const TO = snap([['b', 'X'], ['c', 'X'], ['a', 'Y'], ['e', 'Y']]);

describe('migrationMatrix', () => {
  it('counts moves, new and gone customers', () => {
    expect(migrationMatrix(FROM, TO)).toEqual({
      fromKeys: ['X', 'Y', 'Z'],
      toKeys: ['X', 'Y'],
      //        X  Y  gone
      counts: [[1, 1, 0], // X: c stays, a moves to Y
        [1, 0, 0], // Y: b moves to X
        [0, 0, 1], // Z: d is gone
        [0, 1, 0]], // new: e arrives in Y
      newRow: 3,
      goneColumn: 2,
    });
  });

  it('puts the keys of `order` first, on both axes, even when empty', () => {
    const m = migrationMatrix(FROM, TO, { order: ['Z', 'Q', 'X'] });
    expect(m.fromKeys).toEqual(['Z', 'Q', 'X', 'Y']);
    expect(m.toKeys).toEqual(['Z', 'Q', 'X', 'Y']);
    expect(m.counts).toEqual([
      [0, 0, 0, 0, 1], // Z: d gone
      [0, 0, 0, 0, 0], // Q: nobody
      [0, 0, 1, 1, 0], // X: c → X, a → Y
      [0, 0, 1, 0, 0], // Y: b → X
      [0, 0, 0, 1, 0], // new: e → Y
    ]);
  });

  it('keeps a segment called "new" apart from the new row', () => {
    const m = migrationMatrix(snap([['a', 'new']]), snap([['a', 'repeat'], ['b', 'new']]));
    expect(m).toEqual({ fromKeys: ['new'], toKeys: ['repeat', 'new'], counts: [[1, 0, 0], [0, 1, 0]], newRow: 1, goneColumn: 2 });
  });

  it('keeps the last pair of a customer listed twice; keys come from the kept pairs', () => {
    // a listed as W then X in from: X counts; W appears only in a replaced pair and is no key
    const m = migrationMatrix(snap([['a', 'W'], ['b', 'Y'], ['a', 'X']]), snap([['a', 'Y'], ['b', 'Y']]));
    expect(m.fromKeys).toEqual(['Y', 'X']);
    expect(m.counts).toEqual([[1, 0], [1, 0], [0, 0]]); // Y: b → Y; X: a → Y
    // a listed in `to` as X then Y: Y counts, and X (only in the replaced pair) is no key
    const n = migrationMatrix(snap([['a', 'X']]), snap([['a', 'X'], ['b', 'X'], ['a', 'Y']]));
    expect(n).toEqual({ fromKeys: ['X'], toKeys: ['X', 'Y'], counts: [[0, 1, 0], [1, 0, 0]], newRow: 1, goneColumn: 2 });
    expect(migrationMembers(snap([['a', 'X']]), snap([['a', 'X'], ['b', 'X'], ['a', 'Y']]), 'X', 'Y')).toEqual(['a']);
  });

  it('handles identical, disjoint and empty snapshots', () => {
    expect(migrationMatrix(FROM, FROM).counts).toEqual([[2, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0]]);
    const disjoint = migrationMatrix(snap([['a', 'X']]), snap([['b', 'X']]));
    expect(disjoint.counts).toEqual([[0, 1], [1, 0]]); // a gone, b new
    expect(migrationMatrix(snap([]), snap([]))).toEqual({ fromKeys: [], toKeys: [], counts: [[0]], newRow: 0, goneColumn: 0 });
    expect(migrationMatrix(snap([]), TO).counts).toEqual([[2, 2, 0]]); // everyone new: b, c → X; a, e → Y
  });

  it('treats "" as a segment key like any other', () => {
    expect(migrationMatrix(snap([['a', '']]), snap([['a', 'X']])).fromKeys).toEqual(['']);
  });

  it('refuses a snapshot whose lists differ in length', () => {
    expect(() => migrationMatrix({ customerId: ['a'], segment: [] }, TO))
      .toThrow(expect.objectContaining({ code: 'migration.lengthMismatch', params: { ids: 1, segments: 0 } }));
    expect(() => migrationMembers(FROM, { customerId: [], segment: ['X'] }, 'X', 'X'))
      .toThrow(expect.objectContaining({ code: 'migration.lengthMismatch' }));
  });
});

describe('migrationMembers', () => {
  it('lists the ids of a cell, sorted', () => {
    const from = snap([['c10', 'X'], ['c9', 'X'], ['a', 'X'], ['z', 'Y']]);
    const to = snap([['c9', 'Y'], ['a', 'Y'], ['c10', 'Y'], ['z', 'Y'], ['n2', 'X'], ['n1', 'X']]);
    expect(migrationMembers(from, to, 'X', 'Y')).toEqual(['a', 'c10', 'c9']); // code-unit order
    expect(migrationMembers(from, to, 'Y', 'Y')).toEqual(['z']);
    expect(migrationMembers(from, to, null, 'X')).toEqual(['n1', 'n2']);
  });

  it('uses null for the new row and the gone column', () => {
    expect(migrationMembers(FROM, TO, 'Z', null)).toEqual(['d']);
    expect(migrationMembers(FROM, TO, null, 'Y')).toEqual(['e']);
    expect(migrationMembers(FROM, TO, null, null)).toEqual([]);
    expect(migrationMembers(FROM, TO, 'X', null)).toEqual([]);
  });

  it('returns [] for a key that does not occur', () => {
    expect(migrationMembers(FROM, TO, 'Q', 'X')).toEqual([]);
    expect(migrationMembers(FROM, TO, 'X', 'Q')).toEqual([]);
  });

  it('agrees with the matrix on every cell', () => {
    const m = migrationMatrix(FROM, TO);
    const rows = [...m.fromKeys, null];
    const cols = [...m.toKeys, null];
    expect(m.fromKeys.length).toBeGreaterThan(0);
    expect(m.toKeys.length).toBeGreaterThan(0);
    rows.forEach((r, i) => cols.forEach((c, j) => expect(migrationMembers(FROM, TO, r, c).length).toBe(m.counts[i][j])));
  });
});

describe('scale', () => {
  it('builds a matrix of 100,000 customers', () => {
    const n = 100_000;
    const keys = ['champions', 'loyal', 'at_risk', 'lost'];
    const ids = Array.from({ length: n }, (_, i) => `c${i}`);
    const from = { customerId: ids, segment: ids.map((_, i) => keys[i % 4]) };
    // the first 1,000 customers leave, 1,000 new ones arrive, everyone else moves one segment down (lost stays)
    const toIds = ids.slice(1000).concat(Array.from({ length: 1000 }, (_, i) => `n${i}`));
    const to = { customerId: toIds, segment: toIds.map((id, i) => (id[0] === 'n' ? 'loyal' : keys[Math.min(3, ((i + 1000) % 4) + 1)])) };
    const m = migrationMatrix(from, to, { order: keys });
    expect(m.counts).toEqual([
      [0, 24_750, 0, 0, 250],
      [0, 0, 24_750, 0, 250],
      [0, 0, 0, 24_750, 250],
      [0, 0, 0, 24_750, 250],
      [0, 1000, 0, 0, 0],
    ]);
  });
});
