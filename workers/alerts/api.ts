/** Early warnings: the user's rules checked against the loaded dataset. */
import type { WarningRule } from '../../src/lib/domain';
import { listSnapshots } from '../../src/lib/db';
import type { EngineContext } from '../core/context';
import { runWarnings } from './warnings';

export interface WarningsResult {
  /** Day the figures are as of (the last order), null without orders. */
  asOfDay: number | null;
  alerts: { ruleId: string; code: string; params: Record<string, string | number>; count: number; customerIds: string[] }[];
}

export interface AlertsApi {
  /** Check early-warning rules against the loaded dataset. */
  warnings(datasetId: string, rules: WarningRule[]): Promise<WarningsResult>;
}

export function alertsApi(ctx: EngineContext): AlertsApi {
  return {
    async warnings(datasetId, rules) {
      const snaps = await listSnapshots(ctx.db, datasetId);
      const withValues = snaps.find((x) => x.scheme === 'rfm11' && x.clv);
      return runWarnings(ctx.current(datasetId), rules, withValues?.clv ?? {});
    },
  };
}
