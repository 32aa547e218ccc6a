/** The Actions page: the care calendar, the ready lists and the purchase ladder (issue 16). */
import type { DatasetContext } from '../context';
import type { VoiceGroupingSource } from '../voice.svelte';

export class CareState {
  readonly ctx: DatasetContext;
  /** The Segments page's groupings and analysis day (the ladder by segment). */
  readonly source: VoiceGroupingSource;

  constructor(ctx: DatasetContext, source: VoiceGroupingSource) {
    this.ctx = ctx;
    this.source = source;
  }
}
