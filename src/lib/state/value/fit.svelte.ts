/**
 * The probabilistic model fit: its settings, its result and its error; the calibration end a fit
 * uses by default and why, and which fitted parameters the data cannot pin down.
 */
import type { Notice } from '../../domain/types';
import { unpinnedParameters, userCalibration } from '../../domain';
import { toNotice } from '../../db';
import type { CalibrationDefault, GroupingHandle, ValueRequest, ValueResult } from '../../../../workers/api';
import type { DatasetContext } from '../context';
import { Loaded } from '../loaded.svelte';

/** The settings as the user edits them (the grouping and the analysis day are added when fitting). */
export type FitSettings = Omit<ValueRequest, 'grouping' | 'asOfDay'>;

/** Per model, the names of the parameters its fit cannot pin down (at a bound, or no usable standard error). */
export interface UnpinnedParameters {
  bgnbd: string[];
  pareto: string[];
}

export class ValueFit {
  #ctx: DatasetContext;
  #request = $state<FitSettings>({ timeUnit: 'W', model: 'bgnbd', months: 12, monthlyDiscountRate: 0.01, margin: 0.3 });
  #result = $state.raw<ValueResult | null>(null);
  #error = $state.raw<Notice | null>(null);
  /** The calibration end a fit uses when the user sets none. */
  readonly calibrationDefault = new Loaded<CalibrationDefault | null>();
  /** The day the value is as of (undefined: the last order day). */
  #asOfDay: number | undefined = undefined;

  constructor(ctx: DatasetContext) {
    this.#ctx = ctx;
  }

  get request(): FitSettings { return this.#request; }
  get result(): ValueResult | null { return this.#result; }
  get error(): Notice | null { return this.#error; }

  /** The calibration end the next fit uses: the user's, else the default (null while unknown). */
  get calibrationEndDay(): number | null {
    return this.#request.calibrationEndDay ?? this.calibrationDefault.value?.calibrationEndDay ?? null;
  }

  /** The user set the calibration end (else the default is used). */
  get calibrationSetByUser(): boolean {
    return this.#request.calibrationEndDay !== undefined;
  }

  /** Why the calibration end is where it is, for the setting as it stands (null while unknown). */
  get calibrationNote(): Notice | null {
    const own = this.#request.calibrationEndDay;
    const lastDay = this.calibrationDefault.value?.lastDay ?? this.#result?.lastDay;
    if (own === undefined) return this.calibrationDefault.value?.notice ?? this.#result?.calibration ?? null;
    if (lastDay === undefined) return null;
    const note = userCalibration(own, lastDay);
    // on or after the last order: no holdout, said as such rather than "0 weeks are held out"
    return note.params?.weeks === 0 ? { code: 'value.calibration.userNoHoldout' } : note;
  }

  /** The parameters of each fitted model that the data cannot pin down (empty before a fit). */
  get unpinned(): UnpinnedParameters {
    const r = this.#result;
    if (!r) return { bgnbd: [], pareto: [] };
    const { r: br, alpha: ba, a, b, se: bse } = r.bgNbd;
    const p = r.paretoNbd;
    return {
      bgnbd: unpinnedParameters({ r: br, alpha: ba, a, b }, { ...bse }),
      pareto: p ? unpinnedParameters({ r: p.r, alpha: p.alpha, s: p.s, beta: p.beta }, { ...p.se }) : [],
    };
  }

  set(patch: Partial<FitSettings>): void {
    this.#request = { ...this.#request, ...patch };
  }

  /** Ask the engine for the default calibration end of the current dataset as of `asOfDay` (undefined: all of it). */
  async loadDefault(asOfDay?: number): Promise<void> {
    const id = this.#ctx.currentDatasetId;
    if (!id) return;
    this.#asOfDay = asOfDay;
    await this.calibrationDefault.load(() => this.#ctx.engine.api.calibrationDefault(id, { asOfDay }));
  }

  /** Fit on the current dataset, with CLV per group of `grouping`; true when there is a result. */
  async fit(grouping: GroupingHandle | null): Promise<boolean> {
    const id = this.#ctx.currentDatasetId;
    if (!id) return false;
    this.#error = null;
    try {
      const request: ValueRequest = { ...this.#request, asOfDay: this.#asOfDay, ...(grouping ? { grouping } : {}) };
      this.#result = await this.#ctx.engine.run('job.fitting', (jobId, onProgress) => this.#ctx.engine.api.value(jobId, id, request, onProgress));
      return true;
    } catch (error) {
      this.#error = toNotice(error);
      return false;
    }
  }

  /** Another dataset (or the same one reloaded): no result, and the default calibration end is asked again. */
  clear(): void {
    this.forgetResult();
    this.calibrationDefault.clear();
    if (this.#request.calibrationEndDay !== undefined) this.#request = { ...this.#request, calibrationEndDay: undefined };
  }

  /** The result no longer answers the question (another analysis day): the settings stay. */
  forgetResult(): void {
    this.#result = null;
    this.#error = null;
  }
}
