/** Act and measure: kpis (issue 16). */
import type { EngineContext } from '../core/context';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface KpisApi {}

export function kpisApi(ctx: EngineContext): KpisApi {
  void ctx;
  return {};
}
