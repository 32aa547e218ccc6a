/**
 * Value migration between two snapshots of segment membership: who moved from Champions to At
 * Risk, who is new, who is gone.
 *
 * Conventions:
 * - A snapshot lists customer ids with their segment, one pair per position. A customer listed
 *   twice keeps the last pair (as in import, a later row wins).
 * - Every string is a segment key, '' included; drop unscored customers before calling if ''
 *   should not count as a segment.
 * - The "new" row (customers only in `to`) and the "gone" column (only in `from`) are kept apart
 *   from the segment keys, so a segment may itself be called 'new' (the lifecycle stage is).
 *   In {@link migrationMembers}, null stands for them.
 */

/** One snapshot: customerId[i] is in segment[i]. */
export interface SegmentSnapshot {
  customerId: string[];
  segment: string[];
}

/** Options of {@link migrationMatrix}. */
export interface MigrationOptions {
  /**
   * Keys listed here come first, in this order, on both axes, even when no customer is in them
   * (two matrices of the same preset have the same shape); other keys follow by first appearance.
   */
  order?: string[];
}

/** Result of {@link migrationMatrix}. */
export interface MigrationMatrix {
  /** Segments of `from` (rows) and of `to` (columns). */
  fromKeys: string[];
  toKeys: string[];
  /**
   * (fromKeys.length + 1) × (toKeys.length + 1) counts. counts[r][c]: customers in fromKeys[r]
   * then toKeys[c]. The last row (index newRow) counts customers only in `to`; the last column
   * (index goneColumn) customers only in `from`; their corner is always 0.
   */
  counts: number[][];
  newRow: number;
  goneColumn: number;
}

/**
 * Count customers by segment before and after. O(customers), one Map lookup per id.
 * Throws `{ code: 'migration.lengthMismatch' }` when a snapshot's two lists differ in length.
 * @param from earlier snapshot
 * @param to later snapshot
 * @param [options] `order`: fixed key order
 * @example migrationMatrix({ customerId: ['a', 'b'], segment: ['X', 'X'] }, { customerId: ['a', 'c'], segment: ['Y', 'X'] })
 *   // → { fromKeys: ['X'], toKeys: ['Y', 'X'], counts: [[1, 0, 1], [0, 1, 0]], newRow: 1, goneColumn: 2 }
 */
export function migrationMatrix(from: SegmentSnapshot, to: SegmentSnapshot, options: MigrationOptions = {}): MigrationMatrix {
  checkSnapshot(from);
  checkSnapshot(to);
  const before = latest(from);
  const after = latest(to);
  const a = keyIndex(from, before, options.order);
  const b = keyIndex(to, after, options.order);
  const newRow = a.keys.length;
  const goneColumn = b.keys.length;
  const counts = Array.from({ length: newRow + 1 }, () => new Array<number>(goneColumn + 1).fill(0));
  const matched = new Uint8Array(to.customerId.length);
  for (let i = 0; i < from.customerId.length; i++) {
    const r = a.index[i];
    if (r < 0) continue; // replaced by a later pair
    const j = after.get(from.customerId[i]);
    if (j === undefined) counts[r][goneColumn]++;
    else {
      matched[j] = 1;
      counts[r][b.index[j]]++;
    }
  }
  for (let j = 0; j < to.customerId.length; j++) if (b.index[j] >= 0 && !matched[j]) counts[newRow][b.index[j]]++;
  return { fromKeys: a.keys, toKeys: b.keys, counts, newRow, goneColumn };
}

/**
 * The customer ids in one cell of the matrix, sorted (code-unit order).
 * @param from earlier snapshot
 * @param to later snapshot
 * @param fromKey segment before; null = customers only in `to` (new)
 * @param toKey segment after; null = customers only in `from` (gone)
 * @example migrationMembers(from, to, 'Champions', 'At Risk') // → ['c017', 'c102']
 */
export function migrationMembers(from: SegmentSnapshot, to: SegmentSnapshot, fromKey: string | null, toKey: string | null): string[] {
  checkSnapshot(from);
  checkSnapshot(to);
  const before = latest(from);
  const after = latest(to);
  const out: string[] = [];
  if (fromKey === null) {
    if (toKey === null) return out;
    for (const [id, row] of after) if (!before.has(id) && to.segment[row] === toKey) out.push(id);
  } else {
    for (const [id, row] of before) {
      if (from.segment[row] !== fromKey) continue;
      const later = after.get(id);
      if (toKey === null ? later === undefined : later !== undefined && to.segment[later] === toKey) out.push(id);
    }
  }
  return out.sort();
}

function checkSnapshot(s: SegmentSnapshot): void {
  if (s.customerId.length !== s.segment.length) {
    throw { code: 'migration.lengthMismatch', params: { ids: s.customerId.length, segments: s.segment.length } };
  }
}

/** Id → position of its last pair. */
function latest(s: SegmentSnapshot): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < s.customerId.length; i++) m.set(s.customerId[i], i);
  return m;
}

/**
 * Keys of the kept pairs (`order` first, then by first appearance) and each position's key
 * index, -1 for a pair replaced by a later one.
 */
function keyIndex(s: SegmentSnapshot, kept: Map<string, number>, order: string[] = []): { keys: string[]; index: Int32Array } {
  const n = s.customerId.length;
  const all = kept.size === n; // no id listed twice: every pair is kept
  const keys = new Map<string, number>();
  for (const k of order) if (!keys.has(k)) keys.set(k, keys.size);
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (!all && kept.get(s.customerId[i]) !== i) {
      index[i] = -1;
      continue;
    }
    const seg = s.segment[i];
    let k = keys.get(seg);
    if (k === undefined) {
      k = keys.size;
      keys.set(seg, k);
    }
    index[i] = k;
  }
  return { keys: [...keys.keys()], index };
}
