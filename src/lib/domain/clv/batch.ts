/** Helper of the columnar scoring loops: values kept per distinct whole number (the frequency). */

/** Values computed once per distinct whole number x ≥ 0 (an array for small x, a Map beyond). */
export class PerInteger<V> {
  readonly #make: (x: number) => V;
  readonly #small: (V | undefined)[] = [];
  readonly #large = new Map<number, V>();

  constructor(make: (x: number) => V) {
    this.#make = make;
  }

  get(x: number): V {
    if (x < 4096) {
      let v = this.#small[x];
      if (v === undefined) this.#small[x] = v = this.#make(x);
      return v;
    }
    let v = this.#large.get(x);
    if (v === undefined) this.#large.set(x, (v = this.#make(x)));
    return v;
  }
}
