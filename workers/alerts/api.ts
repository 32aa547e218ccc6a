/** Early warnings: the user's rules checked against the loaded dataset. */
import type { WarningRule } from '../../src/lib/domain';
import { listSnapshots } from '../../src/lib/db';
import type { EngineContext } from '../core/context';
import { runWarnings } from './warnings';

/** A customer behind an alert, as its list shows them. */
export interface AlertCustomer {
  id: string;
  name: string;
  /** Day of the last purchase (null: none). */
  lastOrder: number | null;
  /** Net spend so far. */
  net: number;
  /** CLV after a value fit in this session, else null. */
  clv: number | null;
}

export interface WarningsResult {
  /** Day the figures are as of (the last order), null without orders. */
  asOfDay: number | null;
  /**
   * Alerts that fired, with the customers behind them (a churn alert: those who churned in the
   * period; a value drop: the segment's members; inactivity: the silent customers), listed up to
   * 500 (`count` is complete).
   */
  alerts: {
    ruleId: string; code: string; params: Record<string, string | number>; count: number; customerIds: string[]; customers: AlertCustomer[];
  }[];
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
