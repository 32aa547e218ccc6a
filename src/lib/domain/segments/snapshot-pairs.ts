/**
 * Which snapshots can be compared with which: only snapshots of the same scheme (RFM 11 segments
 * with RFM 11 segments, lifecycle stages with lifecycle stages), since a move between segments
 * of different groupings means nothing.
 */

/** What the functions need of a snapshot. */
export interface SnapshotIdentity {
  id: string;
  scheme: string;
}

/**
 * The snapshots `fromId` can be compared with: those of its scheme, itself left out, in the
 * list's order. Empty when `fromId` is not in the list.
 *
 * @example
 * comparableWith([{ id: 'a', scheme: 'rfm11' }, { id: 'b', scheme: 'tiers' }, { id: 'c', scheme: 'rfm11' }], 'a'); // [{ id: 'c', … }]
 */
export function comparableWith<T extends SnapshotIdentity>(list: readonly T[], fromId: string): T[] {
  const from = list.find((s) => s.id === fromId);
  return from ? list.filter((s) => s.id !== fromId && s.scheme === from.scheme) : [];
}

/**
 * The pair to offer first in a list sorted newest first: the newest snapshot that has an older
 * one of its scheme (`to`) and the newest of those (`from`); null when no two share a scheme.
 *
 * @example
 * defaultPair([{ id: 'n', scheme: 'tiers' }, { id: 'm', scheme: 'rfm11' }, { id: 'o', scheme: 'rfm11' }]); // { fromId: 'o', toId: 'm' }
 */
export function defaultPair(newestFirst: readonly SnapshotIdentity[]): { fromId: string; toId: string } | null {
  for (let i = 0; i < newestFirst.length; i++) {
    const older = newestFirst.slice(i + 1).find((s) => s.scheme === newestFirst[i].scheme);
    if (older) return { fromId: older.id, toId: newestFirst[i].id };
  }
  return null;
}
