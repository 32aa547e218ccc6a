import type { MigrationMatrix } from './migration';

/** A migration matrix as shown: only rows and columns with customers in them. */
export interface MigrationTable {
  /** A segment of the earlier snapshot per row; null: customers only in the later one (new). */
  rows: (string | null)[];
  /** A segment of the later snapshot per column; null: customers only in the earlier one (gone). */
  columns: (string | null)[];
  /** counts[r][c]: customers in rows[r] before and columns[c] after. */
  counts: number[][];
}

/**
 * The rows and columns of a migration matrix that hold anyone: a matrix lists every segment the
 * app knows (so two matrices line up), most of them empty for one pair of snapshots. Kept keys
 * follow `order` (the scheme's own, see schemeOrder), then the matrix's order; the "new" row and
 * "gone" column come last, as null keys, when they hold customers.
 *
 * @param m the matrix
 * @param [order] keys in the order to show them
 * @example
 * shownMigration({ fromKeys: ['a', 'b'], toKeys: ['a', 'b'], counts: [[2, 0, 1], [0, 0, 0], [0, 0, 0]], newRow: 2, goneColumn: 2 });
 * // → { rows: ['a'], columns: ['a', null], counts: [[2, 1]] }
 */
export function shownMigration(m: MigrationMatrix, order: readonly string[] = []): MigrationTable {
  const rowKey = (r: number) => (r === m.newRow ? null : m.fromKeys[r]);
  const columnKey = (c: number) => (c === m.goneColumn ? null : m.toKeys[c]);
  const rank = (key: string | null, at: number) => {
    const i = key === null ? -1 : order.indexOf(key);
    return key === null ? Infinity : i >= 0 ? i - order.length : at; // listed first, then by position, new/gone last
  };
  const byRank = (keyOf: (i: number) => string | null) => (a: number, b: number) => rank(keyOf(a), a) - rank(keyOf(b), b);
  const width = m.counts[0]?.length ?? 0;
  const rowsKept = m.counts.flatMap((row, r) => (row.some((x) => x > 0) ? [r] : [])).sort(byRank(rowKey));
  const columnsKept = Array.from({ length: width }, (_, c) => c).filter((c) => m.counts.some((row) => row[c] > 0)).sort(byRank(columnKey));
  return {
    rows: rowsKept.map(rowKey),
    columns: columnsKept.map(columnKey),
    counts: rowsKept.map((r) => columnsKept.map((c) => m.counts[r][c])),
  };
}
