/**
 * Act and measure (执行与监控): the care calendar and ready lists with the purchase ladder
 * (care.ts), actions with their control groups and read-outs (actions.ts), and the KPIs the
 * targets are checked against (kpis.ts). Exports for contact go through contact.ts (consent).
 */
import type { EngineContext } from '../core/context';
import { careApi, type CareApi } from './care';
import { actionsApi, type ActionsApi } from './actions';
import { kpisApi, type KpisApi } from './kpis';
import { experimentApi, type ExperimentApi } from './experiment';

export interface ActApi extends CareApi, ActionsApi, KpisApi, ExperimentApi {}

export function actApi(ctx: EngineContext): ActApi {
  return { ...careApi(ctx), ...actionsApi(ctx), ...kpisApi(ctx), ...experimentApi(ctx) };
}
