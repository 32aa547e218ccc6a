/**
 * The app-wide notices: one error and one piece of news at a time, shown in a banner until
 * dismissed. Errors of a page's own panels stay with that page's state.
 */
import type { Notice } from '../domain/types';
import { toNotice } from '../db';

export class Notices {
  #error = $state.raw<Notice | null>(null);
  #info = $state.raw<Notice | null>(null);

  get error(): Notice | null { return this.#error; }
  get info(): Notice | null { return this.#info; }

  showError(notice: Notice): void {
    this.#error = notice;
  }

  showInfo(notice: Notice): void {
    this.#info = notice;
  }

  /** An operation failed: a cancelled job is news, anything else an error. */
  report(error: unknown): void {
    const notice = toNotice(error);
    if (notice.code === 'job.cancelled') this.#info = notice;
    else this.#error = notice;
  }

  dismiss(): void {
    this.#error = null;
    this.#info = null;
  }
}
