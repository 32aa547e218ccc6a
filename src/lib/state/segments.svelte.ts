/**
 * The Segments page's state, one panel each: RFM, value tiers, lifecycle stages, a rule segment,
 * clusters, snapshots and migration, and the segment opened from whichever grouping is shown.
 * Each panel keeps the handle of the grouping it shows and passes it on; computation happens in
 * the engine.
 */
import type { Notice } from '../domain/types';
import { schemeOf, type TierBasis } from '../domain';
import type {
  ClusterRequest, ClusterResult, GroupingHandle, LifecycleRequest, LifecycleResult, RfmResult, TiersResult,
} from '../../../workers/api';
import type { DatasetContext } from './context';
import { Grouping } from './segments/grouping.svelte';
import { RfmPanel } from './segments/rfm.svelte';
import { RulesPanel } from './segments/rules.svelte';
import { SegmentSelection } from './segments/selection.svelte';
import { SnapshotsPanel } from './segments/snapshots.svelte';

export type { PresetChoice } from './segments/rfm.svelte';
export type { SavedRule } from './segments/rules.svelte';
export type SegmentMode = 'rfm' | 'tiers' | 'lifecycle' | 'rules' | 'clusters' | 'snapshots';
type GroupingMode = Exclude<SegmentMode, 'snapshots'>;

export class SegmentsState {
  #ctx: DatasetContext;
  readonly rfm: RfmPanel;
  readonly tiers: Grouping<[number[], TierBasis], TiersResult>;
  readonly lifecycle: Grouping<[LifecycleRequest], LifecycleResult>;
  readonly rules: RulesPanel;
  readonly clusters: Grouping<[ClusterRequest], ClusterResult>;
  readonly snapshots: SnapshotsPanel;
  readonly selection: SegmentSelection;
  #mode = $state<SegmentMode>('rfm');
  /** The day every grouping is as of (undefined: the day after the last order). */
  #analysisDay = $state<number | undefined>(undefined);
  /** The dataset revision the analysis day was set for (another dataset starts from the latest data). */
  #dayRevision: unknown = undefined;
  /** The grouping computed last (RFM or another), which a new snapshot records. */
  #last = $state.raw<GroupingHandle | null>(null);
  #revision: unknown = undefined;

  constructor(ctx: DatasetContext) {
    this.#ctx = ctx;
    const api = () => ctx.engine.api;
    this.selection = new SegmentSelection(ctx);
    const day = () => this.analysisDay;
    this.rfm = new RfmPanel(ctx, (r) => this.#afterRfm(r), day);
    this.tiers = new Grouping(ctx, (id, shares: number[], basis: TierBasis) => api().tiers(id, shares, basis, { analysisDay: day() }), (r) => this.#after('tiers', r.handle));
    this.lifecycle = new Grouping(ctx, (id, options: LifecycleRequest) => api().lifecycle(id, { ...options, analysisDay: day() }), (r) => this.#after('lifecycle', r.handle));
    this.rules = new RulesPanel(ctx, (r) => this.#after('rules', r.handle), day);
    this.clusters = new Grouping(ctx, (id, request: ClusterRequest) => api().clusters(id, { ...request, analysisDay: day() }), (r) => this.#after('clusters', r.handle));
    this.snapshots = new SnapshotsPanel(ctx);
  }

  get mode(): SegmentMode { return this.#mode; }
  /** The day every grouping is as of: orders after it do not count (undefined: the day after the last order). */
  get analysisDay(): number | undefined {
    const day = this.#analysisDay; // read first, so a view depends on it whatever the revision
    return this.#dayRevision === this.#ctx.revision ? day : undefined;
  }

  /**
   * Analyse as of another day (undefined: the latest data): RFM and the panel shown are computed
   * again, the other panels when they are next shown.
   */
  async setAnalysisDay(day: number | undefined): Promise<void> {
    if (day !== undefined && !Number.isFinite(day)) return;
    this.#analysisDay = day;
    this.#dayRevision = this.#ctx.revision;
    const others = [this.tiers, this.lifecycle, this.rules, this.clusters];
    for (const panel of others) panel.markStale();
    await this.rfm.run();
    if (this.#mode !== 'rfm' && this.#mode !== 'snapshots') await this.#panel(this.#mode).refresh();
  }

  /** What a new snapshot records: the grouping computed last (RFM 11 segments before any). */
  get scheme(): string { return this.#last ? schemeOf(this.#last.definition) : 'rfm11'; }

  /** The error of the panel shown, or of the segment opened. */
  get error(): Notice | null {
    const panel = this.#mode === 'snapshots' ? this.snapshots : this.#panel(this.#mode);
    return panel.error ?? (this.#mode === 'snapshots' ? null : this.selection.error);
  }

  /** The RFM grouping shown on this page for this revision of the current dataset, if any. */
  rfmHandle(revision: unknown): GroupingHandle | null {
    return this.rfm.handleFor(revision);
  }

  /** The grouping of this kind shown on this page for this revision of the current dataset, if any. */
  groupingHandle(kind: 'rfm' | 'tiers' | 'lifecycle' | 'clusters' | 'rule' | 'channel' | 'city', revision: unknown): GroupingHandle | null {
    if (kind === 'rfm') return this.rfm.handleFor(revision);
    // customer attributes are not groupings of this page
    if (kind === 'channel' || kind === 'city') return null;
    return (kind === 'rule' ? this.rules : this[kind]).handleFor(revision);
  }

  /** (Re)compute for the current dataset if it changed since the last time. */
  async ensure(): Promise<void> {
    const revision = this.#ctx.revision;
    if (!this.#ctx.currentDatasetId || revision === this.#revision) return;
    this.#revision = revision;
    for (const panel of [this.tiers, this.lifecycle, this.rules, this.clusters]) panel.clear();
    this.snapshots.reset();
    this.selection.clear();
    this.#last = null;
    this.#mode = 'rfm';
    await this.rfm.run();
  }

  /** Switch panel; the RFM view re-runs so its figures (mean CLV after a value fit) are current. */
  async setMode(mode: SegmentMode): Promise<void> {
    this.#mode = mode;
    if (mode === 'snapshots') {
      await this.snapshots.load();
      return;
    }
    await this.selection.open(null, null);
    if (mode === 'rfm') await this.rfm.run();
    else await this.#panel(mode).refresh();
  }

  /** Open a segment of the grouping shown (null: none). */
  async select(key: string | null): Promise<void> {
    const handle = this.#mode === 'snapshots' ? null : this.#panel(this.#mode).handle;
    await this.selection.open(handle, key);
  }

  /** Save the grouping computed last as a dated snapshot. */
  async saveSnapshot(label: string): Promise<void> {
    if (this.#last) await this.snapshots.save(this.#last, label);
  }

  #panel(mode: GroupingMode): { readonly handle: GroupingHandle | null; readonly error: Notice | null; refresh(): Promise<void> } {
    switch (mode) {
      case 'rfm': return this.rfm;
      case 'tiers': return this.tiers;
      case 'lifecycle': return this.lifecycle;
      case 'rules': return this.rules;
      case 'clusters': return this.clusters;
    }
  }

  /** A new RFM result: keep the segment open if it still exists. */
  async #afterRfm(result: RfmResult): Promise<void> {
    this.#last = result.handle;
    if (this.#mode !== 'rfm') return;
    const key = this.selection.key;
    const keep = key !== null && result.segments.some((s) => s.key === key);
    await this.selection.open(result.handle, keep ? key : null);
  }

  /** A new result of another grouping: no segment of it is open yet. */
  async #after(mode: GroupingMode, handle: GroupingHandle | null): Promise<void> {
    if (handle) this.#last = handle;
    if (this.#mode === mode) await this.selection.open(handle, null);
  }
}
