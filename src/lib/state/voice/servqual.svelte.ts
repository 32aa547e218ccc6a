/**
 * The Voice page's SERVQUAL part: the gaps of the current dataset's SERVQUAL answers overall and by
 * the grouping the user picks here (its own choice, default the 11 RFM segments; the Segments
 * page's grouping of that kind when it has one for this dataset and analysis day, else its defaults). One engine call;
 * computed again when the dataset, the grouping or the analysis day changes.
 */
import { toCsv } from '../../domain/import';
import type { ServqualResult } from '../../../../workers/api';
import { Loaded } from '../loaded.svelte';
import { setUpGrouping, voiceGroupingHandle } from '../voice.svelte';
import { VoicePart } from './part.svelte';
import { Recompute } from './recompute';

let calls = 0;

/** Rounded for a CSV cell (empty when not a number). */
const cell = (v: number | null, digits = 3): number | string => (v === null || !Number.isFinite(v) ? '' : Number(v.toFixed(digits)));

export class ServqualState extends VoicePart {
  readonly result = new Loaded<ServqualResult>();
  /** What the result was computed for: revision, grouping (and the handle given), analysis day. */
  #for = new Recompute();

  /** Bring the figures up to date with the dataset, the grouping and the analysis day. */
  async sync(): Promise<void> {
    const id = this.ctx.currentDatasetId;
    const revision = this.ctx.revision;
    const grouping = this.grouping;
    const day = this.source.analysisDay;
    const shown = setUpGrouping(this.source, grouping, revision, day);
    if (!id) return;
    await this.#for.run(this.result, { revision, key: [grouping, day], handle: shown?.id }, async () => {
      const handle = shown ?? (await voiceGroupingHandle(this.ctx, this.source, grouping, id, day));
      return this.ctx.engine.api.servqual(`servqual-${++calls}`, id, { grouping: handle, analysisDay: day });
    });
  }

  /**
   * The by-segment table as CSV: segment, respondents, answers, the five gaps (perception −
   * expectation), the unweighted and the weighted score; formula-injection safe. No customer data
   * in it, so nothing to mask.
   * @param name a group key's name as the page shows it
   */
  bySegmentCsv(header: string[], name: (key: string) => string): string {
    const r = this.result.value;
    if (!r) return toCsv(header, []);
    return toCsv(header, r.groups.map((g) => [
      name(g.key), g.respondents, g.answers, ...g.dimensions.map((d) => cell(d.n > 0 ? d.gap : null)), cell(g.unweighted), cell(g.weighted),
    ]));
  }
}
