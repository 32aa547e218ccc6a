import type { Notice } from '../domain/types';
import { toNotice } from '../db';
import type { PseudonymIdentity, PseudonymStatus } from '../../../workers/api';
import type { EngineClient } from './engine.svelte';

/** What pseudonyms need: the engine and the current dataset. */
export interface PseudonymContext {
  readonly engine: EngineClient;
  readonly currentId: string | null;
}

/** "Mask personal data" for projectors and shared screens; remembered in this browser. */
const KEY = 'cswb.mask';

class Privacy {
  #mask = $state(readMask());

  get mask(): boolean {
    return this.#mask;
  }

  set mask(value: boolean) {
    this.#mask = value;
    try {
      globalThis.localStorage?.setItem(KEY, value ? '1' : '0');
    } catch {
      // not remembered: still applies to this page
    }
  }
}

function readMask(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export const privacy = new Privacy();

/**
 * Pseudonymisation as the views see it: what this device keeps (key, mappings per dataset), who
 * a pseudonymised customer is, and discarding a dataset's mapping. One instance per view.
 */
export class Pseudonyms {
  #context: () => PseudonymContext;
  #status = $state.raw<PseudonymStatus | null>(null);
  #error = $state.raw<Notice | null>(null);

  /** @param context read when used (a view passes `() => ws` from its props) */
  constructor(context: () => PseudonymContext) {
    this.#context = context;
  }

  get #ws(): PseudonymContext { return this.#context(); }

  /** Null until read. */
  get status(): PseudonymStatus | null { return this.#status; }
  get error(): Notice | null { return this.#error; }

  /** True when a mapping is kept for the dataset. */
  hasMapping(datasetId: string | null | undefined): boolean {
    return !!datasetId && !!this.#status?.mappings.some((m) => m.datasetId === datasetId);
  }

  async refresh(): Promise<void> {
    try {
      this.#status = await this.#ws.engine.api.pseudonymStatus();
      this.#error = null;
    } catch (error) {
      this.#error = toNotice(error);
    }
  }

  /** Who a customer of the current dataset is, from the kept mapping (null when not kept). */
  async identity(customerId: string): Promise<PseudonymIdentity | null> {
    const id = this.#ws.currentId;
    if (!id) return null;
    try {
      return await this.#ws.engine.api.pseudonymIdentity(id, customerId);
    } catch (error) {
      this.#error = toNotice(error);
      return null;
    }
  }

  /** Delete the kept mapping of a dataset (the view asks for confirmation). */
  async discard(datasetId: string): Promise<void> {
    try {
      await this.#ws.engine.api.discardPseudonymMapping(datasetId);
    } catch (error) {
      this.#error = toNotice(error);
    }
    await this.refresh();
  }
}
