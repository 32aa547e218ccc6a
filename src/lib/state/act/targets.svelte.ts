/** The Actions page: the KPI targets (the Actions page and the dashboard) (issue 16). */
import type { DatasetContext } from '../context';

export class TargetsState {
  readonly ctx: DatasetContext;

  constructor(ctx: DatasetContext) {
    this.ctx = ctx;
  }
}
