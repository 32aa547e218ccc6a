/**
 * The UI side of the engine worker: creates the worker, forwards typed calls with Comlink, and
 * tracks the one long job at a time (label, progress, cancel). Components never post messages.
 */
import * as Comlink from 'comlink';
import type { EngineApi, JobProgress } from '../../../workers/api';
import type { MessageKey } from '../i18n/messages';

export interface RunningJob {
  id: string;
  label: MessageKey;
  progress: JobProgress | null;
}

let nextJob = 0;

export class EngineClient {
  #api: Comlink.Remote<EngineApi>;
  #job = $state.raw<RunningJob | null>(null);

  constructor(api?: Comlink.Remote<EngineApi>) {
    this.#api =
      api ??
      Comlink.wrap<EngineApi>(
        // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a one-off worker URL, not state
        new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' }),
      );
  }

  /** The engine's typed API, for quick calls. */
  get api(): Comlink.Remote<EngineApi> {
    return this.#api;
  }

  /** The long job in progress, if any. */
  get job(): RunningJob | null {
    return this.#job;
  }

  /** Run a long job with progress; only one runs at a time. */
  async run<T>(label: MessageKey, work: (jobId: string, onProgress: (p: JobProgress) => void) => Promise<T>): Promise<T> {
    const id = `job-${++nextJob}`;
    this.#job = { id, label, progress: null };
    const onProgress = Comlink.proxy((progress: JobProgress) => {
      if (this.#job?.id === id) this.#job = { ...this.#job, progress };
    });
    try {
      return await work(id, onProgress);
    } finally {
      if (this.#job?.id === id) this.#job = null;
    }
  }

  /** Ask the running job to stop at its next checkpoint. */
  cancel(): void {
    if (this.#job) void this.#api.cancel(this.#job.id);
  }
}
