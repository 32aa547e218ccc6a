/** Act and measure: the care calendar, the ready lists and the purchase ladder (issue 16). */
import type { EngineContext } from '../core/context';
import type { LoadedDataset } from '../core/loaded';
import type { CareListRequest } from './sources';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CareApi {}

/**
 * The customers (indices into ds.indexed.customers) of a ready list, as the care section lists
 * them. Shared contract: the actions part resolves a list source with it.
 */
export async function careListRows(ctx: EngineContext, ds: LoadedDataset, request: CareListRequest): Promise<number[]> {
  void ctx;
  void ds;
  void request;
  return [];
}

export function careApi(ctx: EngineContext): CareApi {
  void ctx;
  return {};
}
