/**
 * The engine: the implementation of EngineApi, wired from its areas (each in `workers/<area>/`).
 * It computes nothing itself. The worker entry exposes one instance with Comlink; tests and
 * benchmarks may call it directly.
 */
import { openDatabase, toNotice, type WorkbenchDB } from '../src/lib/db';
import type { EngineApi } from './api';
import { alertsApi } from './alerts/api';
import { backupApi } from './backup/api';
import { createContext } from './core/context';
import { coreApi } from './core/api';
import { customersApi } from './customers/api';
import { importApi } from './import/api';
import { privacyApi } from './privacy/api';
import { segmentsApi } from './segments/api';
import { valueApi } from './value/api';
import { voiceApi } from './voice/api';
import { strategyApi } from './strategy/api';
import { actApi } from './act/api';

export { DEMO_SEED } from '../src/lib/domain/demo';

/** Every failure leaves the engine as a plain {code, params} notice (Comlink clones it as is). */
function withNotices(api: EngineApi): EngineApi {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(api) as [string, (...args: unknown[]) => unknown][]) {
    wrapped[name] = (...args: unknown[]) => {
      try {
        const result = fn(...args);
        return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(toNotice(error))) : result;
      } catch (error) {
        throw toNotice(error);
      }
    };
  }
  return wrapped as unknown as EngineApi;
}

export function createEngine(db: WorkbenchDB = openDatabase()): EngineApi {
  const ctx = createContext(db);
  return withNotices({
    ...coreApi(ctx),
    ...importApi(ctx),
    ...customersApi(ctx),
    ...segmentsApi(ctx),
    ...valueApi(ctx),
    ...voiceApi(ctx),
    ...strategyApi(ctx),
    ...actApi(ctx),
    ...alertsApi(ctx),
    ...backupApi(ctx),
    ...privacyApi(ctx),
  });
}
