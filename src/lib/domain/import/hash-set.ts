/** Bits of a slot addMany sorts keys by (the rest, a few cache lines of the table, it leaves in their order). */
const SORT_BITS = 16;

/**
 * A set of 64-bit hashes (two 32-bit halves) with open addressing in one typed array: adding a
 * million keys takes a few milliseconds and no per-key objects, where a Set of non-Smi numbers or
 * of strings costs hundreds of milliseconds and much garbage. Used to count distinct rows and
 * order ids; with 64-bit hashes a false "seen" among a million keys has odds of about 1 in 10^7.
 * A key's halves sit side by side (one cache line read per probe); the key (0, 0) marks an empty
 * slot, so it is kept apart. A set made with `marks` keeps two bits of marks per key (markMany) in
 * the low bits of its low half, which then are not part of the key (62-bit keys).
 */
export class HashSet64 {
  #slots: Int32Array;
  #size = 0;
  #mask: number;
  /** The marks of the key (0, 0), -1 while it is not in the set. */
  #zero = -1;
  /** The bits of a low half that are the key's. */
  #keyBits: number;

  /** @param capacity keys expected (the set grows past it) */
  constructor(capacity = 1 << 16, { marks = false } = {}) {
    let cap = 16;
    while (cap < capacity * 2) cap <<= 1;
    this.#slots = new Int32Array(cap * 2);
    this.#mask = cap - 1;
    this.#keyBits = marks ? ~3 : ~0;
  }

  get size(): number {
    return this.#size;
  }

  /** Add a key; true when it was not there before. */
  add(hi: number, lo: number): boolean {
    if ((this.#size + 1) * 2 > this.#mask + 1) this.#grow();
    return this.#put(hi | 0, lo | 0, 0) < 0;
  }

  /** Put a key in with marks (ORed into its marks): its marks before, or -1 when it was not there. */
  #put(hi: number, lo: number, marks: number): number {
    const key = lo & this.#keyBits;
    if (hi === 0 && key === 0) {
      const before = this.#zero;
      if (before < 0) this.#size++;
      this.#zero = before < 0 ? marks : before | marks;
      return before;
    }
    const slots = this.#slots;
    const mask = this.#mask;
    let i = (key ^ Math.imul(hi, 0x9e3779b1)) & mask;
    for (;;) {
      const k = i << 1;
      const h = slots[k];
      const l = slots[k + 1];
      if (h === hi && (l & this.#keyBits) === key) {
        slots[k + 1] = l | marks;
        return l & ~this.#keyBits;
      }
      if (h === 0 && l === 0) {
        slots[k] = hi;
        slots[k + 1] = key | marks;
        this.#size++;
        return -1;
      }
      i = (i + 1) & mask;
    }
  }

  /**
   * Add `count` keys (halves `hi[i]`, `lo[i]`) as `add` of each in turn would: the first of equal
   * keys is the new one. `added[i]` (when given) is set to 1 for a key that was new, else 0.
   * Returns how many were new. Many keys go in faster this way (see #putMany).
   */
  addMany(hi: Int32Array, lo: Int32Array, count: number, added?: Uint8Array): number {
    return this.#putMany(hi, lo, count, undefined, added, undefined);
  }

  /**
   * Put `count` keys in with marks (`marks[i]`, bits 1 and 2; a set made with `marks`), as one
   * after another: `before[i]` is the key's marks before it (-1 when it was not there).
   */
  markMany(hi: Int32Array, lo: Int32Array, count: number, marks: Uint8Array, before: Int8Array): void {
    this.#putMany(hi, lo, count, marks, undefined, before);
  }

  /**
   * The keys put in in the order of where they go in the table (sorted by slot, equal keys in
   * their order, so each finds what the ones before it left), so that the table is walked through
   * forward, as memory is read fastest, instead of at random.
   */
  #putMany(
    hi: Int32Array, lo: Int32Array, count: number, marks: Uint8Array | undefined, added: Uint8Array | undefined, before: Int8Array | undefined,
  ): number {
    if (count === 0) return 0;
    while ((this.#size + count) * 2 > this.#mask + 1) this.#grow();
    const mask = this.#mask;
    const keyBits = this.#keyBits;
    const slot = new Int32Array(count);
    for (let i = 0; i < count; i++) slot[i] = ((lo[i] & keyBits) ^ Math.imul(hi[i], 0x9e3779b1)) & mask;
    // a stable counting sort of the keys by the top SORT_BITS of their slot: near enough in order
    const shift = Math.max(0, 31 - Math.clz32(mask + 1) - SORT_BITS);
    const starts = new Int32Array((mask >>> shift) + 2);
    for (let i = 0; i < count; i++) starts[(slot[i] >>> shift) + 1]++;
    for (let d = 1; d < starts.length; d++) starts[d] += starts[d - 1];
    const order = new Int32Array(count);
    for (let i = 0; i < count; i++) order[starts[slot[i] >>> shift]++] = i;
    let fresh = 0;
    for (let k = 0; k < count; k++) {
      const i = order[k];
      const was = this.#put(hi[i] | 0, lo[i] | 0, marks ? marks[i] : 0);
      if (was < 0) fresh++;
      if (added) added[i] = was < 0 ? 1 : 0;
      if (before) before[i] = was;
    }
    return fresh;
  }

  #grow(): void {
    const old = this.#slots;
    this.#slots = new Int32Array(old.length * 2);
    this.#mask = old.length - 1;
    this.#size = this.#zero < 0 ? 0 : 1;
    for (let k = 0; k < old.length; k += 2) {
      if (old[k] !== 0 || old[k + 1] !== 0) this.#put(old[k], old[k + 1] & this.#keyBits, old[k + 1] & ~this.#keyBits);
    }
  }
}

/** Two independent 32-bit FNV-1a style hashes of a string, fed into `out`. */
export function hashString(s: string, out: [number, number]): void {
  let h1 = out[0], h2 = out[1];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822519);
  }
  out[0] = h1;
  out[1] = h2;
}

/** Starting state of hashString. */
export const HASH_SEED: readonly [number, number] = [0x811c9dc5, 0x01000193];
