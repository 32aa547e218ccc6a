/**
 * The Voice page's state: NPS and CSAT of the current dataset's survey answers, by the grouping
 * the user picks (the Segments page's grouping of that kind when it has one for this dataset,
 * else the default settings: 11 RFM segments, Pareto tiers, lifecycle stages), and the two groups
 * compared. One engine call; computed again when the dataset, the grouping, the analysis day or
 * the value fit changes.
 */
import { isoDate, LIFECYCLE_DEFAULTS, maskId, maskPersonal, NO_DAY } from '../domain';
import { toCsv } from '../domain/import';
import type { GroupingHandle, VoiceResult } from '../../../workers/api';
import type { DatasetContext } from './context';
import { Loaded } from './loaded.svelte';
import { compareGroups, defaultPair, type GroupComparison } from './voice/compare';

export type { GroupComparison } from './voice/compare';

/** Groupings the Voice page shows its figures by. */
export const VOICE_GROUPINGS = ['rfm', 'tiers', 'lifecycle'] as const;
export type VoiceGrouping = (typeof VOICE_GROUPINGS)[number];

/** Where the Voice page finds the groupings the user set up, and the analysis day (the Segments page's). */
export interface VoiceGroupingSource {
  /** The grouping of this kind the Segments page shows for this revision of the dataset, if any. */
  groupingHandle(kind: VoiceGrouping, revision: unknown): GroupingHandle | null;
  /** The day the analyses are as of (undefined: the latest data). */
  readonly analysisDay: number | undefined;
}

let calls = 0;

/** The analysis day a grouping was computed for (undefined: the latest data). */
function dayOf(handle: GroupingHandle): number | undefined {
  const d = handle.definition;
  switch (d.kind) {
    case 'rfm': return d.request.analysisDay;
    case 'lifecycle': return d.options.analysisDay;
    case 'clusters': return d.request.analysisDay;
    default: return d.analysisDay;
  }
}

export class VoiceState {
  #ctx: DatasetContext;
  #source: VoiceGroupingSource;
  #fitted: () => unknown;
  readonly result = new Loaded<VoiceResult>();
  #grouping = $state<VoiceGrouping>('rfm');
  #pair = $state.raw<[string, string] | null>(null);
  /** What the result was computed for: revision, grouping, analysis day and value fit. */
  #for: { revision: unknown; grouping: VoiceGrouping; handle: string | null; day: number | undefined; fit: unknown } | null = null;

  /**
   * @param source the Segments page's groupings and analysis day
   * @param fitted changes when a value fit is done (the detractors are then ranked by CLV)
   */
  constructor(ctx: DatasetContext, source: VoiceGroupingSource, fitted: () => unknown = () => null) {
    this.#ctx = ctx;
    this.#source = source;
    this.#fitted = fitted;
  }

  get grouping(): VoiceGrouping { return this.#grouping; }

  /** Show the figures by another grouping. */
  async setGrouping(grouping: VoiceGrouping): Promise<void> {
    this.#grouping = grouping;
    this.#pair = null;
    await this.sync();
  }

  /** The two groups compared (keys of the result's groups), by default two with enough answers. */
  get pair(): [string, string] | null {
    const r = this.result.value;
    if (!r) return null;
    const keys = r.groups.map((g) => g.key);
    const p = this.#pair;
    return p && keys.includes(p[0]) && keys.includes(p[1]) ? p : defaultPair(r.groups);
  }

  setPair(a: string, b: string): void {
    this.#pair = [a, b];
  }

  /** The first group's NPS against the second's: the difference and its 95% interval (null without answers in both). */
  get comparison(): GroupComparison | null {
    const r = this.result.value;
    const p = this.pair;
    if (!r || !p) return null;
    const a = r.groups.find((g) => g.key === p[0]);
    const b = r.groups.find((g) => g.key === p[1]);
    return a && b ? compareGroups(a, b) : null;
  }

  /** Bring the figures up to date with the dataset, the grouping, the analysis day and the value fit. */
  async sync(): Promise<void> {
    const id = this.#ctx.currentDatasetId;
    const revision = this.#ctx.revision;
    const grouping = this.#grouping;
    const day = this.#source.analysisDay;
    const fit = this.#fitted();
    const given = this.#source.groupingHandle(grouping, revision);
    // a grouping the Segments page computed for another analysis day is not the one asked for
    const shown = given && dayOf(given) === day ? given : null;
    if (!id) return;
    const f = this.#for;
    if (f && f.revision === revision && f.grouping === grouping && f.day === day && f.fit === fit && (shown === null || shown.id === f.handle)) return;
    if (!f || f.revision !== revision) {
      this.result.clear();
      this.#pair = null;
    }
    this.#for = { revision, grouping, handle: shown?.id ?? null, day, fit };
    await this.result.load(async () => {
      const handle = shown ?? (await this.#defaultHandle(id, grouping, day));
      return this.#ctx.engine.api.voice(`voice-${++calls}`, id, { grouping: handle, analysisDay: day });
    });
    if (this.result.error) this.#for = null; // try again on the next sync
  }

  /**
   * The high-value detractors as CSV (id, name, latest NPS, its date, net spend, CLV), ids and names
   * masked when asked (as the segment exports are); formula-injection safe.
   */
  detractorsCsv(header: string[], mask: boolean): string {
    const customers = this.result.value?.detractors.customers ?? [];
    return toCsv(header, customers.map((c) => [
      mask ? maskId(c.id) : c.id, mask ? maskPersonal(c.name) : c.name, c.nps, c.day === NO_DAY ? '' : isoDate(c.day), c.net, c.clv === null ? '' : Math.round(c.clv * 100) / 100,
    ]));
  }

  /** The grouping with default settings (RFM: the engine's own default, no call needed). */
  async #defaultHandle(id: string, grouping: VoiceGrouping, analysisDay: number | undefined): Promise<GroupingHandle | undefined> {
    const api = this.#ctx.engine.api;
    if (grouping === 'tiers') return (await api.tiers(id, [20, 30, 50], 'customers', { analysisDay })).handle;
    if (grouping === 'lifecycle') return (await api.lifecycle(id, { ...LIFECYCLE_DEFAULTS, analysisDay })).handle;
    return undefined;
  }
}
