/**
 * What a Voice part's figures were computed for, so that a sync asks the engine again only when
 * something they depend on changed: everything is forgotten (the figures cleared) when the
 * dataset's revision changes, and after a failure (the next sync tries again).
 */
import type { Loaded } from '../loaded.svelte';

/** Nothing computed yet (no revision is this). */
const NONE = Symbol('none');

export interface ComputedFor {
  /** The dataset's revision. */
  revision: unknown;
  /** Everything else the figures depend on (analysis day, grouping, value fit…), compared item by item. */
  key: readonly unknown[];
  /**
   * The Segments page's grouping handle used, if any. null matches the one used before: while the
   * Segments page has none for now (it is computing one), the figures shown are kept.
   */
  handle?: string | null;
}

export class Recompute {
  #revision: unknown = NONE;
  #key: readonly unknown[] | null = null;
  #handle: string | null = null;

  /**
   * Load `work` into `into` unless it was already computed for `at`.
   * @param onNewRevision runs when the figures are cleared (another revision, or after a failure)
   */
  async run<T>(into: Loaded<T>, at: ComputedFor, work: () => Promise<T>, onNewRevision?: () => void): Promise<void> {
    const handle = at.handle ?? null;
    if (at.revision !== this.#revision) {
      into.clear();
      onNewRevision?.();
    } else if (this.#key && same(this.#key, at.key) && (handle === null || handle === this.#handle)) {
      return;
    }
    this.#revision = at.revision;
    this.#key = at.key;
    this.#handle = handle;
    await into.load(work);
    if (into.error) this.#revision = NONE; // try again on the next sync
  }
}

function same(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
