/**
 * The Strategy page's shared state: the grouping its portfolio, budget and playbook are by (the
 * Voice page's choices; default the 11 RFM segments, the Segments page's RFM when it has one for
 * this dataset and day) and the facts of its groups. One engine call; computed again when the
 * dataset, the grouping, the analysis day or the value fit changes.
 */
import type { GroupingHandle, StrategyFacts } from '../../../workers/api';
import type { DatasetContext } from './context';
import { Loaded } from './loaded.svelte';
import { groupingAvailable, setUpGrouping, voiceGroupingHandle, type VoiceGrouping, type VoiceGroupingSource } from './voice.svelte';
import { Recompute } from './voice/recompute';

let calls = 0;

export class StrategyState {
  readonly ctx: DatasetContext;
  readonly source: VoiceGroupingSource;
  readonly fitted: () => unknown;
  readonly facts = new Loaded<StrategyFacts>();
  #grouping = $state<VoiceGrouping>('rfm');
  /** The handle the facts were computed with (undefined: the engine's default 11 RFM segments). */
  #handle = $state.raw<GroupingHandle | undefined>(undefined);
  #for = new Recompute();

  /**
   * @param source the Segments page's groupings and analysis day
   * @param fitted changes when a value fit is done (future value is then the mean CLV)
   */
  constructor(ctx: DatasetContext, source: VoiceGroupingSource, fitted: () => unknown = () => null) {
    this.ctx = ctx;
    this.source = source;
    this.fitted = fitted;
  }

  get grouping(): VoiceGrouping { return this.#grouping; }

  /** The grouping handle of the facts shown (undefined: the default 11 RFM segments); panels ask the engine with it. */
  get handle(): GroupingHandle | undefined { return this.#handle; }

  /** The analysis day the facts are as of (undefined: the latest data). */
  get analysisDay(): number | undefined { return this.source.analysisDay; }

  available(grouping: VoiceGrouping): boolean {
    return groupingAvailable(this.source, grouping, this.ctx.revision);
  }

  async setGrouping(grouping: VoiceGrouping): Promise<void> {
    this.#grouping = grouping;
    await this.sync();
  }

  /** Bring the facts up to date with the dataset, the grouping, the analysis day and the value fit. */
  async sync(): Promise<void> {
    const id = this.ctx.currentDatasetId;
    const revision = this.ctx.revision;
    const grouping = this.#grouping;
    const day = this.source.analysisDay;
    const fit = this.fitted();
    const shown = setUpGrouping(this.source, grouping, revision, day);
    if (!id) return;
    await this.#for.run(this.facts, { revision, key: [grouping, day, fit], handle: shown?.id }, async () => {
      const handle = shown ?? (await voiceGroupingHandle(this.ctx, this.source, grouping, id, day));
      const facts = await this.ctx.engine.api.strategyFacts(`strategy-${++calls}`, id, { grouping: handle, analysisDay: day });
      this.#handle = handle;
      return facts;
    });
  }
}
