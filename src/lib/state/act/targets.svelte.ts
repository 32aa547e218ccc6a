/**
 * The KPI targets of the current dataset (the Actions page's targets section and the dashboard
 * share one instance): the saved targets (one per KPI, read once per dataset), the KPIs by month
 * they are checked against (one engine call, again when the dataset or the active window changes),
 * the form's errors per KPI, and one undo of the last target cleared. A target that fails its
 * checks is not saved and nothing already saved is lost.
 */
import {
  isoDate, KPI_DEFINITIONS, KPI_KEYS, parseTarget, suggestTarget, targetStatus,
  type KpiKey, type KpiTarget, type Notice, type TargetInput, type TargetStatus,
} from '../../domain';
import { toCsv } from '../../domain/import';
import { deleteTarget, listTargets, saveTarget, toNotice } from '../../db';
import type { KpisResult } from '../../../../workers/api';
import type { DatasetContext } from '../context';
import { Loaded } from '../loaded.svelte';
import { Recompute } from '../voice/recompute';

let calls = 0;

/** The dashboard's active window when the context does not say (the workspace's default). */
const DEFAULT_ACTIVE_DAYS = 90;

export type TargetMap = Partial<Record<KpiKey, KpiTarget>>;

export class TargetsState {
  readonly ctx: DatasetContext & { readonly activeDays?: number };
  readonly figures = new Loaded<KpisResult>();
  #targets = $state.raw<TargetMap>({});
  #errors = $state.raw<Partial<Record<KpiKey, Notice[]>>>({});
  #saveError = $state.raw<Notice | null>(null);
  #cleared = $state.raw<{ kpi: KpiKey; target: KpiTarget } | null>(null);
  #loadedFor = $state<string | null>(null);
  #readFor: string | null = null;
  #for = new Recompute();

  /** @param ctx the workspace (its `activeDays`, the dashboard's active window, is used when present) */
  constructor(ctx: DatasetContext & { readonly activeDays?: number }) {
    this.ctx = ctx;
  }

  /** The saved targets of the current dataset, by KPI. */
  get targets(): TargetMap { return this.#targets; }
  /** Whether the current dataset's targets have been read (false: not yet, do not say "none set"). */
  get ready(): boolean { return this.#loadedFor !== null && this.#loadedFor === this.ctx.currentDatasetId; }
  /** KPIs with a target, in the catalog's order. */
  get targeted(): KpiKey[] { return KPI_KEYS.filter((k) => this.#targets[k] !== undefined); }
  get errors(): Partial<Record<KpiKey, Notice[]>> { return this.#errors; }
  get saveError(): Notice | null { return this.#saveError; }
  /** The target cleared last, which `undoClear` brings back (null: nothing to undo). */
  get cleared(): { kpi: KpiKey; target: KpiTarget } | null { return this.#cleared; }
  get activeDays(): number { return this.ctx.activeDays ?? DEFAULT_ACTIVE_DAYS; }

  /** A KPI's value in the current period (null: not computed yet, or not computable). */
  current(kpi: KpiKey): number | null {
    return this.figures.value?.current?.values[kpi] ?? null;
  }

  status(kpi: KpiKey): TargetStatus {
    return targetStatus(kpi, this.current(kpi), this.#targets[kpi]);
  }

  /** A target suggested from the data: the best of this, the previous and the year-earlier period, improved by 5%. */
  suggestion(kpi: KpiKey): number | null {
    const f = this.figures.value;
    return suggestTarget(kpi, f?.current?.values[kpi], f?.yearAgo?.values[kpi], f?.previous?.values[kpi]);
  }

  /**
   * Read the dataset's targets (once per dataset), then bring the KPIs up to date.
   * @param options onlyWithTargets: compute the KPIs only when a target is set (the dashboard
   *   without targets has nothing to check) [false]
   */
  async sync(options: { onlyWithTargets?: boolean } = {}): Promise<void> {
    const id = this.ctx.currentDatasetId;
    const revision = this.ctx.revision;
    const activeDays = this.activeDays;
    if (!id) return;
    if (this.#readFor !== id) {
      this.#readFor = id;
      this.#errors = {};
      this.#cleared = null;
      this.#saveError = null;
      let saved: TargetMap = {};
      try {
        saved = await listTargets(this.ctx.db, id);
      } catch (error) {
        this.#saveError = toNotice(error);
      }
      if (this.#readFor !== id) return; // another dataset meanwhile
      this.#targets = saved;
      this.#loadedFor = id;
    }
    if (options.onlyWithTargets && this.targeted.length === 0) return;
    await this.#for.run(this.figures, { revision, key: [id, activeDays] }, () =>
      this.ctx.engine.api.kpis(`kpis-${++calls}`, id, { activeDays }));
  }

  /**
   * Save the target typed for a KPI. Returns the problems (also kept in `errors[kpi]`); with any,
   * nothing is saved and the target saved before stays.
   */
  async save(kpi: KpiKey, input: TargetInput): Promise<Notice[]> {
    const id = this.ctx.currentDatasetId;
    const { target, notices } = parseTarget(kpi, input);
    this.#errors = { ...this.#errors, [kpi]: notices };
    if (notices.length > 0 || !id) return notices;
    this.#saveError = null;
    try {
      await saveTarget(this.ctx.db, id, kpi, target);
    } catch (error) {
      this.#saveError = toNotice(error);
      return [];
    }
    if (this.ctx.currentDatasetId !== id) return [];
    this.#targets = { ...this.#targets, [kpi]: target };
    if (this.#cleared?.kpi === kpi) this.#cleared = null;
    return [];
  }

  /** Forget what was wrong with a KPI's form (the user put it back as it was). */
  dismiss(kpi: KpiKey): void {
    if (!this.#errors[kpi]) return;
    const { [kpi]: _gone, ...rest } = this.#errors;
    void _gone;
    this.#errors = rest;
  }

  /** Clear a KPI's target; it can be brought back with `undoClear` until another is cleared. */
  async clear(kpi: KpiKey): Promise<void> {
    const id = this.ctx.currentDatasetId;
    const target = this.#targets[kpi];
    if (!id || !target) return;
    this.#saveError = null;
    try {
      await deleteTarget(this.ctx.db, id, kpi);
    } catch (error) {
      this.#saveError = toNotice(error);
      return;
    }
    const { [kpi]: _gone, ...rest } = this.#targets;
    void _gone;
    this.#targets = rest;
    this.#cleared = { kpi, target };
    this.dismiss(kpi);
  }

  /** Bring back the target cleared last. */
  async undoClear(): Promise<void> {
    const id = this.ctx.currentDatasetId;
    const last = this.#cleared;
    if (!id || !last) return;
    this.#saveError = null;
    try {
      await saveTarget(this.ctx.db, id, last.kpi, last.target);
    } catch (error) {
      this.#saveError = toNotice(error);
      return;
    }
    this.#targets = { ...this.#targets, [last.kpi]: last.target };
    this.#cleared = null;
  }

  /**
   * Every KPI with its current value, target and status as CSV (shares in percent; cells that
   * would start a formula are escaped by toCsv). `words` gives a KPI's name, definition, status
   * and direction in the interface language.
   */
  csv(header: string[], words: (kpi: KpiKey) => { name: string; definition: string; status: string; direction: string }): string {
    const f = this.figures.value;
    const inUnit = (kpi: KpiKey, v: number | null | undefined): number | string => {
      if (v == null || !Number.isFinite(v)) return '';
      return Number((KPI_DEFINITIONS[kpi].unit === 'ratio' ? v * 100 : v).toFixed(4));
    };
    const rows = KPI_KEYS.map((kpi) => {
      const w = words(kpi);
      const t = this.#targets[kpi];
      return [
        w.name, w.definition, f?.current ? isoDate(f.current.start) : '', f?.current ? isoDate(f.current.end) : '',
        inUnit(kpi, f?.current?.values[kpi]), t ? inUnit(kpi, t.value) : '', t ? w.direction : '', t ? Number((t.band * 100).toFixed(4)) : '',
        w.status, inUnit(kpi, f?.previous?.values[kpi]), inUnit(kpi, f?.yearAgo?.values[kpi]),
      ];
    });
    return toCsv(header, rows);
  }
}
