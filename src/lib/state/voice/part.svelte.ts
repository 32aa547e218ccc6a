/**
 * What the Voice page's parts (SERVQUAL, complaints, complaint loss and referrals) share: where
 * they find the dataset, the Segments page's groupings and analysis day, the hand-kept feedback
 * and the value fit, and the grouping picked in the part (default the 11 RFM segments).
 */
import type { DatasetContext } from '../context';
import { groupingAvailable, type VoiceGrouping, type VoiceGroupingSource } from '../voice.svelte';
import type { InteractionEditor } from './edits.svelte';

export abstract class VoicePart {
  readonly ctx: DatasetContext;
  readonly source: VoiceGroupingSource;
  readonly editor: InteractionEditor;
  readonly fitted: () => unknown;
  #grouping = $state<VoiceGrouping>('rfm');

  /**
   * @param source the Segments page's groupings and analysis day
   * @param editor saves feedback by hand (its version makes interaction figures stale)
   * @param fitted changes when a value fit is done (customers then valued at CLV)
   */
  constructor(ctx: DatasetContext, source: VoiceGroupingSource, editor: InteractionEditor, fitted: () => unknown = () => null) {
    this.ctx = ctx;
    this.source = source;
    this.editor = editor;
    this.fitted = fitted;
  }

  get grouping(): VoiceGrouping { return this.#grouping; }

  /** Whether a grouping can be picked now (clusters and rule segments once the Segments page has them). */
  available(grouping: VoiceGrouping): boolean {
    return groupingAvailable(this.source, grouping, this.ctx.revision);
  }

  /** Show the figures by another grouping. */
  async setGrouping(grouping: VoiceGrouping): Promise<void> {
    this.#grouping = grouping;
    await this.sync();
  }

  /** Bring the figures up to date (a view calls this in an effect). */
  abstract sync(): Promise<void>;
}
