/**
 * Saving feedback and complaints by hand (the customer's page, the open-complaints queue): one
 * engine call per save, then `version` changes so every voice figure computed before is stale.
 */
import type { InteractionEntry, InteractionSave } from '../../../../workers/api';
import type { Notice } from '../../domain/types';
import { toNotice } from '../../db';
import type { DatasetContext } from '../context';

export class InteractionEditor {
  #ctx: DatasetContext;
  #version = $state(0);
  #saving = $state(false);
  #error = $state.raw<Notice | null>(null);

  constructor(ctx: DatasetContext) {
    this.#ctx = ctx;
  }

  /** Changes after every save: figures computed for an older version are stale. */
  get version(): number { return this.#version; }
  get saving(): boolean { return this.#saving; }
  /** Why the last save failed (null when it did not). */
  get error(): Notice | null { return this.#error; }

  /** Save one entry; the entry as stored (null when removed or on failure, with `error` saying why). */
  async save(save: InteractionSave): Promise<InteractionEntry | null> {
    const id = this.#ctx.currentDatasetId;
    if (!id) return null;
    this.#saving = true;
    this.#error = null;
    try {
      const entry = await this.#ctx.engine.api.saveInteraction(id, save);
      this.#version++;
      return entry;
    } catch (error) {
      this.#error = toNotice(error);
      return null;
    } finally {
      this.#saving = false;
    }
  }
}
