/** The customer-value page's state: model settings, the fit result, its error. */
import type { Notice } from '../domain/types';
import { toNotice } from '../db';
import { fitShiftedBetaGeometric, sbgRetention, sbgSurvival, sbgExpectedLifetime } from '../domain';
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

  /**
   * Fit the shifted-beta-geometric model to survivor counts typed by the user ("1000, 631, 468")
   * and project survival and retention twice as far as observed.
   */
  contract(text: string): {
    error: Notice | null;
    result: { alpha: number; beta: number; lifetime: number; horizon: number; rows: { t: number; actual: number | null; survival: number; retention: number | null }[] } | null;
  } {
    const survivors = text.split(/[,，;\s]+/).filter(Boolean).map(Number);
    try {
      const fit = fitShiftedBetaGeometric(survivors);
      const horizon = Math.max(12, (survivors.length - 1) * 2);
      const rows = Array.from({ length: horizon + 1 }, (_, t) => ({
        t,
        actual: t < survivors.length ? survivors[t] / survivors[0] : null,
        survival: sbgSurvival(fit, t),
        retention: t > 0 ? sbgRetention(fit, t) : null,
      }));
      return { error: null, result: { alpha: fit.alpha, beta: fit.beta, lifetime: sbgExpectedLifetime(fit, horizon), horizon, rows } };
    } catch (error) {
      return { error: toNotice(error), result: null };
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
