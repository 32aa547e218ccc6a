/** Act and measure: actions (issue 16). */
import type { EngineContext } from '../core/context';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ActionsApi {}

export function actionsApi(ctx: EngineContext): ActionsApi {
  void ctx;
  return {};
}
