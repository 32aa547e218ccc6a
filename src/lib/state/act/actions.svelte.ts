/** The Actions page: actions with their control groups and read-outs (issue 16). */
import type { ActionSource } from '../../../../workers/api';
import type { DatasetContext } from '../context';

export class ActionsState {
  readonly ctx: DatasetContext;
  /** What the new-action form is filled from (a care list or a segment); null: no form open. */
  source = $state.raw<ActionSource | null>(null);

  constructor(ctx: DatasetContext) {
    this.ctx = ctx;
  }

  /** Open the new-action form for this list or segment (the care section's "Make an action"). */
  draft(source: ActionSource): void {
    this.source = source;
  }
}
