/**
 * The Voice page's state: NPS and CSAT of the current dataset's survey answers, by the grouping
 * the user picks (the Segments page's grouping of that kind when it has one for this dataset,
 * else the default settings: 11 RFM segments, Pareto tiers, lifecycle stages), and the two groups
 * compared. One engine call; computed again when the dataset, the grouping, the analysis day or
 * the value fit changes.
 */
import { isoDate, LIFECYCLE_DEFAULTS, maskId, maskPersonal, NO_DAY, type CsatScale } from '../domain';
import { toCsv } from '../domain/import';
import type { GroupingHandle, VoiceResult } from '../../../workers/api';
import type { DatasetContext } from './context';
import { Loaded } from './loaded.svelte';
import { compareGroups, defaultPair, type GroupComparison } from './voice/compare';
import { Recompute } from './voice/recompute';

export type { GroupComparison } from './voice/compare';

/**
 * Groupings the Voice page shows its figures by: the Segments page's (its settings, else the
 * defaults; clusters and a rule segment only once set up there) and customer attributes.
 */
export const VOICE_GROUPINGS = ['rfm', 'tiers', 'lifecycle', 'clusters', 'rule', 'channel', 'city'] as const;
export type VoiceGrouping = (typeof VOICE_GROUPINGS)[number];
/** The groupings that exist only once the Segments page has computed them. */
const SET_UP_ONLY: ReadonlySet<VoiceGrouping> = new Set(['clusters', 'rule']);

/** Where the Voice page finds the groupings the user set up, and the analysis day (the Segments page's). */
export interface VoiceGroupingSource {
  /** The grouping of this kind the Segments page shows for this revision of the dataset, if any. */
  groupingHandle(kind: VoiceGrouping, revision: unknown): GroupingHandle | null;
  /** The day the analyses are as of (undefined: the latest data). */
  readonly analysisDay: number | undefined;
}

let calls = 0;

/** The analysis day a grouping was computed for (undefined: the latest data). */
export function dayOf(handle: GroupingHandle): number | undefined {
  const d = handle.definition;
  switch (d.kind) {
    case 'rfm': return d.request.analysisDay;
    case 'lifecycle': return d.options.analysisDay;
    case 'clusters': return d.request.analysisDay;
    default: return d.analysisDay;
  }
}

/** The Segments page's grouping of this kind for the revision, when it is as of `day`; null for an attribute. */
export function setUpGrouping(source: VoiceGroupingSource, grouping: VoiceGrouping, revision: unknown, day: number | undefined): GroupingHandle | null {
  const given = source.groupingHandle(grouping, revision);
  // a grouping the Segments page computed for another analysis day is not the one asked for
  return given && dayOf(given) === day ? given : null;
}

/** Whether a grouping can be shown now: those that need the Segments page only once it has them. */
export function groupingAvailable(source: VoiceGroupingSource, grouping: VoiceGrouping, revision: unknown): boolean {
  return !SET_UP_ONLY.has(grouping) || setUpGrouping(source, grouping, revision, source.analysisDay) !== null;
}

/**
 * The handle to ask the engine for a grouping's figures: the Segments page's when it has one for
 * this day, else the grouping with default settings (RFM: undefined, the engine's own default).
 * Clusters and rule segments without the Segments page fall back to RFM.
 */
export async function voiceGroupingHandle(
  ctx: DatasetContext, source: VoiceGroupingSource, grouping: VoiceGrouping, datasetId: string, analysisDay: number | undefined,
): Promise<GroupingHandle | undefined> {
  const shown = setUpGrouping(source, grouping, ctx.revision, analysisDay);
  if (shown) return shown;
  const api = ctx.engine.api;
  if (grouping === 'tiers') return (await api.tiers(datasetId, [20, 30, 50], 'customers', { analysisDay })).handle;
  if (grouping === 'lifecycle') return (await api.lifecycle(datasetId, { ...LIFECYCLE_DEFAULTS, analysisDay })).handle;
  if (grouping === 'channel' || grouping === 'city') return (await api.attributeGroups(datasetId, grouping, { analysisDay })).handle;
  return undefined;
}

export class VoiceState {
  #ctx: DatasetContext;
  #source: VoiceGroupingSource;
  #fitted: () => unknown;
  readonly result = new Loaded<VoiceResult>();
  #grouping = $state<VoiceGrouping>('rfm');
  /** The CSAT scale picked (null: the one the answers suggest). */
  #csatScale = $state<CsatScale | null>(null);
  #pair = $state.raw<[string, string] | null>(null);
  /** What the result was computed for: revision, grouping, analysis day, value fit and CSAT scale. */
  #for = new Recompute();

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

  get csatScale(): CsatScale | null { return this.#csatScale; }

  /** Count CSAT on another scale (null: the one the answers suggest). */
  async setCsatScale(scale: CsatScale | null): Promise<void> {
    this.#csatScale = scale;
    await this.sync();
  }

  /** Whether a grouping can be picked now (clusters and rule segments once the Segments page has them). */
  available(grouping: VoiceGrouping): boolean {
    return groupingAvailable(this.#source, grouping, this.#ctx.revision);
  }

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
    const shown = setUpGrouping(this.#source, grouping, revision, day);
    if (!id) return;
    const scale = this.#csatScale;
    await this.#for.run(this.result, { revision, key: [grouping, day, fit, scale], handle: shown?.id }, async () => {
      const handle = shown ?? (await voiceGroupingHandle(this.#ctx, this.#source, grouping, id, day));
      return this.#ctx.engine.api.voice(`voice-${++calls}`, id, { grouping: handle, analysisDay: day, csatScale: scale ?? undefined });
    }, () => (this.#pair = null));
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
}
