/** The customer-value page's state: model settings, the fit result, its error. */
import type { Notice } from '../domain/types';
import { toNotice } from '../db';
import type { ValueRequest, ValueResult } from '../../../workers/api';
import type { Workspace } from './workspace.svelte';

export class ValueState {
  #ws: Workspace;
  #request = $state<ValueRequest>({ timeUnit: 'W', model: 'bgnbd', months: 12, monthlyDiscountRate: 0.01, margin: 0.3 });
  #result = $state.raw<ValueResult | null>(null);
  #error = $state.raw<Notice | null>(null);
  #forDashboard: unknown = null;

  constructor(ws: Workspace) {
    this.#ws = ws;
  }

  get request(): ValueRequest { return this.#request; }
  get result(): ValueResult | null { return this.#result; }
  get error(): Notice | null { return this.#error; }

  /** Forget results of another dataset (or of the same one before a reload). */
  sync(): void {
    if (this.#ws.dashboard !== this.#forDashboard) {
      this.#forDashboard = this.#ws.dashboard;
      this.#result = null;
      this.#error = null;
    }
  }

  set(patch: Partial<ValueRequest>): void {
    this.#request = { ...this.#request, ...patch };
  }

  async fit(): Promise<void> {
    const id = this.#ws.dashboard?.datasetId;
    if (!id) return;
    this.#error = null;
    try {
      const request = { ...this.#request };
      this.#result = await this.#ws.engine.run('job.fitting', (jobId, onProgress) => this.#ws.engine.api.value(jobId, id, request, onProgress));
    } catch (error) {
      this.#error = toNotice(error);
    }
  }
}
