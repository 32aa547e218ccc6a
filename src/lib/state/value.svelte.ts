/**
 * The Value page's state: cohort retention, simple-CLV inputs per segment, acquisition cost and
 * churn, the model fit and the most valuable customers after it. Per-segment figures use the RFM
 * grouping of the Segments page when it has one for this dataset, else the default 11-segment
 * RFM, never whichever Segments panel ran last.
 */
import type { GroupPurchaseRate } from '../domain';
import type { AcquisitionResult, CohortResult, CustomerPage, GroupingHandle, RfmRequest } from '../../../workers/api';
import type { DatasetContext } from './context';
import { Loaded } from './loaded.svelte';
import { ValueFit } from './value/fit.svelte';

export { projectContract } from './value/contract';

/** The default grouping of the Value page (the engine's import snapshots use it too). */
export const DEFAULT_RFM_REQUEST: RfmRequest = { monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean' };
/** Months of cohort retention shown. */
const COHORT_MONTHS = 24;
const TOP = 20;

/** Where the Value page finds the RFM grouping the user set up and the analysis day (the Segments page's). */
export interface RfmGroupingSource {
  rfmHandle(revision: unknown): GroupingHandle | null;
  /** The day the analyses are as of (undefined: the latest data). */
  readonly analysisDay: number | undefined;
  setAnalysisDay(day: number | undefined): Promise<void>;
}

export class ValueState {
  #ctx: DatasetContext;
  #source: RfmGroupingSource;
  readonly model: ValueFit;
  readonly cohorts = new Loaded<CohortResult>();
  /** Purchases per year and order value per segment. */
  readonly rates = new Loaded<GroupPurchaseRate[]>();
  readonly acquisition = new Loaded<AcquisitionResult>();
  /** The most valuable customers, after a fit. */
  readonly top = new Loaded<CustomerPage>();
  #costs = $state<Record<string, string>>({});
  #revision: unknown = undefined;
  /** The grouping the per-segment figures use, for #revision. */
  #grouping: GroupingHandle | null = null;
  /** The analysis day the fit and the calibration default are for. */
  #analysisDay: number | undefined = undefined;

  constructor(ctx: DatasetContext, source: RfmGroupingSource) {
    this.#ctx = ctx;
    this.#source = source;
    this.model = new ValueFit(ctx);
  }

  /** The day the value is as of, shared with the Segments page (undefined: the latest data). */
  get analysisDay(): number | undefined { return this.#source.analysisDay; }

  /** Value as of another day: the groupings follow, the fit is done again when asked. */
  async setAnalysisDay(day: number | undefined): Promise<void> {
    await this.#source.setAnalysisDay(day);
    await this.sync();
  }

  /** Total acquisition spend per channel as typed ('' = use the customers' cost fields); bind to its entries. */
  get costs(): Record<string, string> { return this.#costs; }

  /**
   * Bring the page up to date: everything again for another (or reloaded) dataset, the
   * per-segment figures again when the Segments page's RFM grouping changed.
   */
  async sync(): Promise<void> {
    const id = this.#ctx.currentDatasetId;
    const revision = this.#ctx.revision;
    const fromSegments = this.#source.rfmHandle(revision);
    if (!id) return;
    const fresh = revision !== this.#revision;
    const day = this.#source.analysisDay;
    if (fresh) {
      this.#revision = revision;
      this.#grouping = null;
      this.#analysisDay = day;
      this.model.clear();
      this.top.clear();
      void this.model.loadDefault(day);
      void this.cohorts.load(() => this.#ctx.engine.api.cohorts(id, COHORT_MONTHS));
    } else if (day !== this.#analysisDay) {
      // as of another day: the fit and its default calibration end no longer hold
      this.#analysisDay = day;
      this.model.forgetResult();
      this.top.clear();
      void this.model.loadDefault(day);
    }
    if (!fresh && this.#grouping && (!fromSegments || fromSegments.id === this.#grouping.id)) return;
    const grouping = fromSegments ?? (await this.#defaultGrouping(id));
    if (this.#ctx.revision !== revision || !grouping) return;
    this.#grouping = grouping;
    await Promise.all([
      this.rates.load(() => this.#ctx.engine.api.segmentRates(id, grouping)),
      this.loadAcquisition(),
    ]);
  }

  /** Fit the models; afterwards CLV/CAC and the most valuable customers. */
  async fit(): Promise<void> {
    const id = this.#ctx.currentDatasetId;
    if (!id) return;
    if (!(await this.model.fit(this.#grouping))) return;
    await Promise.all([
      this.top.load(() => this.#ctx.engine.api.customers(id, { sortBy: 'clv', descending: true, limit: TOP })),
      this.loadAcquisition(),
    ]);
  }

  /** The user typed a channel's total spend (committed by `loadAcquisition`). */
  setCost(channel: string, text: string): void {
    this.#costs[channel] = text;
  }

  /** CAC per channel (with the typed spend) and per segment, churn per period. */
  async loadAcquisition(): Promise<void> {
    const id = this.#ctx.currentDatasetId;
    if (!id) return;
    const costTable: Record<string, number> = {};
    for (const [k, v] of Object.entries(this.#costs)) if (v.trim() !== '' && Number.isFinite(Number(v))) costTable[k] = Number(v);
    const grouping = this.#grouping ?? undefined;
    await this.acquisition.load(() => this.#ctx.engine.api.acquisition(id, { costTable, grouping }));
  }

  async #defaultGrouping(id: string): Promise<GroupingHandle | null> {
    try {
      return (await this.#ctx.engine.api.rfm(id, DEFAULT_RFM_REQUEST)).handle;
    } catch (error) {
      // the per-segment figures cannot be computed: say so where they are shown
      await this.rates.load(() => Promise.reject(error));
      return null;
    }
  }
}
