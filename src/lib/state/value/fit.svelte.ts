/** The probabilistic model fit: its settings, its result and its error. */
import type { Notice } from '../../domain/types';
import { toNotice } from '../../db';
import type { GroupingHandle, ValueRequest, ValueResult } from '../../../../workers/api';
import type { DatasetContext } from '../context';

/** The settings as the user edits them (the grouping is added when fitting). */
export type FitSettings = Omit<ValueRequest, 'grouping'>;

export class ValueFit {
  #ctx: DatasetContext;
  #request = $state<FitSettings>({ timeUnit: 'W', model: 'bgnbd', months: 12, monthlyDiscountRate: 0.01, margin: 0.3 });
  #result = $state.raw<ValueResult | null>(null);
  #error = $state.raw<Notice | null>(null);

  constructor(ctx: DatasetContext) {
    this.#ctx = ctx;
  }

  get request(): FitSettings { return this.#request; }
  get result(): ValueResult | null { return this.#result; }
  get error(): Notice | null { return this.#error; }

  set(patch: Partial<FitSettings>): void {
    this.#request = { ...this.#request, ...patch };
  }

  /** Fit on the current dataset, with CLV per group of `grouping`; true when there is a result. */
  async fit(grouping: GroupingHandle | null): Promise<boolean> {
    const id = this.#ctx.currentDatasetId;
    if (!id) return false;
    this.#error = null;
    try {
      const request: ValueRequest = { ...this.#request, ...(grouping ? { grouping } : {}) };
      this.#result = await this.#ctx.engine.run('job.fitting', (jobId, onProgress) => this.#ctx.engine.api.value(jobId, id, request, onProgress));
      return true;
    } catch (error) {
      this.#error = toNotice(error);
      return false;
    }
  }

  clear(): void {
    this.#result = null;
    this.#error = null;
  }
}
