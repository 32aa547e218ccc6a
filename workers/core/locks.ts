/**
 * Web Locks mark batches that a live tab is still writing, so another tab's start-up sweep
 * leaves them alone. Where Web Locks are missing (tests in Node) the work simply runs.
 */
const PREFIX = 'cswb-batch-';

export async function holdBatchLock<T>(batchId: string, work: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return work();
  return locks.request(PREFIX + batchId, work) as Promise<T>;
}

/** Ids of batches whose writer still holds its lock. */
export async function activeBatchIds(): Promise<Set<string>> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return new Set();
  const state = await locks.query();
  return new Set((state.held ?? []).map((l) => l.name ?? '').filter((n) => n.startsWith(PREFIX)).map((n) => n.slice(PREFIX.length)));
}
