/**
 * One grouping panel's result (value tiers, lifecycle stages, a rule segment, clusters, RFM):
 * computed by the engine for the current dataset, with the handle that names it in calls on its
 * segments, and its own error.
 */
import type { Notice } from '../../domain/types';
import { toNotice } from '../../db';
import type { GroupingHandle } from '../../../../workers/api';
import type { DatasetContext } from '../context';

export class Grouping<Args extends unknown[], Result extends { handle: GroupingHandle | null }> {
  #ctx: DatasetContext;
  #compute: (datasetId: string, ...args: Args) => Promise<Result>;
  #onResult: (result: Result) => void | Promise<void>;
  #result = $state.raw<Result | null>(null);
  #error = $state.raw<Notice | null>(null);
  #busy = $state(false);
  /** The dataset revision the result belongs to. */
  #revision: unknown = undefined;
  /** The arguments of the last run, and whether its result is out of date (the analysis day changed). */
  #args: Args | null = null;
  #stale = false;

  /**
   * @param compute the engine call
   * @param onResult called after each result (e.g. to open no segment of it)
   */
  constructor(ctx: DatasetContext, compute: (datasetId: string, ...args: Args) => Promise<Result>, onResult: (result: Result) => void | Promise<void> = () => undefined) {
    this.#ctx = ctx;
    this.#compute = compute;
    this.#onResult = onResult;
  }

  get result(): Result | null { return this.#result; }
  get error(): Notice | null { return this.#error; }
  get busy(): boolean { return this.#busy; }
  /** Names the grouping shown (null before a result, or for a rule with problems). */
  get handle(): GroupingHandle | null { return this.#result?.handle ?? null; }

  /** The handle if it was computed for this revision of the current dataset. */
  handleFor(revision: unknown): GroupingHandle | null {
    return this.#result && this.#revision === revision ? this.#result.handle : null;
  }

  /** Compute for the current dataset; the result, or null when there is none (see `error`). */
  async run(...args: Args): Promise<Result | null> {
    const id = this.#ctx.currentDatasetId;
    if (!id) return null;
    this.#args = args;
    this.#stale = false;
    const revision = this.#ctx.revision;
    this.#busy = true;
    this.#error = null;
    try {
      const result = await this.#compute(id, ...args);
      if (this.#ctx.revision !== revision) return null;
      this.#result = result;
      this.#revision = revision;
      await this.#onResult(result);
      return result;
    } catch (error) {
      this.#error = toNotice(error);
      return null;
    } finally {
      this.#busy = false;
    }
  }

  /** The result no longer answers the question (the analysis day changed): `refresh` computes it again. */
  markStale(): void {
    if (this.#args) this.#stale = true;
  }

  /** Compute again with the last arguments if the result is out of date. */
  async refresh(): Promise<void> {
    if (this.#stale && this.#args) await this.run(...this.#args);
  }

  /** Forget the result (another dataset, or the same one reloaded). */
  clear(): void {
    this.#result = null;
    this.#error = null;
    this.#revision = undefined;
    this.#args = null;
    this.#stale = false;
  }
}
