/**
 * Marketing consent coverage of the current dataset, for the privacy page: who agreed, refused or
 * was never asked, and the latest consent day. One quick engine call, made again when the dataset
 * is (re)loaded.
 */
import type { ConsentCoverage } from '../../../../workers/api';
import type { DatasetContext } from '../context';
import { Loaded } from '../loaded.svelte';

/** What the coverage needs: the engine, the loaded dataset and its revision. */
export type ConsentContext = Pick<DatasetContext, 'engine' | 'currentDatasetId' | 'revision'>;

let calls = 0;

export class ConsentCoverageState {
  readonly coverage = new Loaded<ConsentCoverage>();
  #context: () => ConsentContext;
  #revision: unknown = undefined;

  /** @param context read when used (a view passes `() => ws`) */
  constructor(context: () => ConsentContext) {
    this.#context = context;
  }

  /** Bring the coverage up to date with the loaded dataset (no call when it has not changed). */
  async sync(): Promise<void> {
    const { engine, currentDatasetId: id, revision } = this.#context();
    if (!id) {
      this.#revision = undefined;
      this.coverage.clear();
      return;
    }
    if (revision === this.#revision && (this.coverage.value || this.coverage.error)) return;
    this.#revision = revision;
    await this.coverage.load(() => engine.api.consentCoverage(`consent-${++calls}`, id));
  }
}
