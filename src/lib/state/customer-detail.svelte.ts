/** One customer's page: their detail from the engine, or that there is no such customer. */
import type { Notice } from '../domain/types';
import { toNotice } from '../db';
import type { CustomerDetail } from '../../../workers/api';
import type { DatasetContext } from './context';

export class CustomerCard {
  #ctx: DatasetContext;
  /** undefined while loading, null when there is no such customer (or it could not be read). */
  #detail = $state.raw<CustomerDetail | null | undefined>(undefined);
  #error = $state.raw<Notice | null>(null);
  #request = 0;

  constructor(ctx: DatasetContext) {
    this.#ctx = ctx;
  }

  get detail(): CustomerDetail | null | undefined { return this.#detail; }
  get error(): Notice | null { return this.#error; }

  /** Read a customer of the current dataset (a view calls this in an effect). */
  async load(customerId: string): Promise<void> {
    const id = this.#ctx.currentDatasetId;
    if (!id) return;
    const request = ++this.#request;
    try {
      const detail = await this.#ctx.engine.api.customer(id, customerId);
      if (request !== this.#request) return;
      this.#detail = detail;
      this.#error = null;
    } catch (error) {
      if (request !== this.#request) return;
      this.#detail = null;
      this.#error = toNotice(error);
    }
  }
}
