/**
 * The customers list: search, sort, P(alive) filter and page, with the engine's answer (or why
 * there is none). Sorting and paging happen in the engine.
 */
import type { CustomerPage, CustomerQuery, CustomerSortKey } from '../../../workers/api';
import type { DatasetContext } from './context';
import { Loaded } from './loaded.svelte';

export const CUSTOMERS_PAGE = 50;

/** Columns that sort from the largest value first when picked. */
const DESCENDING_FIRST: readonly string[] = ['net', 'orders', 'lastOrder', 'pAlive', 'exp90', 'clv'];

export class CustomerList {
  #ctx: DatasetContext;
  #search = $state('');
  #sortBy = $state<CustomerSortKey>('net');
  #descending = $state(true);
  #offset = $state(0);
  /** Only customers with P(alive) below this percentage (null: no filter). */
  #maxPAlive = $state<number | null>(null);
  readonly page = new Loaded<CustomerPage>();

  constructor(ctx: DatasetContext) {
    this.#ctx = ctx;
  }

  get search(): string { return this.#search; }
  get sortBy(): CustomerSortKey { return this.#sortBy; }
  get descending(): boolean { return this.#descending; }
  get offset(): number { return this.#offset; }
  get maxPAlive(): number | null { return this.#maxPAlive; }
  get pages(): number {
    const p = this.page.value;
    return p ? Math.max(1, Math.ceil(p.matched / CUSTOMERS_PAGE)) : 1;
  }
  get pageNo(): number { return Math.floor(this.#offset / CUSTOMERS_PAGE) + 1; }

  setSearch(text: string): void {
    this.#search = text;
    this.#offset = 0;
  }

  /** Sort by a column; the same column again turns the order round. */
  sort(key: string): void {
    if (this.#sortBy === key) this.#descending = !this.#descending;
    else {
      this.#sortBy = key as CustomerSortKey;
      this.#descending = DESCENDING_FIRST.includes(key);
    }
    this.#offset = 0;
  }

  setMaxPAlive(percent: number | null): void {
    this.#maxPAlive = percent !== null && Number.isFinite(percent) ? percent : null;
    this.#offset = 0;
  }

  previous(): void {
    this.#offset = Math.max(0, this.#offset - CUSTOMERS_PAGE);
  }

  next(): void {
    this.#offset += CUSTOMERS_PAGE;
  }

  /** Ask the engine for the page the query names (a view calls this in an effect: it reads the query). */
  async load(): Promise<void> {
    const id = this.#ctx.currentDatasetId;
    const query: CustomerQuery = {
      search: this.#search, sortBy: this.#sortBy, descending: this.#descending, offset: this.#offset, limit: CUSTOMERS_PAGE,
      ...(this.#maxPAlive !== null ? { maxPAlive: this.#maxPAlive / 100 } : {}),
    };
    if (!id) return;
    await this.page.load(() => this.#ctx.engine.api.customers(id, query));
  }
}
