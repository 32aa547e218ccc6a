/**
 * The segmentation studio's state: the RFM request, its result, the selected segment and its
 * persona and members. Computation happens in the engine; this class only asks and holds.
 */
import type { Notice } from '../domain/types';
import type { Persona, SegmentRule } from '../domain';
import { RFM11_RULES } from '../domain';
import { deleteSnapshot, getSetting, listSnapshots, setSetting, toNotice, type SnapshotRow } from '../db';
import type {
  ClusterRequest, ClusterResult, CustomerPage, LifecycleResult, RfmRequest, RfmResult, RuleResult, TiersResult,
} from '../../../workers/api';
import type { LifecycleOptions, MigrationMatrix, RuleGroup, TierBasis } from '../domain';
import type { Workspace } from './workspace.svelte';

export type PresetChoice = 'rfm11' | 'rfm8' | 'custom';
export type SegmentMode = 'rfm' | 'tiers' | 'lifecycle' | 'rules' | 'clusters' | 'snapshots';

const CUSTOM_RULES_KEY = 'rfmRules:custom';
const SAVED_RULES_KEY = 'ruleSegments';

/** A rule segment as the builder edits it, saved by name for reuse. */
export interface SavedRule {
  name: string;
  combine: 'and' | 'or';
  rows: { field: string; op: string; value: string }[];
}

export class SegmentsState {
  #ws: Workspace;
  #preset = $state<PresetChoice>('rfm11');
  #monetary = $state<'total' | 'average'>('total');
  #bins = $state(5);
  #reference = $state<'mean' | 'median'>('mean');
  #analysisDay = $state<number | undefined>(undefined);
  #customRules = $state.raw<SegmentRule[]>([...RFM11_RULES]);
  #result = $state.raw<RfmResult | null>(null);
  #selected = $state<string | null>(null);
  #persona = $state.raw<Persona | null>(null);
  #other = $state.raw<{ key: string; persona: Persona } | null>(null);
  #thresholds = $state.raw<{ R?: number[]; F?: number[]; M?: number[] }>({});
  #savedRules = $state.raw<SavedRule[]>([]);
  #members = $state.raw<CustomerPage | null>(null);
  #error = $state.raw<Notice | null>(null);
  #busy = $state(false);
  #forDataset: string | null = null;
  #forDashboard: unknown = null;
  #mode = $state<SegmentMode>('rfm');
  #tiers = $state.raw<TiersResult | null>(null);
  #lifecycle = $state.raw<LifecycleResult | null>(null);
  #rule = $state.raw<RuleResult | null>(null);
  #clusters = $state.raw<ClusterResult | null>(null);
  #snapshots = $state.raw<SnapshotRow[]>([]);
  #lastScheme: string = 'rfm11';
  #matrix = $state.raw<{ fromId: string; toId: string; matrix: MigrationMatrix } | null>(null);
  #cell = $state.raw<{ fromKey: string | null; toKey: string | null; ids: string[] } | null>(null);

  constructor(ws: Workspace) {
    this.#ws = ws;
  }

  get preset(): PresetChoice { return this.#preset; }
  get monetary(): 'total' | 'average' { return this.#monetary; }
  get bins(): number { return this.#bins; }
  get reference(): 'mean' | 'median' { return this.#reference; }
  get analysisDay(): number | undefined { return this.#analysisDay; }
  get customRules(): SegmentRule[] { return this.#customRules; }
  get result(): RfmResult | null { return this.#result; }
  get selected(): string | null { return this.#selected; }
  get persona(): Persona | null { return this.#persona; }
  /** A second segment shown side by side with the selected one. */
  get other(): { key: string; persona: Persona } | null { return this.#other; }
  get thresholds(): { R?: number[]; F?: number[]; M?: number[] } { return this.#thresholds; }
  get savedRules(): SavedRule[] { return this.#savedRules; }

  async loadSavedRules(): Promise<void> {
    this.#savedRules = await getSetting<SavedRule[]>(this.#ws.db, SAVED_RULES_KEY, []);
  }

  /** Save (or replace) a rule segment under a name. */
  async saveRule(rule: SavedRule): Promise<void> {
    const name = rule.name.trim().slice(0, 80);
    if (!name) return;
    const list = [...this.#savedRules.filter((r) => r.name !== name), { ...rule, name }].sort((a, b) => a.name.localeCompare(b.name));
    await setSetting(this.#ws.db, SAVED_RULES_KEY, list);
    this.#savedRules = list;
  }

  async deleteRule(name: string): Promise<void> {
    const list = this.#savedRules.filter((r) => r.name !== name);
    await setSetting(this.#ws.db, SAVED_RULES_KEY, list);
    this.#savedRules = list;
  }

  /** The user's own bin edges for one score (empty = quantiles). */
  async setThresholds(score: 'R' | 'F' | 'M', edges: number[]): Promise<void> {
    this.#thresholds = { ...this.#thresholds, [score]: edges.length ? edges : undefined };
    await this.run();
  }

  async compareWith(key: string | null): Promise<void> {
    const id = this.#forDataset;
    if (!key || !id) {
      this.#other = null;
      return;
    }
    const persona = await this.#ws.engine.api.persona(id, key);
    this.#other = persona ? { key, persona } : null;
  }

  /** Another page of the selected segment's members. */
  async page(offset: number): Promise<void> {
    const id = this.#forDataset;
    const key = this.#selected;
    if (!id || !key) return;
    this.#members = await this.#ws.engine.api.customers(id, { segment: key, sortBy: 'net', descending: true, offset: Math.max(0, offset), limit: 20 });
  }
  get members(): CustomerPage | null { return this.#members; }
  get error(): Notice | null { return this.#error; }
  get busy(): boolean { return this.#busy; }
  get mode(): SegmentMode { return this.#mode; }
  get tiers(): TiersResult | null { return this.#tiers; }
  get lifecycle(): LifecycleResult | null { return this.#lifecycle; }
  get rule(): RuleResult | null { return this.#rule; }
  get clusters(): ClusterResult | null { return this.#clusters; }
  get snapshots(): SnapshotRow[] { return this.#snapshots; }
  get matrix(): { fromId: string; toId: string; matrix: MigrationMatrix } | null { return this.#matrix; }
  get cell(): { fromKey: string | null; toKey: string | null; ids: string[] } | null { return this.#cell; }
  /** What the current segmentation is (RFM preset or grouping), recorded with a snapshot. */
  get scheme(): string { return this.#lastScheme; }

  async loadSnapshots(): Promise<void> {
    const id = this.#ws.dashboard?.datasetId;
    this.#snapshots = id ? await listSnapshots(this.#ws.db, id) : [];
  }

  /** Save the segmentation last computed (RFM or a grouping) as a dated snapshot. */
  async saveSnapshot(label: string): Promise<void> {
    const id = this.#forDataset;
    if (!id) return;
    try {
      await this.#ws.engine.api.snapshot(id, { scheme: this.#lastScheme, label: label.trim().slice(0, 120) });
      await this.loadSnapshots();
    } catch (error) {
      this.#error = toNotice(error);
    }
  }

  async removeSnapshot(snapshotId: string): Promise<void> {
    await deleteSnapshot(this.#ws.db, snapshotId);
    if (this.#matrix && (this.#matrix.fromId === snapshotId || this.#matrix.toId === snapshotId)) this.#matrix = null;
    await this.loadSnapshots();
  }

  async compare(fromId: string, toId: string): Promise<void> {
    this.#cell = null;
    try {
      this.#matrix = { fromId, toId, matrix: await this.#ws.engine.api.compareSnapshots(fromId, toId) };
    } catch (error) {
      this.#error = toNotice(error);
    }
  }

  async openCell(fromKey: string | null, toKey: string | null): Promise<void> {
    const m = this.#matrix;
    if (!m) return;
    this.#cell = { fromKey, toKey, ids: await this.#ws.engine.api.migrationMembers(m.fromId, m.toId, fromKey, toKey) };
  }

  /** Switch grouping; the RFM view re-runs so its labels are current again. */
  async setMode(mode: SegmentMode): Promise<void> {
    this.#mode = mode;
    if (mode === 'snapshots') {
      await this.loadSnapshots();
      return;
    }
    await this.select(null);
    if (mode === 'rfm') await this.run();
  }

  async runTiers(shares: number[], basis: TierBasis): Promise<void> {
    await this.#grouping('tiers', async (id) => (this.#tiers = await this.#ws.engine.api.tiers(id, shares, basis)));
  }

  async runLifecycle(options: Omit<LifecycleOptions, 'analysisDay'>): Promise<void> {
    await this.#grouping('lifecycle', async (id) => (this.#lifecycle = await this.#ws.engine.api.lifecycle(id, options)));
  }

  async runRule(group: RuleGroup): Promise<void> {
    await this.#grouping('rules', async (id) => (this.#rule = await this.#ws.engine.api.rule(id, group)));
  }

  async runClusters(request: ClusterRequest): Promise<void> {
    await this.#grouping('clusters', async (id) => (this.#clusters = await this.#ws.engine.api.clusters(id, request)));
  }

  async #grouping(mode: SegmentMode, work: (datasetId: string) => Promise<unknown>): Promise<void> {
    const id = this.#ws.dashboard?.datasetId;
    if (!id) return;
    this.#mode = mode;
    this.#lastScheme = mode;
    this.#busy = true;
    this.#error = null;
    try {
      await work(id);
      this.#forDataset = id;
      await this.select(null);
    } catch (error) {
      this.#error = toNotice(error);
    } finally {
      this.#busy = false;
    }
  }

  /** The rules in force, in order (first match wins). */
  get rules(): readonly SegmentRule[] {
    return this.#preset === 'custom' ? this.#customRules : RFM11_RULES;
  }

  async setPreset(p: PresetChoice): Promise<void> {
    this.#preset = p;
    if (p === 'custom') {
      this.#customRules = await getSetting<SegmentRule[]>(this.#ws.db, CUSTOM_RULES_KEY, [...RFM11_RULES]);
    }
    await this.run();
  }

  async setOptions(o: { monetary?: 'total' | 'average'; bins?: number; reference?: 'mean' | 'median'; analysisDay?: number | undefined }): Promise<void> {
    if (o.monetary) this.#monetary = o.monetary;
    if (o.bins) this.#bins = o.bins;
    if (o.reference) this.#reference = o.reference;
    if ('analysisDay' in o) this.#analysisDay = o.analysisDay;
    await this.run();
  }

  /** Move a rule up or down in the custom order and re-segment. */
  async moveRule(index: number, by: -1 | 1): Promise<void> {
    const rules = [...this.rules];
    const j = index + by;
    if (j < 0 || j >= rules.length) return;
    [rules[index], rules[j]] = [rules[j], rules[index]];
    this.#customRules = rules;
    this.#preset = 'custom';
    await setSetting(this.#ws.db, CUSTOM_RULES_KEY, rules);
    await this.run();
  }

  /** Change one score range of a rule (custom order) and re-segment. */
  async setRange(index: number, score: 'R' | 'F' | 'M', range: [number, number]): Promise<void> {
    const rules = this.rules.map((r, i) => (i === index ? { ...r, [score]: [Math.min(...range), Math.max(...range)] as [number, number] } : r));
    this.#customRules = rules;
    this.#preset = 'custom';
    await setSetting(this.#ws.db, CUSTOM_RULES_KEY, rules);
    await this.run();
  }

  async resetCustom(): Promise<void> {
    this.#customRules = [...RFM11_RULES];
    await setSetting(this.#ws.db, CUSTOM_RULES_KEY, this.#customRules);
    await this.run();
  }

  /** (Re)compute for the current dataset if needed. */
  async ensure(): Promise<void> {
    const dash = this.#ws.dashboard;
    const id = dash?.datasetId ?? null;
    // a new dashboard object means the dataset was (re)loaded, e.g. after an import into it
    if (id && dash !== this.#forDashboard) {
      this.#forDashboard = dash;
      this.#analysisDay = undefined;
      this.#tiers = this.#lifecycle = this.#rule = this.#clusters = null;
      this.#matrix = this.#cell = null;
      this.#mode = 'rfm';
      await this.run();
    }
  }

  async run(): Promise<void> {
    const id = this.#ws.dashboard?.datasetId;
    if (!id) return;
    this.#mode = 'rfm';
    const request: RfmRequest = {
      analysisDay: this.#analysisDay, monetary: this.#monetary, bins: this.#bins, reference: this.#reference,
      thresholds: { ...this.#thresholds },
      preset: this.#preset === 'custom' ? this.#customRules : this.#preset,
    };
    this.#busy = true;
    this.#error = null;
    try {
      this.#result = await this.#ws.engine.api.rfm(id, request);
      this.#lastScheme = this.#preset;
      this.#forDataset = id;
      const keep = this.#selected && this.#result.segments.some((s) => s.key === this.#selected);
      await this.select(keep ? this.#selected : null);
    } catch (error) {
      this.#error = toNotice(error);
    } finally {
      this.#busy = false;
    }
  }

  /** Open a segment: its persona and first page of members. */
  async select(key: string | null, offset = 0): Promise<void> {
    this.#selected = key;
    this.#other = null;
    const id = this.#forDataset;
    if (!key || !id) {
      this.#persona = null;
      this.#members = null;
      return;
    }
    try {
      this.#persona = await this.#ws.engine.api.persona(id, key);
      this.#members = await this.#ws.engine.api.customers(id, { segment: key, sortBy: 'net', descending: true, offset, limit: 20 });
    } catch (error) {
      this.#error = toNotice(error);
    }
  }

  async csv(key: string, header: string[], mask = false): Promise<string> {
    const id = this.#forDataset;
    return id ? this.#ws.engine.api.segmentCsv(id, key, header, { mask }) : '';
  }
}
