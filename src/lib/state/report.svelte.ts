/**
 * The Report page's state (战略报告, issue 17): which sections are chosen, the build's progress,
 * and the report model once built. Each section's figures are READ from the pages' own state
 * classes after asking them to load (their `sync()`/`ensure()`), never computed again here; a
 * writer from the view layer words them (current language, masking) and renders the charts.
 * A section whose data does not exist is left out, with the reason.
 */
import type { ReportModel, ReportSection } from '../domain/report';
import type { DashboardData, RfmResult, StrategyFacts, VoiceResult } from '../../../workers/api';
import type { DatasetRow } from '../db';
import type { Action } from '../domain/act/action';
import type { SegmentsState } from './segments.svelte';
import type { VoiceState } from './voice.svelte';
import type { StrategyState } from './strategy.svelte';
import type { BudgetState, BudgetView } from './strategy/budget.svelte';
import type { PortfolioState } from './strategy/portfolio.svelte';
import type { ActionsState, ReadoutEntry } from './act/actions.svelte';
import type { TargetsState } from './act/targets.svelte';

/** The sections of this slice, in the document's order. */
export const REPORT_SECTIONS = ['summary', 'segments', 'voice', 'strategy', 'actions'] as const;
export type ReportSectionId = (typeof REPORT_SECTIONS)[number];

/** Why a section was left out of the report. */
export type LeftOutReason = 'noOrders' | 'noSegments' | 'noAnswers' | 'noGroups' | 'noActions' | 'failed';

/** What the report reads: the workspace and the pages' state classes. */
export interface ReportSources {
  ws: { readonly current: DatasetRow | null; readonly dashboard: DashboardData | null; readonly currentDatasetId: string | null };
  segs: SegmentsState;
  voice: VoiceState;
  strategy: StrategyState;
  budget: BudgetState;
  portfolio: PortfolioState;
  actions: ActionsState;
  targets: TargetsState;
}

/** The figures of each section as the pages hold them. */
export interface ReportInputs {
  summary: { dashboard: DashboardData; targets: TargetsState };
  segments: { rfm: RfmResult };
  voice: { voice: VoiceResult; rfm: RfmResult | null };
  strategy: { facts: StrategyFacts; portfolio: PortfolioState; budget: BudgetView | null };
  actions: { actions: Action[]; readouts: Record<string, ReadoutEntry> };
}

/** The context of a report: dataset, masking. */
export interface ReportContext {
  dataset: DatasetRow;
  mask: boolean;
  locale: 'en' | 'zh';
}

/** Words the figures as sections (the view layer: language, formats, chart images). */
export interface ReportWriter {
  section<K extends ReportSectionId>(id: K, input: ReportInputs[K], context: ReportContext): Promise<ReportSection>;
  /** Title, cover lines and labels; `leftOut` the sections chosen but left out. */
  frame(context: ReportContext, sections: ReportSection[], leftOut: { id: ReportSectionId; reason: LeftOutReason }[]): Omit<ReportModel, 'sections'>;
}

type Read<K extends ReportSectionId> = { input: ReportInputs[K] } | { reason: LeftOutReason };

export class ReportState {
  #src: ReportSources;
  #chosen = $state<Record<ReportSectionId, boolean>>({ summary: true, segments: true, voice: true, strategy: true, actions: true });
  #model = $state.raw<ReportModel | null>(null);
  #leftOut = $state.raw<{ id: ReportSectionId; reason: LeftOutReason }[]>([]);
  #progress = $state.raw<{ done: number; total: number } | null>(null);
  #error = $state.raw<string | null>(null);
  #run = 0;
  /** The dataset the model was built for (another dataset: the model is gone). */
  #builtFor = $state<string | null>(null);

  constructor(sources: ReportSources) {
    this.#src = sources;
  }

  get chosen(): Readonly<Record<ReportSectionId, boolean>> { return this.#chosen; }
  /** The model built for the current dataset (null before a build, or for another dataset). */
  get model(): ReportModel | null {
    return this.#builtFor !== null && this.#builtFor === this.#src.ws.currentDatasetId ? this.#model : null;
  }
  get leftOut(): { id: ReportSectionId; reason: LeftOutReason }[] { return this.model ? this.#leftOut : []; }
  /** Steps done of the build running (null: none running). */
  get progress(): { done: number; total: number } | null { return this.#progress; }
  get building(): boolean { return this.#progress !== null; }
  /** Why the last build failed (null: it did not). */
  get error(): string | null { return this.#error; }

  choose(id: ReportSectionId, on: boolean): void {
    this.#chosen = { ...this.#chosen, [id]: on };
  }

  /** Stop the build running (the model built before stays). */
  cancel(): void {
    this.#run++;
    this.#progress = null;
  }

  /**
   * Build the report of the chosen sections: each page's state loads what it needs, its results
   * are read and worded by `writer`. Two steps per section (load, word), one for the frame.
   */
  async build(writer: ReportWriter, options: { mask: boolean; locale: 'en' | 'zh' }): Promise<void> {
    const dataset = this.#src.ws.current;
    const datasetId = this.#src.ws.currentDatasetId;
    if (!dataset || !datasetId) return;
    const run = ++this.#run;
    const ids = REPORT_SECTIONS.filter((id) => this.#chosen[id]);
    const total = ids.length * 2 + 1;
    let done = 0;
    const step = () => {
      done++;
      if (run === this.#run) this.#progress = { done, total };
    };
    this.#progress = { done, total };
    this.#error = null;
    const context: ReportContext = { dataset, mask: options.mask, locale: options.locale };
    const sections: ReportSection[] = [];
    const leftOut: { id: ReportSectionId; reason: LeftOutReason }[] = [];
    try {
      for (const id of ids) {
        const read = await this.#read(id);
        if (run !== this.#run) return;
        step();
        if ('reason' in read) leftOut.push({ id, reason: read.reason });
        else sections.push(await writer.section(id, read.input as never, context));
        if (run !== this.#run) return;
        step();
      }
      const model: ReportModel = { ...writer.frame(context, sections, leftOut), sections };
      if (run !== this.#run || this.#src.ws.currentDatasetId !== datasetId) return;
      step();
      this.#model = model;
      this.#leftOut = leftOut;
      this.#builtFor = datasetId;
    } catch (error) {
      if (run === this.#run) this.#error = error instanceof Error ? error.message : String(error);
    } finally {
      if (run === this.#run) this.#progress = null;
    }
  }

  /** Ask the section's page state to load, then read its results. */
  async #read(id: ReportSectionId): Promise<Read<ReportSectionId>> {
    const s = this.#src;
    switch (id) {
      case 'summary': {
        const dashboard = s.ws.dashboard;
        if (!dashboard) return { reason: 'noOrders' };
        await s.targets.sync({ onlyWithTargets: true });
        return { input: { dashboard, targets: s.targets } };
      }
      case 'segments': {
        await s.segs.ensure();
        const rfm = s.segs.rfm.result;
        if (s.segs.rfm.error) return { reason: 'failed' };
        return rfm && rfm.segments.some((x) => x.size > 0) ? { input: { rfm } } : { reason: 'noSegments' };
      }
      case 'voice': {
        await s.segs.ensure();
        await s.voice.sync();
        const voice = s.voice.result.value;
        if (s.voice.result.error) return { reason: 'failed' };
        return voice && voice.answers > 0 ? { input: { voice, rfm: s.segs.rfm.result } } : { reason: 'noAnswers' };
      }
      case 'strategy': {
        await s.segs.ensure();
        await s.strategy.sync();
        await s.budget.sync();
        const facts = s.strategy.facts.value;
        if (s.strategy.facts.error) return { reason: 'failed' };
        return facts && facts.segments.length > 0 ? { input: { facts, portfolio: s.portfolio, budget: s.budget.view } } : { reason: 'noGroups' };
      }
      case 'actions': {
        await s.actions.sync();
        const actions = s.actions.actions;
        if (s.actions.error) return { reason: 'failed' };
        return actions.length > 0 ? { input: { actions, readouts: s.actions.readouts } } : { reason: 'noActions' };
      }
    }
  }
}
