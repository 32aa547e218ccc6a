/**
 * The RFM panel: the request (preset, monetary, bins, binning, reference, own bin edges, the
 * user's own rule order; the analysis day is the page's) and its result. Every change segments
 * again.
 */
import type { Notice } from '../../domain/types';
import type { RfmBinning, SegmentRule } from '../../domain';
import { RFM11_RULES } from '../../domain';
import { getSetting, setSetting } from '../../db';
import type { GroupingHandle, RfmRequest, RfmResult } from '../../../../workers/api';
import type { DatasetContext } from '../context';
import { Grouping } from './grouping.svelte';

export type PresetChoice = 'rfm11' | 'rfm8' | 'custom';
export type Thresholds = { R?: number[]; F?: number[]; M?: number[] };

const CUSTOM_RULES_KEY = 'rfmRules:custom';

export class RfmPanel {
  #ctx: DatasetContext;
  #grouping: Grouping<[RfmRequest], RfmResult>;
  #preset = $state<PresetChoice>('rfm11');
  #monetary = $state<'total' | 'average'>('total');
  #bins = $state(5);
  #reference = $state<'mean' | 'median'>('mean');
  #method = $state<RfmBinning>('tie-aware');
  #customRules = $state.raw<SegmentRule[]>([...RFM11_RULES]);
  #thresholds = $state.raw<Thresholds>({});

  #analysisDay: () => number | undefined;

  /**
   * @param onResult called after each result (the selected segment follows it)
   * @param analysisDay the day the scores are as of (undefined: the day after the last order)
   */
  constructor(ctx: DatasetContext, onResult: (result: RfmResult) => void | Promise<void> = () => undefined, analysisDay: () => number | undefined = () => undefined) {
    this.#ctx = ctx;
    this.#analysisDay = analysisDay;
    this.#grouping = new Grouping(ctx, (id, request: RfmRequest) => ctx.engine.api.rfm(id, request), onResult);
  }

  get preset(): PresetChoice { return this.#preset; }
  get monetary(): 'total' | 'average' { return this.#monetary; }
  get bins(): number { return this.#bins; }
  get reference(): 'mean' | 'median' { return this.#reference; }
  /** How bin edges are found where the user gave none: tie-aware (the default) or strict quantiles. */
  get method(): RfmBinning { return this.#method; }
  get customRules(): SegmentRule[] { return this.#customRules; }
  get thresholds(): Thresholds { return this.#thresholds; }
  get result(): RfmResult | null { return this.#grouping.result; }
  get handle(): GroupingHandle | null { return this.#grouping.handle; }
  get error(): Notice | null { return this.#grouping.error; }
  get busy(): boolean { return this.#grouping.busy; }

  /** The handle if it was computed for this revision of the current dataset. */
  handleFor(revision: unknown): GroupingHandle | null {
    return this.#grouping.handleFor(revision);
  }

  /** The rules in force, in order (first match wins). */
  get rules(): readonly SegmentRule[] {
    return this.#preset === 'custom' ? this.#customRules : RFM11_RULES;
  }

  /** The request as it stands. */
  get request(): RfmRequest {
    return {
      analysisDay: this.#analysisDay(), monetary: this.#monetary, bins: this.#bins, reference: this.#reference,
      thresholds: { ...this.#thresholds },
      preset: this.#preset === 'custom' ? this.#customRules : this.#preset,
      method: this.#method,
    };
  }

  async run(): Promise<void> {
    await this.#grouping.run(this.request);
  }

  /** Compute again (RFM is computed again on every change, so this is `run`). */
  async refresh(): Promise<void> {
    await this.run();
  }


  /** The user's own bin edges for one score (empty = quantiles). */
  async setThresholds(score: 'R' | 'F' | 'M', edges: number[]): Promise<void> {
    this.#thresholds = { ...this.#thresholds, [score]: edges.length ? edges : undefined };
    await this.run();
  }

  async setPreset(p: PresetChoice): Promise<void> {
    this.#preset = p;
    if (p === 'custom') {
      this.#customRules = await getSetting<SegmentRule[]>(this.#ctx.db, CUSTOM_RULES_KEY, [...RFM11_RULES]);
    }
    await this.run();
  }

  async setOptions(o: {
    monetary?: 'total' | 'average'; bins?: number; reference?: 'mean' | 'median'; method?: RfmBinning;
  }): Promise<void> {
    if (o.monetary) this.#monetary = o.monetary;
    if (o.bins) this.#bins = o.bins;
    if (o.method) this.#method = o.method;
    if (o.reference) this.#reference = o.reference;
    await this.run();
  }

  /** Move a rule up or down in the custom order and re-segment. */
  async moveRule(index: number, by: -1 | 1): Promise<void> {
    const rules = [...this.rules];
    const j = index + by;
    if (j < 0 || j >= rules.length) return;
    [rules[index], rules[j]] = [rules[j], rules[index]];
    await this.#saveCustom(rules);
  }

  /** Change one score range of a rule (custom order) and re-segment. */
  async setRange(index: number, score: 'R' | 'F' | 'M', range: [number, number]): Promise<void> {
    const rules = this.rules.map((r, i) => (i === index ? { ...r, [score]: [Math.min(...range), Math.max(...range)] as [number, number] } : r));
    await this.#saveCustom(rules);
  }

  async resetCustom(): Promise<void> {
    this.#customRules = [...RFM11_RULES];
    await setSetting(this.#ctx.db, CUSTOM_RULES_KEY, this.#customRules);
    await this.run();
  }

  async #saveCustom(rules: SegmentRule[]): Promise<void> {
    this.#customRules = rules;
    this.#preset = 'custom';
    await setSetting(this.#ctx.db, CUSTOM_RULES_KEY, rules);
    await this.run();
  }
}
