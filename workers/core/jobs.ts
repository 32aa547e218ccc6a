import type { Notice } from '../../src/lib/domain';

/** Cancellation flags of running jobs. */
export class Jobs {
  #cancelled = new Set<string>();
  #running = new Set<string>();

  begin(jobId: string): { checkpoint: () => void; end: () => void } {
    this.#running.add(jobId);
    return {
      checkpoint: () => {
        if (this.#cancelled.has(jobId)) throw { code: 'job.cancelled' } satisfies Notice;
      },
      end: () => {
        this.#running.delete(jobId);
        this.#cancelled.delete(jobId);
      },
    };
  }

  cancel(jobId: string): void {
    if (this.#running.has(jobId)) this.#cancelled.add(jobId);
  }
}

/** Let other messages (such as cancel) be handled between steps of a long job. */
export const yieldToEvents = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
