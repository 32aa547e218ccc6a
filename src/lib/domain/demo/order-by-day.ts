/** Stable ordering of generated rows by day. */

/**
 * Row indices sorted by day, ties in generation order (a stable counting sort: the demo's days
 * span about a thousand values, so this is linear and needs no comparator calls).
 */
export function orderByDay(day: ArrayLike<number>): Int32Array {
  const n = day.length;
  const order = new Int32Array(n);
  if (n === 0) return order;
  let lo = day[0];
  let hi = day[0];
  for (let i = 1; i < n; i++) {
    const d = day[i];
    if (d < lo) lo = d;
    else if (d > hi) hi = d;
  }
  const start = new Int32Array(hi - lo + 2);
  for (let i = 0; i < n; i++) start[day[i] - lo + 1]++;
  for (let k = 1; k < start.length; k++) start[k] += start[k - 1];
  for (let i = 0; i < n; i++) order[start[day[i] - lo]++] = i;
  return order;
}
