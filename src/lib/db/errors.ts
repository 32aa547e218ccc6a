import type { Notice } from '../domain/types';

/** True when an error (possibly wrapped by Dexie) means the storage quota is exhausted. */
export function isQuotaError(error: unknown): boolean {
  for (let e = error as { name?: string; inner?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (e.name === 'QuotaExceededError') return true;
    e = e.inner as typeof e;
  }
  return false;
}

function isNotice(error: unknown): error is Notice {
  return !!error && typeof error === 'object' && typeof (error as Notice).code === 'string' && !(error instanceof Error);
}

/** Anything thrown by the store or the engine, as a notice the UI can word. */
export function toNotice(error: unknown): Notice {
  if (isNotice(error)) return error;
  if (isQuotaError(error)) return { code: 'error.quota' };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'error.unexpected', params: { message } };
}
