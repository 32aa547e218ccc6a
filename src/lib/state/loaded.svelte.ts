/**
 * A value the engine computes for a page (cohorts, rates, a page of customers): the latest
 * answer, or the notice saying why there is none. An older request answering late is ignored.
 */
import type { Notice } from '../domain/types';
import { toNotice } from '../db';

export class Loaded<T> {
  #value = $state.raw<T | null>(null);
  #error = $state.raw<Notice | null>(null);
  #request = 0;

  get value(): T | null { return this.#value; }
  get error(): Notice | null { return this.#error; }

  /** Ask again; on failure the value is gone and `error` says why. */
  async load(work: () => Promise<T>): Promise<void> {
    const request = ++this.#request;
    this.#error = null;
    try {
      const value = await work();
      if (request === this.#request) this.#value = value;
    } catch (error) {
      if (request !== this.#request) return;
      this.#value = null;
      this.#error = toNotice(error);
    }
  }

  clear(): void {
    this.#request++;
    this.#value = null;
    this.#error = null;
  }
}
